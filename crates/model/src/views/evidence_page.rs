//! The evidence page: every programme the calculator projects and every
//! programme it shows without projecting, each with what it is, who runs
//! it and since when (from [`crate::data::adopters`]), each finding with
//! its population, measure, period, design, sample and grade, the
//! published cost-benefit figure and how the calculator reproduces it
//! (methodology §7), what is not known, and a link that opens it in the
//! calculator. Written as Markdown (`docs/evidence.md`) and as a static
//! HTML page (`www/evidence.html`) by `src/bin/gen-evidence.rs`;
//! `crates/model/tests/evidence_page.rs` fails while either differs from the library.

use std::fmt::Write;

use crate::data::adopters::{self, Adoption};
use crate::data::citation::Citation;
use crate::data::evidence::{self, Measure, Programme, Quantity};
use crate::data::{prices, unprojected};
use crate::scenario::default::default_scenario;
use crate::scenario::format::{ProgrammeChoice, Scenario};
use crate::scenario::link;
use crate::scenario::ready;

/// What the library's own data does not hold about a projected programme.
struct Extra {
    id: &'static str,
    /// Councils known to have run it that the table of adopters leaves out, and why.
    runs_note: &'static str,
    sample: &'static str,
    cost_benefit: &'static str,
    reproduced: &'static str,
    unknown: &'static str,
}

const EXTRAS: &[Extra] = &[
    Extra {
        id: "family-safeguarding",
        runs_note: "",
        sample: "940 families and 280 staff in Hertfordshire's first 12 months; the follow-up covered five councils",
        cost_benefit: "£2.6m saved to children's services in the first year (2015-16 prices), \u{201c}over £2.5m per year\u{201d}; in five councils, yearly savings exceeded costs within two years (Rodger et al. 2020).",
        reproduced: "On Hertfordshire's own figures the model saves £4.61m a year against the published £3.60m (2025-26 prices): ratio 1.28, within ±30% (rows fs-herts-year-1 to 3). At the calculator's defaults savings are 0.45 of the cost in year 2, explained by the cost basis, the optimism bias on costs and the haircut on benefits (row fs-rodger-defaults).",
        unknown: "The running cost once teams are set up; the sizes of the five-council study; results of the national roll-out (Strengthening Families, Protecting Children).",
    },
    Extra {
        id: "fgc-pre-proceedings",
        runs_note: "The trial's 21 councils (2020 to 2022; Derbyshire, the council the calculator opens on, among them) referred half their families entering pre-proceedings for a conference, and the 24 councils of Supporting Families: Investing in Practice introduced it from 2019. They are not in the table: in the trial only the families drawn at random were referred, and whether each council kept the offer after it is not in the sources checked, so their official figures are taken as not containing the programme's effect.",
        sample: "1,511 families (2,548 children) in 21 councils, half referred for a conference at random",
        cost_benefit: "Foundations: more than 2,000 children a year kept out of care and more than £150m saved within two years if every council offered conferences (2023-24 prices); £960 saved a child referred in the first year.",
        reproduced: "2,000 children restate the model's inputs (row fgc-national-children); the £150m is matched at £152.3m against £161.1m (ratio 0.95, row fgc-national-savings). The £960 a child is a third of the model's £3,274.72, explained in methodology §7 (row fgc-first-year-per-child, ratio 3.18).",
        unknown: "The cost of a conference; the trial's confidence intervals (not among the figures checked); time in care after the first 12 months.",
    },
    Extra {
        id: "pause",
        runs_note: "",
        sample: "5 Pause areas against comparison areas (infants entering care); 125 women in 7 practices (the 2017 evaluation)",
        cost_benefit: "£4.50 saved for each £1 over 4 years and £7.61 over 18 years (Boddy et al. 2020); £1.2m to £2.1m net saved a year after the programme (2017).",
        reproduced: "At Pause's own illustrative cost (the evaluation's cost a practice is not in the sources checked) the model gives £2.23 and £2.92 for each £1 and £1.07m a year: ratios 0.49, 0.38 and 0.65, each explained in methodology §7.",
        unknown: "The evaluation's cost a practice; how the 18-year ratio spreads cost and benefits over the years.",
    },
    Extra {
        id: "fdac",
        runs_note: "",
        sample: "London pilot: 90 FDAC families against 101 in ordinary proceedings; the 2023 evaluation: 9 councils, 13 FDAC sites",
        cost_benefit: "National model: £3.20 of net savings for each £1, £18,000 a case, £74,068 of benefit a case (£73,357 to councils); London (2016): £2.30 for each £1 and £15,850 net a case over 5 years.",
        reproduced: "The national model's ratio restates the model's inputs (£2.85 discounted, row fdac-national). London's figures come from an older and smaller outcome model: ratios 1.96 and 2.69, explained in methodology §7.",
        unknown: "When within five years the benefits fall; how much of the effect is FDAC's (the 2023 evaluation cannot attribute it entirely).",
    },
    Extra {
        id: "no-wrong-door",
        runs_note: "",
        sample: "355 young people aged 12 to 25 referred in North Yorkshire, April 2015 to March 2017; no comparison group",
        cost_benefit: "None from the evaluation among the figures checked; the council's own claim of a £2m saving a year is not used.",
        reproduced: "No calibration row: the effect depends on the share you say would have entered care without the service, and no published saving from an evaluation is among the sources checked.",
        unknown: "What share of the young people would have entered care without the service; its cost; which placement each avoided entry would have had.",
    },
];

/// A piece of the page.
enum Block {
    /// A heading: level (2 or 3), text, anchor.
    Heading(u8, String, String),
    /// A paragraph with a bold label.
    Para(&'static str, String),
    /// A bulleted list.
    List(Vec<String>),
    /// A table: header and rows.
    Table(Vec<&'static str>, Vec<Vec<String>>),
    /// A link into the calculator: text and query string.
    Open(String, String),
}

/// The columns of a table of findings, the same for every programme.
const FINDING_COLUMNS: [&str; 7] = [
    "Finding",
    "Population",
    "Measure",
    "Period",
    "Design",
    "Sample",
    "Source",
];

fn quantity(q: Quantity) -> &'static str {
    match q {
        Quantity::CareTime => "days in care",
        Quantity::CareEntries => "children starting care",
        Quantity::InfantCareEntries => "infants under 12 months starting care",
        Quantity::InCareAt12Months => "looked after 12 months after the start",
        Quantity::CpPlans => "children on child protection plans",
        Quantity::ChildrenInNeed => "children in need (all tiers)",
        Quantity::CareProceedings => "care proceedings issued",
    }
}

fn population(m: Measure) -> String {
    match m {
        Measure::CouncilRelative => {
            "the whole council's count, with the programme covering its whole caseload".into()
        }
        Measure::CohortPoints { control_pct } => format!(
            "the children or families worked with, against a randomised control group ({control_pct}% without the programme)"
        ),
        Measure::CohortObserved { observed_pct } => format!(
            "the young people worked with, no comparison group ({observed_pct}% reached it with the programme)"
        ),
    }
}

/// Pounds to the penny with thousands separated: `£7,068.57`.
fn money(x: f64) -> String {
    let pence = (x * 100.0).round() as u64;
    let whole = (pence / 100).to_string();
    let mut out = String::from("£");
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    let _ = write!(out, ".{:02}", pence % 100);
    out
}

fn cite(c: &Citation) -> String {
    format!("{}, {} ({}), {}", c.publisher, c.title, c.year, c.url)
}

fn runs(rows: &[&Adoption]) -> Vec<String> {
    rows.iter()
        .map(|a| {
            format!(
                "{} since {}: {} ({}, {}).",
                a.council, a.since, a.basis, a.source.publisher, a.source.year
            )
        })
        .collect()
}

fn adopters_of(key: &str) -> Vec<&'static Adoption> {
    adopters::ADOPTIONS
        .iter()
        .chain(adopters::SHOWN)
        .filter(|a| a.programme == key)
        .collect()
}

/// The calculator's default council with one library programme chosen.
fn with(id: &str) -> Scenario {
    let mut s = default_scenario();
    s.programmes = vec![ProgrammeChoice::new(id)];
    s.label = String::new();
    s
}

fn projected(p: &Programme, out: &mut Vec<Block>) {
    let extra = EXTRAS.iter().find(|e| e.id == p.id);
    out.push(Block::Heading(3, p.name.into(), p.id.into()));
    out.push(Block::Para(
        "Projected",
        format!("{} Evidence: {}.", p.summary, p.grade.label()),
    ));
    let who = adopters_of(p.id);
    out.push(Block::Para(
        "Who runs it and since when",
        if who.is_empty() {
            "No council is in the calculator's table of councils known to run it.".into()
        } else {
            "Councils the sources name (the list is not complete):".into()
        },
    ));
    if !who.is_empty() {
        out.push(Block::List(runs(&who)));
    }
    if let Some(e) = extra.filter(|e| !e.runs_note.is_empty()) {
        out.push(Block::Para("Not in the table", e.runs_note.into()));
    }
    let sample = extra.map_or("", |e| e.sample);
    let rows = p
        .effects
        .iter()
        .map(|e| {
            vec![
                e.finding.into(),
                population(e.measure),
                format!("{} ({})", quantity(e.quantity), e.quantity.kind()),
                format!(
                    "{} year{}; {}",
                    e.follow_up.years,
                    if e.follow_up.years == 1 { "" } else { "s" },
                    if e.follow_up.beyond {
                        "counted after it as the programme's own costing did"
                    } else {
                        "nothing counted after it by default"
                    }
                ),
                p.grade.label().into(),
                sample.into(),
                format!("{} ({})", cite(&e.source), e.verification.label()),
            ]
        })
        .chain(p.case_benefits.iter().map(|b| {
            vec![
                b.basis.into(),
                "each case worked with".into(),
                format!("£ a case to {}", b.agency.label()),
                format!("{} year{}", b.years, if b.years == 1 { "" } else { "s" }),
                p.grade.label().into(),
                sample.into(),
                cite(&b.source),
            ]
        }))
        .collect();
    out.push(Block::Table(FINDING_COLUMNS.to_vec(), rows));
    if let Some(c) = &p.cost {
        out.push(Block::Para(
            "Cost",
            format!(
                "{} a case in {} prices ({}); {} in 2025-26 prices.",
                money(c.per_case),
                prices::label(c.price_year),
                c.basis,
                money(c.per_case * prices::uplift(c.price_year))
            ),
        ));
    } else {
        out.push(Block::Para(
            "Cost",
            "None published among the sources checked: enter your own.".into(),
        ));
    }
    if let Some(e) = extra {
        out.push(Block::Para(
            "Published cost-benefit figure",
            e.cost_benefit.into(),
        ));
        out.push(Block::Para(
            "How the calculator reproduces it",
            e.reproduced.into(),
        ));
    }
    out.push(Block::Para("Not counted", p.not_counted.into()));
    let mut unknown: Vec<String> = p.caveats.iter().map(|c| (*c).to_string()).collect();
    if let Some(e) = extra {
        unknown.insert(0, e.unknown.into());
    }
    out.push(Block::Para("What is not known", String::new()));
    out.push(Block::List(unknown));
    // A link opens only a scenario that runs; a programme that needs the
    // council's own figures is chosen in the picker, which asks for them.
    let s = with(p.id);
    match crate::scenario::validate::validate(&s) {
        Ok(_) => out.push(Block::Open(
            format!("Open {} in the calculator", p.name),
            link::to_query(&s),
        )),
        Err(errors) => {
            let needs: Vec<String> = errors
                .iter()
                .map(|e| match &e.kind {
                    crate::base::error::ErrorKind::Missing { why } => sentence(why),
                    _ => sentence(&e.to_string()),
                })
                .collect();
            out.push(Block::Para(
                "In the calculator",
                format!(
                    "Choose it in the picker; it asks for what no source publishes for it. {}",
                    needs.join(" ")
                ),
            ));
        }
    }
}

/// Text with a capital first letter and a full stop.
fn sentence(t: &str) -> String {
    let mut c = t.chars();
    let mut out: String = c
        .next()
        .map(|f| f.to_uppercase().collect())
        .unwrap_or_default();
    out.push_str(c.as_str());
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

fn shown(u: &unprojected::Unprojected, out: &mut Vec<Block>) {
    out.push(Block::Heading(3, u.name.into(), u.id.into()));
    let s = ready::open(u);
    let ready = ready::ALL.iter().find(|r| s.as_ref() == Some(&(r.build)()));
    out.push(Block::Para(
        if ready.is_some() {
            "Projected through its parts, as a ready scenario"
        } else {
            "Not projected"
        },
        u.what.into(),
    ));
    out.push(Block::Para("Who runs it and since when", u.runs.into()));
    let who = unprojected::councils(u);
    if !who.is_empty() {
        out.push(Block::List(runs(&who)));
    }
    let rows = u
        .findings
        .iter()
        .map(|f| {
            vec![
                f.result.into(),
                f.population.into(),
                f.outcome.into(),
                f.period.into(),
                match f.grade {
                    Some(g) if !f.design.starts_with(g.label()) => {
                        format!("{} ({})", f.design, g.label())
                    }
                    _ => f.design.to_string(),
                },
                f.sample.into(),
                format!("{} ({})", cite(&f.source), f.verification.label()),
            ]
        })
        .collect();
    out.push(Block::Table(FINDING_COLUMNS.to_vec(), rows));
    out.push(Block::Para(
        "Published cost-benefit figure",
        u.cost_benefit.into(),
    ));
    out.push(Block::Para("Why it is not projected", u.why_not.into()));
    out.push(Block::Para(
        "What a council would need to supply",
        u.needs.into(),
    ));
    out.push(Block::Para("What is not known", u.unknown.into()));
    let Some(s) = s else {
        return;
    };
    match ready {
        Some(r) => {
            out.push(Block::Para("The ready scenario", r.title.into()));
            out.push(Block::List(
                r.notes.iter().map(|n| (*n).to_string()).collect(),
            ));
            out.push(Block::Open(
                format!("Open the ready scenario (command line: --ready {})", r.id),
                link::to_query(&s),
            ));
        }
        None => out.push(Block::Open(
            format!("Open {} as your own programme, pre-filled", u.name),
            link::to_query(&s),
        )),
    }
}

const INTRO: &str = "Every programme the calculator projects, and every programme the sector asks about that it does not, with what was found, by whom, how strong the study was, the published cost-benefit figure and how the calculator reproduces it, and what is not known. A programme is projected only where a published figure supports it, applied to the population and measure it was measured on; the others are shown here with the figure a council would need to supply, and open as the council's own programme. Money is in 2025-26 prices (GDP deflator). Who runs a programme comes from the calculator's table of councils known to run one, which is not complete.";

fn blocks() -> Vec<Block> {
    let mut out = Vec::new();
    out.push(Block::Heading(
        2,
        "Projected: in the calculator's picker".into(),
        "projected".into(),
    ));
    for p in evidence::library() {
        projected(&p, &mut out);
    }
    out.push(Block::Heading(
        2,
        "Shown, not projected: what is known and why not".into(),
        "shown".into(),
    ));
    for u in unprojected::ALL {
        shown(u, &mut out);
    }
    out
}

/// The page as Markdown, for `docs/evidence.md`.
pub fn markdown() -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# The evidence for every programme (evidence set {})\n",
        evidence::EVIDENCE_SET
    );
    let _ = writeln!(
        s,
        "<!-- Written by `cargo run --bin gen-evidence` from the evidence library; do not edit by hand. -->\n"
    );
    let _ = writeln!(s, "{INTRO}\n");
    let cell = |t: &str| t.replace('|', "\\|");
    for b in blocks() {
        match b {
            Block::Heading(level, text, id) => {
                let _ = writeln!(s, "{} {text} {{#{id}}}\n", "#".repeat(usize::from(level)));
            }
            Block::Para(label, text) if text.is_empty() => {
                let _ = writeln!(s, "**{label}:**\n");
            }
            Block::Para(label, text) => {
                let _ = writeln!(s, "**{label}.** {text}\n");
            }
            Block::List(items) => {
                for i in items {
                    let _ = writeln!(s, "- {i}");
                }
                s.push('\n');
            }
            Block::Table(head, rows) => {
                let _ = writeln!(s, "| {} |", head.join(" | "));
                let _ = writeln!(s, "|{}", "---|".repeat(head.len()));
                for r in rows {
                    let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
                    let _ = writeln!(s, "| {} |", cells.join(" | "));
                }
                s.push('\n');
            }
            Block::Open(text, query) => {
                let _ = writeln!(s, "{text}: `?{query}`\n");
            }
        }
    }
    s
}

/// Text made safe for HTML (text and attribute values).
fn esc(t: &str) -> String {
    let mut o = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// The page as HTML, for `www/evidence.html`, beside the calculator's
/// page: its links open `index.html` with the programme in it.
pub fn html() -> String {
    let mut s = String::new();
    let title = "The evidence for every programme";
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n  <meta charset=\"utf-8\">\n  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n  <meta name=\"color-scheme\" content=\"light dark\">\n  <title>{title}: children's services outcome calculator</title>\n  <link rel=\"icon\" href=\"data:,\">\n  <link rel=\"stylesheet\" href=\"page.css\">\n</head>\n<body>\n  <!-- Written by `cargo run --bin gen-evidence` from the evidence library; do not edit by hand. -->\n  <a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n  <header class=\"site-header\">\n    <div class=\"width-container\">\n      <p class=\"site-name\"><a href=\"index.html\">Outcome calculator</a></p>\n    </div>\n  </header>\n  <div class=\"width-container\">\n    <main id=\"main\">\n      <h1>{title}</h1>\n      <p class=\"lead\">Evidence set {}. {}</p>\n",
        evidence::EVIDENCE_SET,
        esc(INTRO)
    );
    let mut open_section = false;
    for b in blocks() {
        match b {
            Block::Heading(2, text, id) => {
                if open_section {
                    s.push_str("      </section>\n");
                }
                open_section = false;
                let _ = writeln!(s, "      <h2 id=\"{}\">{}</h2>", esc(&id), esc(&text));
            }
            Block::Heading(_, text, id) => {
                if open_section {
                    s.push_str("      </section>\n");
                }
                open_section = true;
                let _ = writeln!(
                    s,
                    "      <section class=\"evidence-entry\" id=\"{}\" aria-labelledby=\"{}-heading\">\n        <h3 id=\"{}-heading\">{}</h3>",
                    esc(&id),
                    esc(&id),
                    esc(&id),
                    esc(&text)
                );
            }
            Block::Para(label, text) if text.is_empty() => {
                let _ = writeln!(s, "        <p><strong>{}:</strong></p>", esc(label));
            }
            Block::Para(label, text) => {
                let _ = writeln!(
                    s,
                    "        <p><strong>{}.</strong> {}</p>",
                    esc(label),
                    esc(&text)
                );
            }
            Block::List(items) => {
                s.push_str("        <ul>\n");
                for i in items {
                    let _ = writeln!(s, "          <li>{}</li>", esc(&i));
                }
                s.push_str("        </ul>\n");
            }
            Block::Table(head, rows) => {
                s.push_str("        <div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Findings\">\n        <table>\n          <thead><tr>");
                for h in head {
                    let _ = write!(s, "<th scope=\"col\">{}</th>", esc(h));
                }
                s.push_str("</tr></thead>\n          <tbody>\n");
                for r in rows {
                    s.push_str("            <tr>");
                    for c in r {
                        let _ = write!(s, "<td>{}</td>", esc(&c));
                    }
                    s.push_str("</tr>\n");
                }
                s.push_str("          </tbody>\n        </table>\n        </div>\n");
            }
            Block::Open(text, query) => {
                let _ = writeln!(
                    s,
                    "        <p><a class=\"evidence-open\" href=\"index.html?{}\">{}</a></p>",
                    esc(&query),
                    esc(&text)
                );
            }
        }
    }
    if open_section {
        s.push_str("      </section>\n");
    }
    s.push_str("    </main>\n  </div>\n</body>\n</html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_programme_has_an_entry_on_both_pages() {
        let (md, page) = (markdown(), html());
        for id in evidence::library()
            .iter()
            .map(|p| p.id)
            .chain(unprojected::ALL.iter().map(|u| u.id))
        {
            assert!(md.contains(&format!("{{#{id}}}")), "{id}");
            assert!(page.contains(&format!("id=\"{id}\"")), "{id}");
        }
        for p in evidence::library() {
            assert!(EXTRAS.iter().any(|e| e.id == p.id), "{}", p.id);
        }
    }

    #[test]
    fn money_is_to_the_penny_with_thousands_separated() {
        for (x, want) in [
            (7_068.566, "£7,068.57"),
            (18_000.0, "£18,000.00"),
            (5.0, "£5.00"),
            (1_234_567.891, "£1,234,567.89"),
        ] {
            assert_eq!(money(x), want);
        }
    }

    #[test]
    fn html_text_is_escaped() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
