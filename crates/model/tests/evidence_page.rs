//! The evidence page (`docs/evidence.md`, `www/evidence.html`) is the
//! evidence library's: this fails while either differs
//! (`cargo run --bin gen-evidence` writes them).

use std::path::Path;

use outcome_model::data::{evidence, unprojected};
use outcome_model::views::evidence_page;

fn read(file: &str) -> String {
    std::fs::read_to_string(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(file))
        .unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn the_evidence_pages_are_the_librarys() {
    for (file, text) in [
        ("docs/evidence.md", evidence_page::markdown()),
        ("www/evidence.html", evidence_page::html()),
    ] {
        assert!(
            read(file) == text,
            "{file} differs from the evidence library: run `cargo run --bin gen-evidence`"
        );
    }
}

#[test]
fn every_programme_asked_about_is_on_the_page_with_its_reason() {
    let page = read("www/evidence.html");
    for id in [
        "family-valued",
        "inside-out",
        "partners-in-practice",
        "hackney-contextual-safeguarding",
        "supporting-families-investing-in-practice",
    ] {
        let u = unprojected::find(id).unwrap_or_else(|| panic!("{id}"));
        assert!(page.contains(&format!("id=\"{id}\"")), "{id}");
        assert!(!u.why_not.is_empty() && !u.needs.is_empty(), "{id}");
    }
    for p in evidence::library() {
        assert!(page.contains(&format!("id=\"{}\"", p.id)), "{}", p.id);
    }
}

#[test]
fn the_methodology_points_at_the_evidence_page() {
    let m = read("docs/methodology.md");
    assert!(m.contains("(evidence.md)") && m.contains("evidence.html"));
}
