//! "How this is calculated": the method in words (as documented on
//! `model::project`), every sourced default and every programme's evidence,
//! each with a link to its source.

use web_sys::Node;

use crate::model::citation::Citation;
use crate::model::defaults::sourced_all;
use crate::model::evidence::{self, Measure};

use super::dom::{add, add_c, add_ct, add_t, cat, source_link, text};
use super::fields;
use super::form::{grade_words, price_note, sourced_value};
use super::format;
use super::state::push_count;

const METHOD: &[&str] = &[
    "Reach: each programme reaches its engagement share of its cohort, or of the council, building up by the roll-out shares (25% in year 1, 60% in year 2, then all).",
    "Adjustment: each effect is reduced for deadweight, attribution to other services and optimism bias by evidence grade, then scaled by the effect level chosen.",
    "Relative effects (a percentage fall) apply to the council's own count; percentage-point effects apply to the programme's cohort; per-council effects are events a year at full reach. Nothing avoided can exceed what would have happened without the programme.",
    "Persistence: once funding ends, the effect falls each year by the decay rate.",
    "Combining programmes: where several act on the same outcome, each one's share is applied to what the others leave, so no child is counted twice.",
    "Time in care: each child kept out of care avoids the years they would have stayed, D = children looked after \u{f7} children leaving care (England's figure if yours are missing): half a year in the first year, then whole years until D is used up, cut off at the end of the projection.",
    "Savings are the changes in counts \u{d7} unit costs, split by the agency that bears each cost; care placement savings are counted as cashable, staff-time savings as not cashable.",
    "Costs are cases reached \u{d7} cost per case, plus other yearly costs, while funded, plus optimism bias on costs.",
    "Net present value: year t is discounted by 1 \u{f7} (1 + discount rate) to the power t, the first year being t = 0. The benefit-cost ratio is the present value of savings \u{f7} that of costs. Payback is the first year in which savings so far reach costs so far, undiscounted.",
    "Break-even: the size of every effect at which the net present value is zero, found by repeated halving.",
];

fn cite(parent: &Node, c: &Citation) {
    text(parent, "Source: ");
    let mut year = String::new();
    push_count(&mut year, usize::from(c.year));
    source_link(
        parent,
        c.url,
        &cat(&[c.publisher, ", ", c.title, " (", &year, ")"]),
    );
    text(parent, ".");
}

/// The label of a sourced default's field.
fn field_label(path: &str) -> &'static str {
    let all = fields::UNIT_COSTS.iter().chain(fields::METHOD);
    match all.into_iter().find(|f| f.key == path) {
        Some(f) => f.label,
        None => match path {
            "assumptions.optimism_bias_benefits" => "Optimism bias taken off benefits",
            "assumptions.ramp_pct" => "Roll-out: share of full reach in year 1",
            _ => "Default figure",
        },
    }
}

/// Builds the panel into `parent`.
pub fn build(parent: &Node) {
    let d = add_c(parent, "details", "oc-details oc-explain");
    d.set_id("explain");
    add_ct(
        &d,
        "summary",
        "oc-details-summary",
        "How this is calculated",
    );
    let body = add_c(&d, "div", "oc-explain-body");

    add_ct(&body, "h3", "oc-h3", "The method");
    add_t(
        &body,
        "p",
        "The calculation follows HM Treasury's Green Book and the cost-benefit guidance for local partnerships, year by year.",
    );
    let steps = add_c(&body, "ol", "oc-list");
    for s in METHOD {
        add_t(&steps, "li", s);
    }

    add_ct(&body, "h3", "oc-h3", "Default figures and their sources");
    add_t(&body, "p", "Source links open in a new tab.");
    let list = add_c(&body, "ul", "oc-list oc-sources");
    for s in sourced_all() {
        let li = add(&list, "li");
        add_t(&li, "strong", field_label(s.field));
        text(&li, &cat(&[": ", &sourced_value(&s), &price_note(&s)]));
        text(&li, &cat(&[". ", &super::dom::sentence(s.basis), ". "]));
        cite(&li, &s.source);
        text(
            &li,
            &cat(&[" ", &super::dom::sentence(s.verification.label()), "."]),
        );
    }

    add_ct(&body, "h3", "oc-h3", "The evidence for each programme");
    for p in evidence::library() {
        add_ct(&body, "h4", "oc-h4", p.name);
        let ul = add_c(&body, "ul", "oc-list oc-sources");
        let li = add(&ul, "li");
        text(&li, &cat(&["Evidence: ", grade_words(p.grade), "."]));
        for e in &p.effects {
            let li = add(&ul, "li");
            text(&li, &cat(&[&super::dom::sentence(e.finding), ". "]));
            match e.measure {
                Measure::CohortObserved { .. } => {}
                _ if e.range_basis == evidence::RangeBasis::Convention => text(
                    &li,
                    &cat(&[
                        "Range ",
                        &format::ratio(e.size.low),
                        " to ",
                        &format::ratio(e.size.high),
                        " by this calculator's convention (never above the published figure), not a published interval. ",
                    ]),
                ),
                _ => {}
            }
            cite(&li, &e.source);
        }
        for b in &p.case_benefits {
            let li = add(&ul, "li");
            text(
                &li,
                &cat(&[
                    "Benefit to ",
                    b.agency.label(),
                    ": ",
                    &format::money(b.per_case.central),
                    " a case, spread over five years. ",
                ]),
            );
            cite(&li, &b.source);
        }
        if let Some(c) = &p.cost {
            let li = add(&ul, "li");
            text(
                &li,
                &cat(&[
                    "Cost: ",
                    &format::money(c.per_case),
                    " a case (",
                    &crate::model::prices::label(c.price_year),
                    " prices): ",
                    c.basis,
                    ". ",
                ]),
            );
            cite(&li, &c.source);
        }
        if !p.not_counted.is_empty() {
            add_t(&ul, "li", &cat(&["Not counted: ", p.not_counted]));
        }
    }
}
