//! Writes the council history, spending and statistical-neighbour tables
//! (`crates/model/src/history_table.rs`, `spend_table.rs`, `neighbours_table.rs`)
//! from the official files in `data/official/`, and the same files as
//! one bundle the page loads only when asked (`www/data/council-data.js`).
//!
//! ```text
//! cargo run --bin gen-council-data                    # reads data/official
//! cargo run --bin gen-council-data -- path/to/folder  # reads another folder
//! ```
//!
//! The files are read with the model's own `parse_table` functions and
//! written with its `render_table` functions, so no figure is copied by
//! hand; `crates/model/tests/council_data.rs` fails if the committed tables differ from
//! what this writes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use outcome_calculator::model::{
    context::council_data, context::history, context::neighbours, context::spend,
};

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = std::env::args_os()
        .nth(1)
        .map_or_else(|| root.join("data/official"), PathBuf::from);
    match run(&data, &root.join("crates/model/src/context")).and_then(|s| {
        bundle(&data, &root.join(council_data::BUNDLE_PATH)).map(|b| format!("{s}; {b}"))
    }) {
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

fn run(data: &Path, out: &Path) -> Result<String, String> {
    let mut summary = Vec::new();

    let path = data.join("la_history.csv");
    let series =
        history::parse_table(&read(&path)?).map_err(|e| format!("{}: {e:?}", path.display()))?;
    write(
        &out.join("history_table.rs"),
        &history::render_table(&series),
    )?;
    summary.push(format!("history: {} councils", series.len()));

    let mut years = Vec::new();
    for year in spend::SpendYear::ALL {
        let path = data.join(year.file_name());
        let rows =
            spend::parse_table(&read(&path)?).map_err(|e| format!("{}: {e:?}", path.display()))?;
        summary.push(format!("spend {}: {} councils", year.label(), rows.len()));
        years.push((year, rows));
    }
    write(&out.join("spend_table.rs"), &spend::render_table(&years))?;

    let path = data.join("statistical_neighbours_2025.csv");
    let rows =
        neighbours::parse_table(&read(&path)?).map_err(|e| format!("{}: {e:?}", path.display()))?;
    write(
        &out.join("neighbours_table.rs"),
        &neighbours::render_table(&rows),
    )?;
    summary.push(format!("neighbours: {} councils", rows.len()));

    Ok(format!("wrote {} ({})", out.display(), summary.join(", ")))
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
    // The bundle must read back.
    council_data::CouncilData::from_bundle(&text).map_err(|e| format!("bundle: {e:?}"))?;
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    write(out, &council_data::bundle_module(&text))?;
    Ok(format!("wrote {} ({} files)", out.display(), files.len()))
}
