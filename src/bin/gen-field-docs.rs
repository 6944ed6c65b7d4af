//! Writes the field tables of `docs/scenario-format.md` from the table of
//! fields (`crates/model/src/scenario/fields.rs`), between its marker
//! comments.
//!
//! ```text
//! cargo run --bin gen-field-docs
//! ```
//!
//! A test of the model (`the_docs_show_the_table`) fails while the committed
//! file and the table disagree.

use std::path::Path;
use std::process::ExitCode;

use outcome_calculator::model::scenario::field_docs;

fn main() -> ExitCode {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/scenario-format.md");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let Some(updated) = field_docs::replace(&text) else {
        eprintln!(
            "{}: the markers are missing; put these two lines where the tables go:\n{}\n{}",
            path.display(),
            field_docs::START,
            field_docs::END
        );
        return ExitCode::FAILURE;
    };
    if updated == text {
        println!("{} is up to date", path.display());
        return ExitCode::SUCCESS;
    }
    match std::fs::write(&path, updated) {
        Ok(()) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}
