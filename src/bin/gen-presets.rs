//! Writes `crates/model/src/data/presets_table.rs` (with `per_child_table.rs` and
//! `csc_spend_table.rs` beside it) from the council figures in
//! `la_presets_YYYY.csv` files.
//!
//! ```text
//! cargo run --bin gen-presets                      # reads data/official
//! cargo run --bin gen-presets -- path/to/folder    # reads another folder
//! cargo run --bin gen-presets -- folder out.rs     # writes elsewhere
//! ```
//!
//! Every `la_presets_YYYY.csv` in the folder becomes the table of year
//! YYYY; the files are read with `presets::parse_table`, so the numbers are
//! never copied by hand.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use outcome_calculator::model::context::council_data::{self, CouncilData};
use outcome_calculator::model::{context::spend_tables, data::presets};

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut args = std::env::args_os().skip(1);
    let data = args
        .next()
        .map_or_else(|| root.join("data/official"), PathBuf::from);
    let out = args.next().map_or_else(
        || root.join("crates/model/src/data/presets_table.rs"),
        PathBuf::from,
    );
    match run(&data, &out) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("gen-presets: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(data: &Path, out: &Path) -> Result<String, String> {
    let entries =
        std::fs::read_dir(data).map_err(|e| format!("cannot read {}: {e}", data.display()))?;
    let mut files: Vec<(u16, PathBuf)> = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", data.display()))?
            .path();
        let year = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(presets::file_year);
        if let Some(year) = year {
            files.push((year, path));
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(format!(
            "no la_presets_YYYY.csv files in {}",
            data.display()
        ));
    }

    let mut tables = Vec::new();
    let mut summary = Vec::new();
    for (year, path) in files {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let table =
            presets::parse_table(&text, year).map_err(|e| format!("{}: {e}", path.display()))?;
        summary.push(format!("{year}: {} councils", table.len()));
        tables.push((year, table));
    }
    std::fs::write(out, presets::render_table(&tables))
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    // Each council's latest spend per looked-after child, from the outturn
    // files in the same folder (read as the council data file reads them),
    // beside the presets.
    let mut official = Vec::new();
    for name in council_data::bundle_files() {
        let path = data.join(&name);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        official.push((name, text));
    }
    let refs: Vec<(&str, &str)> = official
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let council = CouncilData::from_bundle(&council_data::bundle(&refs))
        .map_err(|e| format!("{}: {e}", data.display()))?;
    let per_child = out.with_file_name("per_child_table.rs");
    let codes: Vec<&str> = tables
        .last()
        .map(|(_, t)| t.iter().map(|p| p.code.as_str()).collect())
        .unwrap_or_default();
    std::fs::write(&per_child, spend_tables::render_per_child(&council, &codes))
        .map_err(|e| format!("cannot write {}: {e}", per_child.display()))?;
    // And each council's total children's social care spend.
    let csc = out.with_file_name("csc_spend_table.rs");
    std::fs::write(&csc, spend_tables::render_csc_spend(&council, &codes))
        .map_err(|e| format!("cannot write {}: {e}", csc.display()))?;
    Ok(format!("wrote {} ({})", out.display(), summary.join(", ")))
}
