//! Build script: compiles the Slint UI.

fn main() {}
