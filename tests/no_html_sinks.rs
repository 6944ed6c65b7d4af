//! Nothing the widget shows is parsed as HTML or run as code: the widget's
//! Rust, the loader and the page's scripts never use `innerHTML`,
//! `outerHTML`, `insertAdjacentHTML`, `document.write`, `eval`,
//! `new Function`, `setTimeout` with a string, or `javascript:` links, and
//! the web-sys features that would parse markup are not enabled. Text goes
//! into the page through `textContent` and attribute setters only.
//!
//! The generated glue in `www/pkg/` (when built) is checked too: it holds
//! every browser call the compiled widget can make.

use std::fs;
use std::path::{Path, PathBuf};

/// Spellings of the sinks in Rust (web-sys, js-sys) and in JavaScript.
const SINKS: &[&str] = &[
    // Markup parsed into the page.
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "set_inner_html",
    "set_outer_html",
    "insert_adjacent_html",
    "createContextualFragment",
    "create_contextual_fragment",
    "parseFromString",
    "parse_from_string",
    "DomParser",
    "DOMParser",
    "srcdoc",
    "setHTMLUnsafe",
    "set_html_unsafe",
    "document.write",
    "write_with_str",
    "writeln",
    // Text run as code.
    "eval(",
    "js_sys::eval",
    "new Function",
    "Function::new_no_args",
    "Function::new_with_args",
    "javascript:",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Files directly in `dir` (and below, if `deep`) ending in `ext`.
fn files(dir: &Path, ext: &str, deep: bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if deep {
                out.extend(files(&path, ext, deep));
            }
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Lines of code with a sink, as `file:line: text`. Comment lines are
/// skipped, so documentation may name the sinks it forbids.
fn offending(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let t = line.trim_start();
            !(t.starts_with("//") || t.starts_with("/*") || t.starts_with('*'))
        })
        .filter(|(_, line)| SINKS.iter().any(|s| line.contains(s)))
        .map(|(i, line)| format!("{}:{}: {}", path.display(), i + 1, line.trim()))
        .collect()
}

#[test]
fn the_widget_and_its_scripts_have_no_html_or_code_sinks() {
    let root = root();
    let mut checked = files(&root.join("src/widget"), "rs", true);
    checked.extend(files(&root.join("src/dom"), "rs", true));
    checked.extend(files(&root.join("src/workings"), "rs", true));
    checked.extend(files(&root.join("www"), "js", false));
    checked.extend(files(&root.join("www"), "html", false));
    checked.extend(files(&root.join("www/pages"), "html", false));
    checked.extend(files(&root.join("www/pkg"), "js", false));
    checked.extend(files(&root.join("www/pkg-workings"), "js", false));
    assert!(
        checked.iter().any(|p| p.ends_with("src/widget/mod.rs"))
            && checked.iter().any(|p| p.ends_with("src/workings/mod.rs"))
            && checked
                .iter()
                .any(|p| p.ends_with("www/outcome-calculator.js")),
        "the widget's sources were not found: {checked:?}"
    );
    let found: Vec<String> = checked.iter().flat_map(|p| offending(p)).collect();
    assert!(
        found.is_empty(),
        "text must reach the page through textContent and attribute setters only:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_page_has_no_inline_handlers_or_scripts() {
    for page in files(&root().join("www"), "html", false) {
        let html = fs::read_to_string(&page).unwrap();
        let lower = html.to_ascii_lowercase();
        // Inline event handlers (` onload=`, ` onclick=` …) and inline
        // scripts would both break the page's CSP and be places to inject.
        let handler = lower.match_indices(" on").any(|(i, _)| {
            let rest = &lower[i + 3..];
            let name: String = rest.chars().take_while(char::is_ascii_lowercase).collect();
            !name.is_empty() && rest[name.len()..].trim_start().starts_with('=')
        });
        assert!(!handler, "{}: inline event handler", page.display());
        for (i, _) in lower.match_indices("<script") {
            let tag = &lower[i..lower[i..].find('>').map_or(lower.len(), |j| i + j)];
            assert!(
                tag.contains(" src="),
                "{}: inline script {tag}",
                page.display()
            );
        }
    }
}

#[test]
fn markup_parsing_features_of_web_sys_are_not_enabled() {
    let manifest = fs::read_to_string(root().join("Cargo.toml")).unwrap();
    for feature in [
        "\"DomParser\"",
        "\"Range\"",
        "\"HtmlIFrameElement\"",
        "\"Worker\"",
    ] {
        assert!(
            !manifest.contains(feature),
            "web-sys feature {feature} is enabled"
        );
    }
}

/// The check itself finds what it looks for.
#[test]
fn the_check_finds_a_sink() {
    let dir = std::env::temp_dir().join(format!("no-html-sinks-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.rs");
    fs::write(
        &file,
        "// innerHTML is named in a comment, which is fine\nel.set_inner_html(&name);\n",
    )
    .unwrap();
    let found = offending(&file);
    fs::remove_dir_all(&dir).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with(":2: el.set_inner_html(&name);"));
}
