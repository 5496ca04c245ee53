//! Build script: compiles the Slint UI in `ui/` with the Fluent light style. Element debug
//! info is always on: the UI tests find elements by their accessible labels through it.

fn main() {
    let config = slint_build::CompilerConfiguration::new()
        .with_style("fluent-light".into())
        .with_debug_info(true);
    if let Err(error) = slint_build::compile_with_config("ui/app.slint", config) {
        println!("cargo:warning=Slint UI failed to compile: {error}");
        std::process::exit(1);
    }
}
