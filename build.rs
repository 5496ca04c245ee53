//! Build script: compiles the Slint UI in `ui/` with the Fluent style, whose widgets follow
//! the light or dark scheme the theme picks. Element debug info, through which the UI tests
//! find elements by their accessible labels, is left out of release builds, where nothing
//! looks elements up and it would only add to the binary.

fn main() {
    println!("cargo:rerun-if-env-changed=PROFILE");
    let release = std::env::var("PROFILE").is_ok_and(|profile| profile == "release");
    let config = slint_build::CompilerConfiguration::new()
        .with_style("fluent".into())
        .with_debug_info(!release);
    if let Err(error) = slint_build::compile_with_config("ui/app.slint", config) {
        println!("cargo:warning=Slint UI failed to compile: {error}");
        std::process::exit(1);
    }
}
