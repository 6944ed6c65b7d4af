//! The model's and the widget's modules form no import circle: for each
//! source file, the modules it names through `crate::` paths are its
//! edges, and the graph of files must have no cycle. A newcomer can then
//! read the rooms bottom up (the widget: `dom`, `state`, `form`,
//! `results`, `tools`; the model: `scenario`, `data`, `calc`, `import`,
//! `context`, `views`).
//!
//! One exception, by design: the widget's root module (`src/widget/mod.rs`)
//! mounts everything and is called back to mount again (after a fault, a
//! restore or an import), so edges into it are not counted.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Every `.rs` file under `dir`, as (module path, source).
fn modules(dir: &Path, prefix: &[String], out: &mut BTreeMap<String, String>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("source folder is readable")
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            let mut p = prefix.to_vec();
            p.push(name);
            modules(&path, &p, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let mut p = prefix.to_vec();
            if name != "mod" && name != "lib" {
                p.push(name);
            }
            out.insert(p.join("::"), fs::read_to_string(&path).expect("readable"));
        }
    }
}

/// The paths named after `prefix` in `code`: `prefix a::b` and each item of
/// `prefix {a::b, c}`.
fn paths_after(code: &str, prefix: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().last();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(group.len(), |(j, _)| j);
            for item in group[..end].split(',') {
                found.push(path_at(item.trim()));
            }
        } else {
            found.push(path_at(rest));
        }
    }
    found.into_iter().filter(|p| !p.is_empty()).collect()
}

/// The `a::b::c` path at the start of `text`.
fn path_at(text: &str) -> String {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(text.len());
    text[..end].trim_end_matches(':').to_string()
}

/// The module graph: each module and the modules its code names.
fn graph(
    files: &BTreeMap<String, String>,
    prefix: &str,
    root: &str,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges = BTreeMap::new();
    for (module, source) in files {
        // A module's own tests may name anything; they are not its imports.
        let code: String = source
            .lines()
            .take_while(|l| !l.starts_with("#[cfg(test)]") && !l.starts_with("#[cfg(all(test"))
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut to = BTreeSet::new();
        for path in paths_after(&code, prefix) {
            let path = if root.is_empty() {
                path
            } else {
                format!("{root}::{path}")
            };
            // The longest module that the path starts with.
            let parts: Vec<&str> = path.split("::").collect();
            let target = (0..=parts.len())
                .rev()
                .map(|n| parts[..n].join("::"))
                .find(|m| files.contains_key(m));
            if let Some(t) = target {
                if &t != module && t != root {
                    to.insert(t);
                }
            }
        }
        edges.insert(module.clone(), to);
    }
    edges
}

/// Each cycle of the graph, as the modules on it (empty when there is none).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Depth-first search; a grey node met again closes a cycle.
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
        found: &mut Vec<Vec<String>>,
    ) {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                0 => visit(m, edges, state, stack, found),
                1 => {
                    let at = stack.iter().position(|s| s == m).unwrap();
                    found.push(stack[at..].to_vec());
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
    }
    let mut state = BTreeMap::new();
    let mut found = Vec::new();
    for n in edges.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            visit(n, edges, &mut state, &mut Vec::new(), &mut found);
        }
    }
    found
}

fn check(dir: &str, prefix: &str, root: &str) -> usize {
    let mut files = BTreeMap::new();
    let base: Vec<String> = if root.is_empty() {
        Vec::new()
    } else {
        vec![root.to_string()]
    };
    modules(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(dir),
        &base,
        &mut files,
    );
    assert!(files.len() > 10, "found the modules of {dir}");
    let edges = graph(&files, prefix, root);
    let found = cycles(&edges);
    assert!(
        found.is_empty(),
        "import circles in {dir}: {}",
        found
            .iter()
            .map(|c| c.join(" → "))
            .collect::<Vec<_>>()
            .join("; ")
    );
    edges.values().map(BTreeSet::len).sum()
}

#[test]
fn the_model_has_no_import_circle() {
    let edges = check("crates/model/src", "crate::", "");
    assert!(
        edges > 50,
        "the model's modules name each other ({edges} edges)"
    );
}

#[test]
fn the_widget_has_no_import_circle() {
    let edges = check("src/widget", "crate::widget::", "widget");
    assert!(
        edges > 30,
        "the widget's modules name each other ({edges} edges)"
    );
}

#[test]
fn a_circle_is_found() {
    let mut edges = BTreeMap::new();
    let set = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<BTreeSet<_>>();
    edges.insert("a".to_string(), set(&["b"]));
    edges.insert("b".to_string(), set(&["c"]));
    edges.insert("c".to_string(), set(&["a"]));
    edges.insert("d".to_string(), set(&["a"]));
    assert_eq!(cycles(&edges), vec![vec!["a", "b", "c"]]);
    edges.insert("c".to_string(), set(&[]));
    assert!(cycles(&edges).is_empty());
}

#[test]
fn grouped_imports_are_read() {
    let found = paths_after(
        "use crate::widget::{dom::{self, add}, tools::share};\nx(crate::widget::state::State)",
        "crate::widget::",
    );
    for want in ["dom", "tools::share", "state::State"] {
        assert!(found.iter().any(|f| f == want), "{want} in {found:?}");
    }
}
