//! The repository stands alone: a clone with nothing beside it builds,
//! generates its tables and passes its tests. The official files the tables
//! come from are inside it (`data/official/`, with their sources and the
//! Open Government Licence credit), and no file names a folder outside it.

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file of the project that people or tools read: sources, tests,
/// scripts, pages and docs (build outputs and installed packages left out).
fn project_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("readable entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !matches!(
                name,
                ".git" | "target" | "node_modules" | "pkg" | "pkg-workings" | "dist"
            ) {
                project_files(&path, out);
            }
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("rs" | "mjs" | "js" | "md" | "toml" | "json" | "html" | "css" | "csv")
        ) || name == "run"
        {
            out.push(path);
        }
    }
}

#[test]
fn no_file_names_a_folder_outside_the_repository() {
    // Spelt in two pieces so that this file does not name it either.
    let outside = format!("{}/{}", "..", "shared");
    let mut files = Vec::new();
    project_files(root(), &mut files);
    assert!(files.len() > 100, "only {} files found", files.len());
    let naming: Vec<String> = files
        .iter()
        .filter(|p| {
            std::fs::read(p)
                .map(|b| String::from_utf8_lossy(&b).contains(&outside))
                .unwrap_or(false)
        })
        .map(|p| p.strip_prefix(root()).unwrap_or(p).display().to_string())
        .collect();
    assert!(naming.is_empty(), "{outside} is named in {naming:?}");
}

#[test]
fn the_official_files_are_inside_the_repository_with_their_sources_and_licence() {
    let dir = root().join("data/official");
    for name in [
        "la_presets_2024.csv",
        "la_presets_2025.csv",
        "la_history.csv",
        "la_spend_2022_23.csv",
        "la_spend_2023_24.csv",
        "la_spend_2024_25.csv",
        "statistical_neighbours_2025.csv",
    ] {
        let text = std::fs::read_to_string(dir.join(name))
            .unwrap_or_else(|e| panic!("data/official/{name}: {e}"));
        assert!(
            text.lines().count() > 100,
            "data/official/{name} is too short"
        );
    }
    let sources =
        std::fs::read_to_string(dir.join("SOURCES.md")).expect("data/official/SOURCES.md");
    for needed in [
        "Open Government",
        "Licence v3.0",
        "Source: Department for Education",
        "suppress",
    ] {
        assert!(sources.contains(needed), "SOURCES.md lacks {needed:?}");
    }
}
