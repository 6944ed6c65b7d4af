//! A mutational fuzzer for every decoder that takes outside text: share links,
//! scenario JSON and CSV files. It starts from the corpus in `fuzz/corpus/`,
//! mutates inputs with a seeded generator, and checks that each decoder
//! answers (a value or an error) without panicking, and that whatever decodes
//! and validates also projects to finite numbers.
//!
//! ```text
//! cargo run --release --example fuzz_decoders -- [--execs N] [--seed S]
//! ```
//!
//! A crash prints the input and saves it under `fuzz/crashes/`.

use std::panic;
use std::path::{Path, PathBuf};

use outcome_calculator::model::{self, link};
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

fn mutate(rng: &mut Pcg64Mcg, seeds: &[Vec<u8>], input: &mut Vec<u8>) {
    let mut pick = |n: usize| (rng.next_u64() % n.max(1) as u64) as usize;
    input.clear();
    input.extend_from_slice(&seeds[pick(seeds.len())]);
    let rounds = 1 + pick(8);
    for _ in 0..rounds {
        let len = input.len();
        match pick(7) {
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

fn check_scenario(s: &model::Scenario) {
    if model::validate(s).is_ok() {
        let p = model::project(s).expect("validated scenarios project");
        assert!(p.summary.npv.is_finite() && p.summary.total_savings.is_finite());
        assert!(p
            .years
            .iter()
            .all(|y| y.net.is_finite() && y.cost.is_finite()));
    }
}

fn run_link(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(s) = link::from_query(&text) {
        check_scenario(&s);
        // What decodes re-encodes to the same scenario.
        let again = link::from_query(&link::to_query(&s)).expect("re-encoded link decodes");
        assert_eq!(again, s);
    }
}

fn run_json(bytes: &[u8]) {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    if let Ok(s) = model::decode(&mut de) {
        if s.uncertainty.draws <= 500 {
            check_scenario(&s);
        }
    }
}

fn run_csv(bytes: &[u8]) {
    let _ = model::csv::records_from_bytes(bytes);
    if let Ok(import) = model::dfe_import::import(&[("upload.csv", bytes)], None) {
        let merged = import.apply(model::presets::all(model::presets::LATEST_YEAR));
        assert!(merged
            .councils
            .iter()
            .all(|p| p.to_council().cp_plans.is_none_or(f64::is_finite)));
    }
    let text = String::from_utf8_lossy(bytes);
    if let Ok(rows) = model::presets::parse_table(&text, 2025) {
        for p in rows {
            let council = p.to_council();
            assert!(council
                .care_starts
                .is_none_or(|v| v.is_finite() && v >= 0.0));
        }
    }
}

fn main() {
    let mut execs: u64 = 100_000;
    let mut seed: u64 = 1;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = args.next().and_then(|v| v.replace('_', "").parse().ok());
        match (a.as_str(), value) {
            ("--execs", Some(v)) => execs = v,
            ("--seed", Some(v)) => seed = v,
            _ => {
                eprintln!("usage: fuzz_decoders [--execs N] [--seed S]");
                std::process::exit(2);
            }
        }
    }
    // A panic is reported by the loop below; keep the default hook quiet.
    panic::set_hook(Box::new(|_| {}));
    type Target = fn(&[u8]);
    let targets: [(&str, Target); 3] = [("link", run_link), ("json", run_json), ("csv", run_csv)];
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let mut total = 0u64;
    let mut crashes = 0u64;
    let start = std::time::Instant::now();
    for (name, target) in targets {
        let seeds = corpus(name);
        let mut input = Vec::new();
        let share = execs / 3;
        for _ in 0..share {
            mutate(&mut rng, &seeds, &mut input);
            let case = input.clone();
            if panic::catch_unwind(|| target(&case)).is_err() {
                crashes += 1;
                save_crash(name, &case);
            }
            total += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "fuzz: {total} executions over link, json and csv decoders in {secs:.1} s ({:.0}/s), {crashes} crashes",
        total as f64 / secs.max(1e-9)
    );
    if crashes > 0 {
        std::process::exit(1);
    }
}

fn save_crash(name: &str, input: &[u8]) {
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/crashes");
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join(format!("{name}-{:016x}", fxhash(input)));
    let _ = std::fs::write(&file, input);
    eprintln!(
        "crash in the {name} decoder, saved to {}: {:?}",
        file.display(),
        String::from_utf8_lossy(input)
    );
}

fn fxhash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    })
}
