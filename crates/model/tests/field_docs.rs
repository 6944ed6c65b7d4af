//! The field tables of `docs/scenario-format.md` are the model's table of
//! fields: this fails while they differ (`cargo run --bin gen-field-docs`
//! writes them).

use std::path::Path;

use outcome_model::scenario::field_docs;

#[test]
fn the_docs_show_the_table_of_fields() {
    let path =
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("docs/scenario-format.md");
    let text = std::fs::read_to_string(&path).expect("docs/scenario-format.md is readable");
    let updated = field_docs::replace(&text).unwrap_or_else(|| {
        panic!(
            "docs/scenario-format.md lacks the markers of the field tables:\n{}\n{}",
            field_docs::START,
            field_docs::END
        )
    });
    assert!(
        updated == text,
        "docs/scenario-format.md differs from the table of fields \
         (crates/model/src/scenario/fields.rs): run `cargo run --bin gen-field-docs`"
    );
}

#[test]
fn every_row_of_the_table_is_in_the_docs() {
    let text = field_docs::markdown();
    for f in outcome_model::scenario::fields::FIELDS {
        let name = f.path.rsplit_once('.').map_or(f.path, |(_, n)| n);
        assert!(
            text.contains(&format!("{name}`")),
            "{} is not in the docs",
            f.path
        );
    }
}

/// The tracking parameters a link is read without are all listed in the
/// docs, from the one list in `scenario::link`.
#[test]
fn the_docs_list_every_tracking_parameter() {
    use outcome_model::scenario::link;
    let path =
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("docs/scenario-format.md");
    let text = std::fs::read_to_string(&path).unwrap();
    for t in link::TRACKING {
        assert!(text.contains(&format!("`{t}`")), "{t} is not in the docs");
    }
    for p in link::TRACKING_PREFIXES {
        assert!(text.contains(&format!("`{p}*`")), "{p}* is not in the docs");
    }
}
