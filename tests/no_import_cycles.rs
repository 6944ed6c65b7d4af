//! The model's and the widget's modules form no import circle: for each
//! source file, the modules it names through `crate::` paths are its
//! edges, and the graph of files must have no cycle. A newcomer can then
//! read the rooms bottom up (the widget: `dom`, `state`, `form`,
//! `results`, `tools`; the model: `base`, `data`, `scenario`, `calc` and
//! `import`, `context` and `views`, `explain`). The model's folders are
//! layers besides: none names a folder at or above its own.
//!
//! The widget's root module (`src/widget/mod.rs`) is a file like the
//! others: its own references to its submodules (`tools::build`, `use
//! cycle::update`) are edges, and so is any path into it. It mounts
//! everything; what the panels call back (drawing again, the update
//! cycle) they reach through `widget::hooks`, which the mount sets.

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
/// `prefix {a::b, c}` and `prefix a::{b, c::{d}}`, in full.
fn paths_after(code: &str, prefix: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().last();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        expand("", rest, &mut found);
    }
    found.into_iter().filter(|p| !p.is_empty()).collect()
}

/// The paths of the use-tree at the start of `text`, each after `base`.
fn expand(base: &str, text: &str, found: &mut Vec<String>) {
    let join = |p: &str| match (base.is_empty(), p.is_empty()) {
        (true, _) => p.to_string(),
        (false, true) => base.to_string(),
        (false, false) => format!("{base}::{p}"),
    };
    let head = path_at(text);
    let after = &text[text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(text.len())..];
    let Some(group) = after.strip_prefix('{') else {
        found.push(join(&head));
        return;
    };
    let base = join(&head);
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
    // The items of the group, split at its own commas only.
    let (mut depth, mut start) = (0, 0);
    let inner = &group[..end];
    for (j, c) in inner.char_indices().chain([(inner.len(), ',')]) {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                let item = inner[start..j].trim();
                let item = item.strip_prefix("self").map_or(item, |r| r.trim_start());
                if item.is_empty() || item.starts_with("as ") {
                    found.push(base.clone());
                } else {
                    expand(&base, item, found);
                }
                start = j + 1;
            }
            _ => {}
        }
    }
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
        if module.ends_with("::tests") {
            edges.insert(module.clone(), BTreeSet::new());
            continue;
        }
        let code: String = source
            .lines()
            .take_while(|l| !l.starts_with("#[cfg(test)]") && !l.starts_with("#[cfg(all(test"))
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut to = BTreeSet::new();
        let mut paths: Vec<String> = paths_after(&code, prefix)
            .into_iter()
            .map(|path| {
                if root.is_empty() {
                    path
                } else {
                    format!("{root}::{path}")
                }
            })
            .collect();
        // The root names its own submodules without the prefix
        // (`tools::build`, `use state::State`, `self::live`).
        if module == root && !root.is_empty() {
            for child in files.keys().filter_map(|m| {
                m.strip_prefix(root)
                    .and_then(|r| r.strip_prefix("::"))
                    .filter(|r| !r.contains("::"))
            }) {
                for head in [format!("{child}::"), format!("self::{child}::")] {
                    for path in paths_after(&code, &head) {
                        paths.push(format!("{root}::{child}::{path}"));
                    }
                }
                if code.contains(&format!("use {child};")) || code.contains(&format!("{child}::{{"))
                {
                    paths.push(format!("{root}::{child}"));
                }
            }
        }
        for path in paths {
            // The longest module that the path starts with.
            let parts: Vec<&str> = path.split("::").collect();
            let target = (0..=parts.len())
                .rev()
                .map(|n| parts[..n].join("::"))
                .find(|m| files.contains_key(m));
            if let Some(t) = target {
                if &t != module {
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

/// The model's folders from the bottom up: a folder names only folders in
/// the layers below its own (`base`: the types every room uses; then what
/// the calculation draws on, what the user asks, the calculation and the
/// files people bring, and what is built on a projection).
const LAYERS: &[&[&str]] = &[
    &["base"],
    &["data"],
    &["scenario"],
    &["calc", "import"],
    &["context", "views"],
    &["explain"],
];

/// The layer of a model module (its folder's), or `None` for the root.
fn layer(module: &str) -> Option<usize> {
    let folder = module.split("::").next()?;
    LAYERS.iter().position(|l| l.contains(&folder))
}

/// The model's source files, as (module path, source).
fn model_files() -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    modules(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/model/src"),
        &[],
        &mut files,
    );
    files
}

#[test]
fn the_models_folders_layer() {
    let files = model_files();
    let mut wrong = Vec::new();
    for module in files.keys().filter(|m| !m.is_empty()) {
        assert!(
            layer(module).is_some(),
            "{module} is in no layer: add its folder to LAYERS"
        );
    }
    let edges = graph(&files, "crate::", "");
    let mut across = 0;
    for (from, to) in &edges {
        let Some(a) = layer(from) else { continue };
        for t in to {
            let b = layer(t).expect("every folder has a layer");
            if from.split("::").next() != t.split("::").next() {
                across += 1;
                if b >= a {
                    wrong.push(format!("{from} → {t}"));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "a folder names one at or above its layer: {wrong:?}"
    );
    assert!(across > 50, "the folders name each other ({across} edges)");
}

#[test]
fn the_models_files_name_folders_not_the_roots_re_exports() {
    let files = model_files();
    let folders: BTreeSet<&str> = LAYERS.iter().flat_map(|l| l.iter().copied()).collect();
    let mut wrong = Vec::new();
    for (module, source) in files
        .iter()
        .filter(|(m, _)| !m.is_empty() && !m.ends_with("::tests"))
    {
        let code: String = source
            .lines()
            .take_while(|l| !l.starts_with("#[cfg(test)]") && !l.starts_with("#[cfg(all(test"))
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for path in paths_after(&code, "crate::") {
            let first = path.split("::").next().unwrap_or("");
            if !folders.contains(first) && first != "self" {
                wrong.push(format!("{module}: crate::{path}"));
            }
        }
    }
    // A path through the root would hide which folder it names.
    assert!(wrong.is_empty(), "{wrong:?}");
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
fn the_widgets_root_is_a_file_like_the_others() {
    let mut files = BTreeMap::new();
    modules(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/widget"),
        &["widget".to_string()],
        &mut files,
    );
    let edges = graph(&files, "crate::widget::", "widget");
    // Its own references to its submodules count...
    for child in [
        "widget::tools",
        "widget::cycle",
        "widget::hooks",
        "widget::state",
    ] {
        assert!(edges["widget"].contains(child), "widget → {child}");
    }
    // ...and so would a path back into it.
    let mut back = files.clone();
    back.insert(
        "widget::tools".to_string(),
        "fn f() { crate::widget::mount_with(a, b, c); }".to_string(),
    );
    let edges = graph(&back, "crate::widget::", "widget");
    assert!(edges["widget::tools"].contains("widget"));
    assert!(
        !cycles(&edges).is_empty(),
        "tools → widget → tools is a circle"
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
fn nested_groups_are_read_in_full() {
    let found = paths_after(
        "use crate::data::{adopters, evidence::{self, Grade}};",
        "crate::",
    );
    assert_eq!(
        found,
        ["data::adopters", "data::evidence", "data::evidence::Grade"]
    );
}

#[test]
fn grouped_imports_are_read() {
    let found = paths_after(
        "use crate::widget::{dom::{self, add}, tools::share};\nx(crate::widget::state::State)",
        "crate::widget::",
    );
    for want in ["dom", "dom::add", "tools::share", "state::State"] {
        assert!(found.iter().any(|f| f == want), "{want} in {found:?}");
    }
}
