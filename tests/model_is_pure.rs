//! The model must stay pure: no JavaScript bindings, no I/O, no clock, no
//! randomness of its own. The model is its own crate (`crates/model`), so the
//! compiler refuses JavaScript there unless its manifest names a binding
//! crate; this test reads that manifest, the model's source and the root
//! manifest. The kernel crate (`crates/kernel`, the model's hot loops
//! instantiated where they are compiled for speed) is held to the same, and
//! depends on the model alone.

use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("crates/model/src is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn model_is_pure() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("crates/model/src"), &mut files);
    assert!(files.len() > 5, "found the model's files");
    let model = files.len();
    rust_files(&root.join("crates/kernel/src"), &mut files);
    assert!(files.len() > model, "found the kernel crate's files");
    let forbidden = [
        "wasm_bindgen",
        "web_sys",
        "js_sys",
        "serde_wasm_bindgen",
        "std::fs",
        "std::net",
        "std::process",
        "std::env",
        "std::time",
        "SystemTime",
        "Instant::now",
        "thread_rng",
        "getrandom",
        "println!",
        "eprintln!",
    ];
    for file in files {
        let text = fs::read_to_string(&file).expect("readable source");
        for word in forbidden {
            assert!(
                !text.contains(word),
                "{} names `{word}`: the model must not know about JavaScript, I/O, the clock or ambient randomness",
                file.display()
            );
        }
    }
}

#[test]
fn wasm_only_dependencies_are_target_gated() {
    let manifest = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .expect("Cargo.toml is readable");
    let mut section = String::new();
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            section = line.to_string();
            continue;
        }
        for name in ["wasm-bindgen", "web-sys", "js-sys", "serde-wasm-bindgen"] {
            if line.starts_with(&format!("{name} ")) || line.starts_with(&format!("{name}=")) {
                assert!(
                    section.contains("target_arch = \"wasm32\""),
                    "{name} is declared in {section}, outside the wasm32 target section"
                );
            }
        }
        if section.starts_with("[target.'cfg(target_arch = \"wasm32\")'.dependencies.") {
            assert!(
                section.contains("web-sys") || section.contains("js-sys"),
                "unexpected wasm section {section}"
            );
        }
    }
}

#[test]
fn the_model_crate_names_no_javascript_crate() {
    for crate_dir in ["crates/model", "crates/kernel"] {
        let manifest = fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("{crate_dir}/Cargo.toml")),
        )
        .expect("the crate's Cargo.toml is readable");
        for name in [
            "wasm-bindgen",
            "web-sys",
            "js-sys",
            "serde-wasm-bindgen",
            "getrandom",
        ] {
            assert!(
                !manifest.lines().any(|l| l.trim_start().starts_with(name)),
                "{crate_dir}/Cargo.toml depends on {name}: the model must build without JavaScript"
            );
        }
    }
}

/// The kernel crate only instantiates the model's code: its one dependency
/// is the model, and it has no dependencies for targets or features of its
/// own.
#[test]
fn the_kernel_crate_depends_on_the_model_alone() {
    let manifest =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/kernel/Cargo.toml"))
            .expect("crates/kernel/Cargo.toml is readable");
    let mut section = String::new();
    let mut dependencies = Vec::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line.to_string();
            assert!(
                !section.contains("dependencies") || section == "[dependencies]",
                "crates/kernel/Cargo.toml has a section {section}: the kernel depends on the model alone"
            );
            continue;
        }
        if section == "[dependencies]" && !line.is_empty() && !line.starts_with('#') {
            dependencies.push(line.split([' ', '=']).next().unwrap_or("").to_string());
        }
    }
    assert_eq!(dependencies, ["outcome-model"]);
}
