//! Writes the evidence page from the evidence library
//! (`crates/model/src/views/evidence_page.rs`): `docs/evidence.md` and the
//! static page `www/evidence.html` beside the calculator.
//!
//! ```text
//! cargo run --bin gen-evidence
//! ```
//!
//! `crates/model/tests/evidence_page.rs` fails while the committed files and the library
//! disagree.

#![forbid(unsafe_code)]

use std::path::Path;
use std::process::ExitCode;

use outcome_calculator::model::views::evidence_page;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut failed = false;
    for (file, text) in [
        ("docs/evidence.md", evidence_page::markdown()),
        ("www/evidence.html", evidence_page::html()),
    ] {
        let path = root.join(file);
        if std::fs::read_to_string(&path).is_ok_and(|t| t == text) {
            println!("{} is up to date", path.display());
            continue;
        }
        match std::fs::write(&path, text) {
            Ok(()) => println!("wrote {}", path.display()),
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
