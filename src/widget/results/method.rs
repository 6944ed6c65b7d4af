//! "How this is calculated": the method in words (as documented on
//! `model::project`), every sourced default and every programme's evidence,
//! each with a link to its source.

use web_sys::Node;

use crate::model::data::citation::Citation;
use crate::model::data::defaults::sourced_all;
use crate::model::data::evidence::{self, Measure};

use crate::dom::format;
use crate::dom::{add, add_c, add_ct, add_t, cat, source_link, text};
use crate::widget::form::fields;
use crate::widget::form::inputs::{grade_words, price_note, sourced_value};
use crate::widget::state::push_count;

/// The step after which the money step (written from the constants) comes.
const MONEY_AT: usize = 5;

const METHOD: &[&str] = &[
    "Families served: each year, the cohort \u{d7} engagement \u{d7} roll-out share, never more than the eligible caseload, and none once funding stops.",
    "Each effect applies to the population and measure it was measured on: a whole council's count, to the share of the caseload served; the families worked with, per case. Days in care stay days in care.",
    "Each year's families carry their own benefits for the years after; only their tails continue once funding stops.",
    "Adjustment: deadweight, attribution and optimism bias by evidence grade.",
    "Time in care: a stay lasts D = children looked after \u{f7} children leaving care, half a year in the first year. Plans and children in need are counts at 31 March; children in need exclude those on plans and in care.",
    "Programmes nested in Family Safeguarding apply to the risk it leaves. Totals never exceed the council's own counts.",
    "Discounting: year t \u{d7} 1 \u{f7} 1.035 to the power t. Payback is the first year the council's cash so far covers costs so far. Switching values move one effect at a time.",
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
    for (i, s) in METHOD.iter().enumerate() {
        add_t(&steps, "li", s);
        if i == MONEY_AT {
            use crate::model::data::defaults::{CASHABLE_FOSTER_PCT, CASHABLE_RESIDENTIAL_PCT};
            add_t(
                &steps,
                "li",
                &cat(&[
                    "Money is in ",
                    crate::model::data::prices::PRICE_BASE_LABEL,
                    " prices. Cash to the council: placements not bought (",
                    &format::pct(CASHABLE_FOSTER_PCT),
                    " of foster care, ",
                    &format::pct(CASHABLE_RESIDENTIAL_PCT),
                    " of children's home places); staff time is not cash.",
                ]),
            );
        }
    }

    add_ct(&body, "h3", "oc-h3", "Default figures and their sources");
    add_t(&body, "p", "Source links open in a new tab.");
    let list = add_c(&body, "ul", "oc-list oc-sources");
    for s in sourced_all() {
        let li = add(&list, "li");
        add_t(&li, "strong", field_label(s.field));
        text(&li, &cat(&[": ", &sourced_value(&s), &price_note(&s)]));
        text(&li, &cat(&[". ", &crate::dom::sentence(s.basis), ". "]));
        cite(&li, &s.source);
        text(
            &li,
            &cat(&[" ", &crate::dom::sentence(s.verification.label()), "."]),
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
            text(&li, &cat(&[&crate::dom::sentence(e.finding), ". "]));
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
                    &crate::model::data::prices::label(c.price_year),
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
