//! ARCHITECTURE.md stays true to the code: every test it cites exists, and
//! every file it names (and every file the threat note, `docs/security.md`,
//! names) is in the repository.

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file below the root, build outputs and installed packages left out.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("readable entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            // Build outputs (`.gitignore`): the same answer before a build
            // and after one.
            if !matches!(
                name,
                ".git"
                    | "target"
                    | "node_modules"
                    | "dist"
                    | "pkg"
                    | "pkg-workings"
                    | "test-results"
            ) {
                files(&path, out);
            }
        } else {
            out.push(path);
        }
    }
}

/// The words the document puts in backticks.
fn quoted(doc: &str) -> Vec<&str> {
    doc.split('`').skip(1).step_by(2).collect()
}

#[test]
fn every_test_architecture_md_cites_exists() {
    let doc = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let mut all = Vec::new();
    files(root(), &mut all);
    let rust: String = all
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .collect();
    // A test's name: lower-case words joined by underscores, four or more
    // (a dependency's name, such as `serde_path_to_error`, is not one).
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).expect("Cargo.lock");
    let names: Vec<&str> = quoted(&doc)
        .into_iter()
        .filter(|w| {
            w.split('_').count() >= 4
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                && !lock.contains(&format!("name = \"{}\"", w.replace('_', "-")))
                && !lock.contains(&format!("name = \"{w}\""))
        })
        .collect();
    assert!(names.len() >= 5, "only {} test names found", names.len());
    for name in names {
        assert!(
            rust.contains(&format!("fn {name}(")),
            "ARCHITECTURE.md cites `{name}`, which no test defines"
        );
    }
}

#[test]
fn every_file_architecture_md_names_exists() {
    files_named_exist("ARCHITECTURE.md", 10);
}

/// The threat note's table of checks names test files and sources too.
#[test]
fn every_file_security_md_names_exists() {
    files_named_exist("docs/security.md", 5);
}

/// Every file `doc` names in backticks is in the repository (at least
/// `least` of them are named).
fn files_named_exist(doc_path: &str, least: usize) {
    let doc = std::fs::read_to_string(root().join(doc_path)).expect("the document is readable");
    let mut all = Vec::new();
    files(root(), &mut all);
    let paths: Vec<String> = all
        .iter()
        .map(|p| p.strip_prefix(root()).unwrap_or(p).display().to_string())
        .collect();
    let named: Vec<&str> = quoted(&doc)
        .into_iter()
        .filter(|w| {
            !w.contains(' ')
                && !w.contains('*')
                && !w.starts_with('.')
                && [
                    ".rs", ".mjs", ".js", ".md", ".toml", ".css", ".html", ".json",
                ]
                .iter()
                .any(|ext| w.ends_with(ext))
        })
        .collect();
    assert!(named.len() >= least, "only {} files found", named.len());
    let build = std::fs::read_to_string(root().join("scripts/build.mjs")).expect("build.mjs");
    for file in named {
        // Named from the root, or from the folder the text is about
        // (`calc/engine.rs` in the model's code map); a file the build
        // writes (`pkg/…`) is named by the build script, or after the
        // crate's library (wasm-bindgen's outputs).
        let built = (file.starts_with("dist/") && build.contains(file))
            || file.strip_prefix("pkg/").is_some_and(|f| {
                build.contains(f)
                    || (f.starts_with("outcome_calculator")
                        && build.contains("const CRATE_LIB = 'outcome_calculator'"))
            });
        assert!(
            built
                || paths
                    .iter()
                    .any(|p| p == file || p.ends_with(&format!("/{file}"))),
            "{doc_path} names `{file}`, which is not in the repository"
        );
    }
}
