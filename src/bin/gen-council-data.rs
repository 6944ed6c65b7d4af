//! Writes the council history, spending and statistical-neighbour files of
//! `data/official/` as one bundle (`www/data/council-data.js`): the one
//! form of the council data, loaded by the page only when asked and taken
//! in by the CLI and the tests.
//!
//! ```text
//! cargo run --bin gen-council-data                    # reads data/official
//! cargo run --bin gen-council-data -- path/to/folder  # reads another folder
//! ```
//!
//! Each file is checked with the model's own `parse_table` functions before
//! it is written, and the bundle must read back; no figure is copied by
//! hand. `crates/model/tests/council_data.rs` fails if the committed file
//! differs from what this writes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use outcome_calculator::model::context::council_data;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = std::env::args_os()
        .nth(1)
        .map_or_else(|| root.join("data/official"), PathBuf::from);
    match bundle(&data, &root.join(council_data::BUNDLE_PATH)) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("gen-council-data: {message}");
            ExitCode::FAILURE
        }
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn bundle(data: &Path, out: &Path) -> Result<String, String> {
    let mut files = Vec::new();
    for name in council_data::bundle_files() {
        files.push((name.clone(), read(&data.join(&name))?));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let text = council_data::bundle(&refs);
    // The bundle must read back (each file with its own reader).
    let read = council_data::CouncilData::from_bundle(&text).map_err(|e| format!("bundle: {e}"))?;
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    write(out, &council_data::bundle_module(&text))?;
    Ok(format!(
        "wrote {} ({} files: history of {} councils, neighbours of {})",
        out.display(),
        files.len(),
        read.history.len(),
        read.neighbours.len()
    ))
}
