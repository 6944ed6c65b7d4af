//! A mutational fuzzer for every decoder that takes outside text: the
//! share-link query (`link::from_query`), scenario JSON (`model::decode`),
//! CSV files (the DfE underlying-data import and the presets table) and the
//! numbers people type into the form (`parse::number`). It starts from the
//! corpus in `fuzz/corpus/`, mutates inputs with a seeded generator, and
//! checks that each decoder answers (a value or an error) without panicking,
//! and that whatever decodes and validates also projects and simulates to
//! finite numbers.
//!
//! There is no coverage instrumentation on stable Rust; instead an input
//! whose answer has a new shape (decoded, or an error about a field not
//! seen before) joins the pool of inputs to mutate, which steers the
//! mutations past the first error.
//!
//! ```text
//! cargo run --release --example fuzz_decoders -- [--execs N] [--seed S] [--save]
//! ```
//!
//! `--save` writes a few short inputs with new answers into `fuzz/corpus/`.
//! A crash prints the input and saves it under `fuzz/crashes/`.

use std::collections::HashSet;
use std::panic;
use std::path::{Path, PathBuf};

use outcome_calculator::model::{self, scenario::link, ErrorKind};
use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// Tokens that matter to the decoders, spliced in by the mutator.
const DICTIONARY: &[&str] = &[
    "&",
    "=",
    "%",
    "%2",
    "%ZZ",
    "%C3%A9",
    "+",
    ",",
    ":",
    ".",
    "-",
    "e308",
    "1e999",
    "NaN",
    "inf",
    "\"",
    "\"\"",
    "\r\n",
    "\n",
    "{",
    "}",
    "[",
    "]",
    "null",
    "true",
    "-0",
    "1.7976931348623157e308",
    "programmes=",
    "custom.effect1=",
    "care_starts=",
    "v=1",
    "v=2",
    "version",
    "\"programmes\"",
    "\"custom\"",
    "c",
    "z",
    "x",
    "u",
    "£",
    "%",
    "\u{feff}",
    "\u{0}",
    "<script>",
    "999999999999",
];

/// Numbers at the edges: zero, tiny, enormous, negative, fractional where
/// whole numbers are wanted, past `u32`, and more digits than a double
/// holds.
const EDGES: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "100",
    "101",
    "0.5",
    "1e300",
    "1e-300",
    "-1e300",
    "1e308",
    "2e308",
    "4294967295",
    "4294967296",
    "18446744073709551616",
    "99999999999999999999999999999999999999",
    "0.000000000000000000000000000001",
    "1.7976931348623157e308",
    "5e-324",
];

fn corpus(kind: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(kind);
    let mut out: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| std::fs::read(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    if out.is_empty() {
        out.push(Vec::new());
    }
    out
}

/// Replaces `input` with a mutation of one of `seeds`. Half the time the
/// seed is one of the first `initial` (the corpus, mostly well-formed) and
/// the change is a single edit, so the checks past decoding get exercised
/// too; otherwise any seed, with up to eight edits.
fn mutate(rng: &mut Pcg64Mcg, seeds: &[Vec<u8>], initial: usize, input: &mut Vec<u8>) {
    let mut pick = |n: usize| (rng.next_u64() % n.max(1) as u64) as usize;
    input.clear();
    let gentle = pick(2) == 0;
    let from = if gentle { initial } else { seeds.len() };
    input.extend_from_slice(&seeds[pick(from)]);
    let rounds = if gentle { 1 } else { 1 + pick(8) };
    for _ in 0..rounds {
        let len = input.len();
        match pick(8) {
            // A number replaced by one at the edge of what is allowed.
            7 if len > 0 => {
                let mut i = pick(len);
                while i < len && !input[i].is_ascii_digit() {
                    i += 1;
                }
                let mut end = i;
                while end < len && (input[end].is_ascii_digit() || input[end] == b'.') {
                    end += 1;
                }
                let edge = EDGES[pick(EDGES.len())].as_bytes();
                input.splice(i..end, edge.iter().copied());
            }
            0 if len > 0 => {
                let i = pick(len);
                input[i] ^= 1 << pick(8);
            }
            1 if len > 0 => {
                let i = pick(len);
                input[i] = pick(256) as u8;
            }
            2 if len > 0 => {
                let i = pick(len);
                let n = pick(16).min(len - i);
                input.drain(i..i + n);
            }
            3 => {
                let i = pick(len + 1);
                let token = DICTIONARY[pick(DICTIONARY.len())].as_bytes();
                input.splice(i..i, token.iter().copied());
            }
            4 if len > 0 => {
                let i = pick(len);
                let n = pick(32).min(len - i);
                let copy = input[i..i + n].to_vec();
                let j = pick(input.len() + 1);
                input.splice(j..j, copy);
            }
            5 => {
                let other = &seeds[pick(seeds.len())];
                if !other.is_empty() {
                    let i = pick(other.len());
                    let j = pick(input.len() + 1);
                    input.splice(j..j, other[i..].iter().copied().take(64));
                }
            }
            _ => {
                let i = pick(len + 1);
                input.insert(i, pick(256) as u8);
            }
        }
        if input.len() > 16_384 {
            input.truncate(16_384);
        }
    }
}

/// Checks that a scenario that validates also projects and simulates to
/// finite numbers, with ordered percentiles.
fn check_scenario(s: &model::Scenario) {
    if model::validate(s).is_err() {
        return;
    }
    let p = model::project(s).expect("validated scenarios project");
    assert!(p.summary.npv.is_finite() && p.summary.total_savings.is_finite());
    assert!(p
        .years
        .iter()
        .all(|y| y.net.is_finite() && y.cost.is_finite()));
    // A short simulation: enough draws to order the percentiles.
    let mut small = s.clone();
    small.uncertainty.draws = 16;
    let sim = model::calc::uncertainty::simulate_valid(
        model::validate(&small).expect("a valid scenario with fewer draws is valid"),
    );
    let ordered = |q: &model::calc::uncertainty::Percentiles| {
        q.p10.is_finite() && q.p90.is_finite() && q.p10 <= q.p50 && q.p50 <= q.p90
    };
    assert!(ordered(&sim.npv), "npv percentiles {:?}", sim.npv);
    assert!(sim
        .years
        .iter()
        .all(|y| ordered(&y.net) && ordered(&y.cumulative_pv_net)));
    assert!((0.0..=1.0).contains(&sim.npv_positive_share));
}

/// The shape of an answer: `ok`, or the error's field (digits dropped, so
/// `programmes[3]` and `programmes[4]` are the same) and kind.
fn shape(e: Option<(&model::base::error::Location, &ErrorKind)>) -> String {
    match e {
        None => "ok".to_string(),
        Some((field, kind)) => {
            let field = field.to_string();
            let kind = format!("{kind:?}");
            let kind = kind.split([' ', '{', '(']).next().unwrap_or("");
            let field: String = field.chars().filter(|c| !c.is_ascii_digit()).collect();
            format!("{field} {kind}")
        }
    }
}

fn first(errors: &[model::Error]) -> Option<(&model::base::error::Location, &ErrorKind)> {
    errors.first().map(|e| (&e.field, &e.kind))
}

fn run_link(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    match link::from_query(&text) {
        Ok(s) => {
            check_scenario(&s);
            // What decodes re-encodes to the same scenario.
            let again = link::from_query(&link::to_query(&s)).expect("re-encoded link decodes");
            assert_eq!(again, s);
            let validity = model::validate(&s).err().unwrap_or_default();
            format!("link {}", shape(first(&validity)))
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            format!("link error {}", shape(first(&errors)))
        }
    }
}

fn run_json(bytes: &[u8]) -> String {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match model::decode(&mut de) {
        Ok(s) => {
            check_scenario(&s);
            let validity = model::validate(&s).err().unwrap_or_default();
            format!("json {}", shape(first(&validity)))
        }
        Err(e) => format!("json error {}", shape(Some((&e.field, &e.kind)))),
    }
}

fn run_csv(bytes: &[u8]) -> String {
    let mut answer = String::from("csv");
    if let Err(e) = model::base::csv::records_from_bytes(bytes) {
        answer += &format!(" records {}", shape(Some((&e.field, &e.kind))));
    }
    match model::import::dfe::import(&[("upload.csv", bytes)], None) {
        Ok(import) => {
            let merged = import.apply(model::data::presets::all(model::data::presets::LATEST_YEAR));
            // Every imported council makes a scenario that either projects
            // to finite numbers or names what is missing.
            for p in merged.councils.iter().take(4) {
                let mut s = model::default_scenario();
                s.council = p.to_council();
                check_scenario(&s);
            }
            answer += &format!(" import {:?}", import.files);
        }
        Err(e) => answer += &format!(" import {}", shape(Some((&e.field, &e.kind)))),
    }
    let text = String::from_utf8_lossy(bytes);
    match model::data::presets::parse_table(&text, 2025) {
        Ok(rows) => {
            for p in &rows {
                let council = p.to_council();
                assert!(council
                    .care_starts
                    .is_none_or(|v| v.is_finite() && v >= 0.0));
            }
            answer += " table ok";
        }
        Err(e) => answer += &format!(" table {}", shape(Some((&e.field, &e.kind)))),
    }
    answer
}

fn run_field(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    match model::scenario::parse::number(&text) {
        Ok(Some(x)) => {
            assert!(x.is_finite(), "{text:?} read as {x}");
            // What reads as a number reads back (to within rounding of the
            // 16th digit) when written plainly.
            let again = model::scenario::parse::number(&format!("{x}"))
                .ok()
                .flatten();
            assert!(
                again.is_some_and(|y| (y - x).abs() <= x.abs() * 1e-14),
                "{x} read back as {again:?}"
            );
            "field ok".to_string()
        }
        Ok(None) => "field blank".to_string(),
        Err(kind) => {
            let message = model::Error::new("field", kind.clone()).message();
            assert!(message.chars().count() < 200, "long message {message:?}");
            format!("field {}", shape(Some((&"".into(), &kind))))
        }
    }
}

/// Most inputs with new answers kept in memory per decoder.
const POOL_GROWTH: usize = 256;
/// Most inputs saved into the corpus per decoder and run (with `--save`).
const SAVE_PER_RUN: usize = 4;
/// Longest input saved into the corpus, bytes.
const SAVE_MAX_BYTES: usize = 600;

fn main() {
    let mut execs: u64 = 100_000;
    let mut seed: u64 = 1;
    let mut save = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--save" {
            save = true;
            continue;
        }
        let value = args.next().and_then(|v| v.replace('_', "").parse().ok());
        match (a.as_str(), value) {
            ("--execs", Some(v)) => execs = v,
            ("--seed", Some(v)) => seed = v,
            _ => {
                eprintln!("usage: fuzz_decoders [--execs N] [--seed S] [--save]");
                std::process::exit(2);
            }
        }
    }
    // A panic is reported by the loop below; keep the default hook quiet.
    panic::set_hook(Box::new(|_| {}));
    type Target = fn(&[u8]) -> String;
    let targets: [(&str, Target); 4] = [
        ("link", run_link),
        ("json", run_json),
        ("csv", run_csv),
        ("field", run_field),
    ];
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let mut total = 0u64;
    let mut crashes = 0u64;
    let mut corpus_size = 0usize;
    let mut saved = 0usize;
    let start = std::time::Instant::now();
    for (i, (name, target)) in targets.into_iter().enumerate() {
        let mut seeds = corpus(name);
        let initial = seeds.len();
        corpus_size += initial;
        let mut seen: HashSet<String> = seeds
            .iter()
            .filter_map(|s| panic::catch_unwind(|| target(s)).ok())
            .collect();
        let mut saved_here = 0;
        let mut valid_execs = 0u64;
        let mut input = Vec::new();
        // The last decoder takes what division leaves over.
        let share = execs / 4 + if i == 3 { execs % 4 } else { 0 };
        for _ in 0..share {
            mutate(&mut rng, &seeds, initial, &mut input);
            let case = input.clone();
            match panic::catch_unwind(|| target(&case)) {
                Err(_) => {
                    crashes += 1;
                    save_crash(name, &case);
                }
                Ok(answer) => {
                    valid_execs += u64::from(answer.ends_with(" ok"));
                    if seeds.len() < initial + POOL_GROWTH && seen.insert(answer) {
                        if save && saved_here < SAVE_PER_RUN && case.len() <= SAVE_MAX_BYTES {
                            saved_here += save_input(name, &case);
                        }
                        seeds.push(case);
                    }
                }
            }
            total += 1;
        }
        saved += saved_here;
        println!(
            "{name}: {share} executions ({valid_execs} decoded and valid), {} distinct answers, pool {} inputs",
            seen.len(),
            seeds.len()
        );
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "fuzz: {total} executions over link, json, csv and field decoders in {secs:.1} s ({:.0}/s), \
         corpus {corpus_size} inputs, {saved} saved, {crashes} crashes",
        total as f64 / secs.max(1e-9)
    );
    if crashes > 0 {
        std::process::exit(1);
    }
}

/// Saves an input with a new answer into the corpus; 1 if written.
fn save_input(name: &str, input: &[u8]) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(name);
    let file = dir.join(format!("new-{:016x}", fxhash(input)));
    usize::from(std::fs::write(file, input).is_ok())
}

fn save_crash(name: &str, input: &[u8]) {
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/crashes");
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join(format!("{name}-{:016x}", fxhash(input)));
    let _ = std::fs::write(&file, input);
    let text = String::from_utf8_lossy(input);
    let shown: String = text.chars().take(400).collect();
    eprintln!(
        "crash in the {name} decoder, saved to {}: {shown:?}{}",
        file.display(),
        if shown.len() < text.len() { " …" } else { "" }
    );
}

fn fxhash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    })
}
