//! Build script: compiles the Slint UI in `ui/` with the Fluent style, whose widgets follow
//! the light or dark scheme the theme picks. Element debug info, through which the UI tests
//! find elements by their accessible labels, is left out of release builds, where nothing
//! looks elements up and it would only add to the binary. The translations in
//! `translations/<lang>/LC_MESSAGES/stride.po` are bundled into the binary, so no gettext
//! library is needed at run time; their strings carry no context unless the `.slint` source
//! gives one.

fn main() {
    println!("cargo:rerun-if-env-changed=PROFILE");
    println!("cargo:rerun-if-changed=translations");
    let release = std::env::var("PROFILE").is_ok_and(|profile| profile == "release");
    let config = slint_build::CompilerConfiguration::new()
        .with_style("fluent".into())
        .with_debug_info(!release)
        .with_bundled_translations("translations")
        .with_default_translation_context(slint_build::DefaultTranslationContext::None);
    if let Err(error) = slint_build::compile_with_config("ui/app.slint", config) {
        println!("cargo:warning=Slint UI failed to compile: {error}");
        std::process::exit(1);
    }
}
