//! The Department for Education's files a reader loads into the council
//! picker, read on demand (`model::import::dfe`: which file each is, its
//! CSV, the figures of one year for every council): the reader's code is
//! in this module, fetched the first time a reader chooses files, so the
//! calculator does not carry it. Files up to `AT_ONCE_BYTES` (1 MiB) are read at
//! once; larger ones a slice at a time, with how far it has got and a
//! button to stop (a 20 MB file takes some seconds to read on a slow
//! phone).
//!
//! The calculator reads the files' bytes, says "Reading…", and asks the
//! loader's `readDfe`; the figures come back to its callback as
//! `{ year, councils, files, warnings }` (the councils as
//! [`council_rows::to_rows`], each file as `[kind, rows used]`, the kind
//! an index of [`KINDS`]) or `{ message }`, and the calculator uses them
//! (`widget::form::council`).

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::council_rows;
use crate::dom::{self, add_ct, attrs, cat};
use crate::model::import::dfe::{self, FileKind, Import, Importer};

/// The kinds of file, in the order the calculator reads their indices.
pub const KINDS: [FileKind; 4] = [
    FileKind::CompactPresets,
    FileKind::LookedAfter,
    FileKind::ChildrenInNeed,
    FileKind::ProtectionPlans,
];

/// Files up to this size, bytes, are read at once.
const AT_ONCE_BYTES: usize = 1024 * 1024;

/// Records read in one step of a sliced import; steps run until about
/// [`SLICE_MS`] have passed, then the page answers the reader.
const STEP_RECORDS: usize = 2_000;

/// Milliseconds of reading between two answers of the page.
const SLICE_MS: f64 = 12.0;

thread_local! {
    /// The import being read in slices, with its ticket: a new import or
    /// "Stop loading" changes the ticket, and the slices of the old one stop.
    static JOB: RefCell<Option<(u32, Importer)>> = const { RefCell::new(None) };
}

/// Reads the files `names` (their bytes `buffers`, `ArrayBuffer`s),
/// showing its progress in `status`, and calls `done` with the figures or
/// the message (see the module's description); not at all when the reader
/// stops it or chooses other files meanwhile.
#[wasm_bindgen]
pub fn read_dfe(status: Element, names: Array, buffers: Array, done: Function) {
    let names: Vec<String> = names.iter().filter_map(|n| n.as_string()).collect();
    let bytes: Vec<Vec<u8>> = buffers
        .iter()
        .map(|b| Uint8Array::new(&b).to_vec())
        .collect();
    let files: Vec<(&str, &[u8])> = names
        .iter()
        .map(String::as_str)
        .zip(bytes.iter().map(Vec::as_slice))
        .collect();
    let size: usize = bytes.iter().map(Vec::len).sum();
    let job = Importer::new(&files, None);
    drop(files);
    match job {
        Err(e) => answer(&done, Err(e)),
        Ok(mut job) if size <= AT_ONCE_BYTES => {
            let result = job
                .step(usize::MAX)
                .and_then(|d| d.ok_or_else(|| dfe::too_large(job.file())));
            answer(&done, result);
        }
        Ok(job) => {
            let ticket = JOB.with(|j| {
                let mut j = j.borrow_mut();
                let ticket = j.as_ref().map_or(1, |(t, _)| t + 1);
                *j = Some((ticket, job));
                ticket
            });
            show_progress(&status, ticket, 0.0, &names);
            dom::next_task(move || read_slices(status, names, ticket, done));
        }
    }
}

/// Reads the files of import `ticket` for about [`SLICE_MS`], then lets the
/// page answer and goes on; answers once all is read.
fn read_slices(status: Element, names: Vec<String>, ticket: u32, done: Function) {
    let began = js_sys::Date::now();
    loop {
        let step = JOB.with(|j| match &mut *j.borrow_mut() {
            Some((t, job)) if *t == ticket => {
                Some(job.step(STEP_RECORDS).map(|d| (d, job.progress())))
            }
            _ => None,
        });
        let Some(step) = step else {
            // Stopped, or replaced by another import.
            return;
        };
        match step {
            Ok((None, progress)) => {
                if js_sys::Date::now() - began >= SLICE_MS {
                    show_progress(&status, ticket, progress, &names);
                    dom::next_task(move || read_slices(status, names, ticket, done));
                    return;
                }
            }
            Ok((Some(import), _)) => {
                JOB.with(|j| *j.borrow_mut() = None);
                answer(&done, Ok(import));
                return;
            }
            Err(e) => {
                JOB.with(|j| *j.borrow_mut() = None);
                answer(&done, Err(e));
                return;
            }
        }
    }
}

/// "Reading a.csv: 42%", with a button that stops the import.
fn show_progress(status: &Element, ticket: u32, progress: f64, names: &[String]) {
    let percent = (progress * 100.0).floor().clamp(0.0, 99.0);
    let words = cat(&[
        "Reading ",
        &names.join(", "),
        ": ",
        &dom::n(percent),
        "%\u{2026}",
    ]);
    if let Ok(Some(p)) = status.query_selector("#council-progress") {
        if p.text_content().as_deref() != Some(words.as_str()) {
            p.set_text_content(Some(&words));
        }
        return;
    }
    dom::clear(status);
    let p = add_ct(status, "p", "", &words);
    p.set_id("council-progress");
    let stop = add_ct(
        status,
        "button",
        "oc-button oc-button--secondary",
        "Stop loading",
    );
    attrs(&stop, &[("type", "button"), ("id", "council-stop")]);
    let s = status.clone();
    let c = Closure::<dyn FnMut()>::new(move || {
        let stopped = JOB.with(|j| {
            let mut j = j.borrow_mut();
            let ours = matches!(&*j, Some((t, _)) if *t == ticket);
            if ours {
                *j = None;
            }
            ours
        });
        if stopped {
            dom::clear(&s);
            add_ct(
                &s,
                "p",
                "",
                "Loading stopped. Nothing was changed: the council list uses the figures it had.",
            );
        }
    });
    let _ = stop.add_event_listener_with_callback("click", c.as_ref().unchecked_ref());
    c.forget();
}

/// Calls `done` with the figures read, or the message.
fn answer(done: &Function, result: Result<Import, crate::model::Error>) {
    let out = Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = Reflect::set(&out, &JsValue::from_str(k), v);
    };
    match result {
        Ok(i) => {
            set("year", &JsValue::from_f64(f64::from(i.year)));
            set("councils", &council_rows::to_rows(&i.councils));
            let files: Array = i
                .files
                .iter()
                .map(|(kind, rows)| {
                    let k = KINDS.iter().position(|x| x == kind).unwrap_or(0);
                    JsValue::from(Array::of2(
                        &JsValue::from_f64(k as f64),
                        &JsValue::from_f64(*rows as f64),
                    ))
                })
                .collect();
            set("files", &files);
            let warnings: Array = i.warnings.iter().map(|w| JsValue::from_str(w)).collect();
            set("warnings", &warnings);
        }
        Err(e) => set("message", &JsValue::from_str(&e.to_string())),
    }
    let _ = done.call1(&JsValue::NULL, &out);
}
