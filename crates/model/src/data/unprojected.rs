//! Programmes the sector asks about that the library does not project:
//! each with what was found, by whom, how strong the design was, the
//! published cost-benefit figure, why the calculator does not project it,
//! the figure a council would need to supply, and a scenario that opens
//! it as the council's own programme pre-filled from that (or, for a
//! funding programme, its ready scenario, [`crate::scenario::ready`]).
//!
//! Nothing here is a default of the calculation: an entry's own programme
//! carries only the figures written in its entry, each cited.

use crate::data::adopters;
use crate::data::citation::{self, Citation, Verification};
use crate::data::evidence::Grade;

/// One published finding about a programme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Finding {
    /// What was measured, e.g. "children looked after".
    pub outcome: &'static str,
    /// Who it was measured on.
    pub population: &'static str,
    /// Over what period.
    pub period: &'static str,
    /// The study design, in words.
    pub design: &'static str,
    /// The sample.
    pub sample: &'static str,
    /// What was found, with its size where one is published.
    pub result: &'static str,
    /// Strength of the design, or `None` where the sources checked do not
    /// say which design found it.
    pub grade: Option<Grade>,
    /// The study.
    pub source: Citation,
    /// How it was checked.
    pub verification: Verification,
}

/// A programme shown, not projected.
#[derive(Debug, Clone, Copy)]
pub struct Unprojected {
    /// Stable id, also the anchor of its entry on the evidence page.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// What it is.
    pub what: &'static str,
    /// Its key in [`adopters::ADOPTIONS`], where the table names councils
    /// running it.
    pub adopters: Option<&'static str>,
    /// Who runs it and since when, in words.
    pub runs: &'static str,
    /// What was found.
    pub findings: &'static [Finding],
    /// The published cost-benefit figure, or what is published instead.
    pub cost_benefit: &'static str,
    /// Why the calculator does not project it.
    pub why_not: &'static str,
    /// The figure a council would need to supply to project it.
    pub needs: &'static str,
    /// What is not known.
    pub unknown: &'static str,
}

/// Leeds's cost-benefit figure for the family group conference strand of
/// Family Valued: £755 a family (Mason et al. 2017). No price year is
/// given; it is taken as 2016-17, the evaluation's last full year.
pub const FV_PER_FAMILY: f64 = 755.0;
/// Price year taken for [`FV_PER_FAMILY`].
pub const FV_PRICE_YEAR: u16 = 2016;

/// The modelled benefit–cost ratio of Inside Out's interim evaluation:
/// about £2.50 of benefits for each £1.
pub const INSIDE_OUT_RATIO: f64 = 2.5;

/// Every programme shown, not projected, in display order.
pub const ALL: &[Unprojected] = &[
    Unprojected {
        id: "family-valued",
        name: "Leeds Family Valued",
        what: "A whole-system change to restorative practice in Leeds: training for more than 6,000 practitioners, family group conferences offered far more widely (more than 600 in 2016, including where there is domestic violence) and new services for families affected by domestic violence. One of the three models the £84m Strengthening Families, Protecting Children programme took to other councils.",
        adopters: Some(adopters::FAMILY_VALUED),
        runs: "Leeds since January 2015 (£4.85m innovation grant); Darlington, then Warwickshire, Newcastle upon Tyne, Coventry, Solihull and Sefton under Strengthening Families, Protecting Children.",
        findings: &[
            Finding {
                outcome: "children looked after (number and rate per 10,000), child protection plans, children in need",
                population: "the whole council (Leeds)",
                period: "2015 to 2017, against the trend before",
                design: "interrupted time series in one council",
                sample: "Leeds's own counts",
                result: "statistically significant falls in all four; the sizes are not among the figures checked",
                grade: Some(Grade::BeforeAfter),
                source: citation::MASON_2017,
                verification: Verification::AsCited,
            },
            Finding {
                outcome: "children's social care cost of the family group conference strand",
                population: "families offered a conference, against social work without one",
                period: "the evaluation's period; savings from outcomes are left out",
                design: "cost-benefit model",
                sample: "Leeds's conference cases",
                result: "£755 saved a family, from less time in the social care system",
                grade: Some(Grade::Modelled),
                source: citation::MASON_2017,
                verification: Verification::AsCited,
            },
        ],
        cost_benefit: "£755 a family saved in social work time (conference strand only; no price year given, taken as 2016-17: £1,024.58 in 2025-26 prices). The evaluation left out savings from outcomes because its time was short.",
        why_not: "The falls in children looked after, plans and children in need have no published size among the figures checked, so they cannot be applied to another council's counts. The £755 a family can be projected: opened as your own programme it counts that saving a family served, as staff time (its link sets the cashable share of per-case benefits to 0%, so set it back to 100% if you add FDAC beside it), at the modelled grade's 50% haircut.",
        needs: "Your cost per family group conference and the families you would offer one a year (the programme opens for one family at no cost: the saving a family; enter both in its file); for the whole-system effects, the size of the falls Leeds measured (or your own), as a % of your counts.",
        unknown: "The sizes of the whole-council falls; what a conference costs; whether the effect holds in the councils that took the model up (the stepped-wedge trial in five councils has not reported).",
    },
    Unprojected {
        id: "inside-out",
        name: "Inside Out",
        what: "Coaching from The Children's Society for young people aged 14½ to 18 in care who have had several placements break down: up to 25 hours a week for up to 18 months, with a co-ordinating social worker and the placement provider, aiming for stability and a step down from residential care.",
        adopters: Some(adopters::INSIDE_OUT),
        runs: "Essex from July 2018 (up to £3m innovation grant for the three councils), Hertfordshire from May 2019 and Norfolk from July 2019.",
        findings: &[
            Finding {
                outcome: "placement breakdowns; missing episodes",
                population: "young people coached (33 had taken part by January 2020)",
                period: "the first 18 months",
                design: "interim evaluation in the three councils (its design is not stated in the sources checked)",
                sample: "not among the figures checked",
                result: "fewer placement breakdowns and fewer missing episodes; some young people returned to their families; no size is among the figures checked",
                grade: None,
                source: citation::INSIDE_OUT_2020,
                verification: Verification::AsCited,
            },
            Finding {
                outcome: "statistically significant impact against its aims, with strong evidence of cost benefits",
                population: "the project as a whole",
                period: "Round 2 of the innovation programme (to 2020)",
                design: "the programme's final evaluation of 50 projects (each project's own design is not stated in the sources checked)",
                sample: "one of five projects with significant impacts",
                result: "named among the five; no size is among the figures checked",
                grade: None,
                source: citation::ROUND2_2020,
                verification: Verification::AsCited,
            },
        ],
        cost_benefit: "About £2.50 of benefits to the council or the wider public sector for each £1 (a modelled cost-benefit analysis in the interim evaluation).",
        why_not: "A ratio without the cost it divides and without a size for the breakdowns avoided cannot be applied to another council: the calculator would only be repeating the ratio. Opened as your own programme it waits for your figures.",
        needs: "The placement costs you would avoid a young person a year (a step down from a children's home to foster care, or fewer emergency moves: the benefit the programme opens with, at £0 until you enter it), your cost a young person and how many you would coach (in its file; it opens for one at no cost).",
        unknown: "The size of the fall in breakdowns and missing episodes, the cost a young person, and the final evaluation's figures.",
    },
    Unprojected {
        id: "partners-in-practice",
        name: "Partners in Practice: Achieving for Children; Lincolnshire",
        what: "Councils rated highly by Ofsted, funded to develop and test new approaches and to support other councils. Lincolnshire's work included Signs of Safety and restorative practice, an early help review and Future4Me, a service for young people at risk of offending.",
        adopters: Some(adopters::PIP),
        runs: "Lincolnshire from 2016 to 31 March 2020; Achieving for Children in the same round.",
        findings: &[
            Finding {
                outcome: "statistically significant impact against their aims",
                population: "each partner's own services",
                period: "Round 2 of the innovation programme (to 2020)",
                design: "the programme's final evaluation of 50 projects (each project's own design is not stated in the sources checked)",
                sample: "two of the five projects with significant impacts",
                result: "named among the five; no size is among the figures checked",
                grade: None,
                source: citation::ROUND2_2020,
                verification: Verification::AsCited,
            },
            Finding {
                outcome: "reoffending (Lincolnshire's Future4Me)",
                population: "young people the service supported",
                period: "to 2020",
                design: "impact evaluation against a comparison group",
                sample: "not among the figures checked",
                result: "a reoffending rate 11 percentage points lower than the comparison group's",
                grade: Some(Grade::Qed),
                source: citation::LINCOLNSHIRE_PIP_2020,
                verification: Verification::AsCited,
            },
        ],
        cost_benefit: "None among the figures checked.",
        why_not: "The aims differ from project to project and no size on a count the calculator costs (care, plans, children in need, proceedings) is among the figures checked. Reoffending is not an outcome the calculator costs.",
        needs: "A saving a case in money (the benefit the programme opens with, at £0 until you enter it), or the measured change on one of your counts (children starting care, plans, children in need), with your cost and cases (in its file; it opens for one case at no cost).",
        unknown: "Effect sizes on children's social care counts; costs; which parts of each partner's programme produced the effects.",
    },
    Unprojected {
        id: "hackney-contextual-safeguarding",
        name: "Contextual Safeguarding (Hackney)",
        what: "Safeguarding that works on the places and groups where young people meet harm outside the home (peer groups, schools, neighbourhoods), not only on families: referrals and assessments of contexts, and a panel for extra-familial risk. Developed with the University of Bedfordshire.",
        adopters: Some(adopters::CONTEXTUAL),
        runs: "Hackney since 2017, with an innovation programme grant.",
        findings: &[Finding {
            outcome: "the system change itself (policies, referral routes, assessments of contexts)",
            population: "Hackney's children's services and partners",
            period: "2018 to 2020, then a second phase",
            design: "process evaluation of one council (how the system changed, not outcomes)",
            sample: "one council",
            result: "the system was built and used; its evaluator writes that clear evidence of beneficial impact on young people has not been straightforward to find",
            grade: None,
            source: citation::INNOVATE_CS,
            verification: Verification::AsCited,
        }],
        cost_benefit: "None among the figures checked.",
        why_not: "No effect on a count the calculator costs, and no cost-benefit figure, is published among the sources checked; its first evaluation studied how the system changed, not outcomes.",
        needs: "A saving a young person in money (the benefit the programme opens with, at £0 until you enter it), or a measured change in your counts for young people at risk outside the home, with your cost and cases (in its file; it opens for one young person at no cost).",
        unknown: "Outcomes for young people; costs; whether effects on care entries exist.",
    },
    Unprojected {
        id: "supporting-families-investing-in-practice",
        name: "Supporting Families: Investing in Practice",
        what: "A £15m Department for Education programme for one year (2019-20), overseen by What Works for Children's Social Care, that created or extended 15 Family Drug and Alcohol Courts and helped 24 councils introduce family group conferences at pre-proceedings, each evaluated: the family group conference trial this calculator uses came from it, and so did the 2023 evaluation of FDAC.",
        adopters: None,
        runs: "39 councils named in August 2019, from 2019-20; a funding programme, not a practice model of its own.",
        findings: &[
            Finding {
                outcome: "looked after 12 months after the pre-proceedings letter; care proceedings issued",
                population: "children of families entering pre-proceedings in 21 councils",
                period: "September 2020 to May 2022, each child followed for 12 months",
                design: "randomised controlled trial",
                sample: "1,511 families (2,548 children), half referred for a conference",
                result: "36.2% against 44.8% looked after; proceedings 59.2% against 71.7%",
                grade: Some(Grade::Rct),
                source: citation::CORAM_2023,
                verification: Verification::Verified,
            },
            Finding {
                outcome: "reunification at the end of proceedings; parents stopping misuse",
                population: "families in FDAC against matched families in ordinary proceedings",
                period: "to the end of proceedings",
                design: "matched comparison (the evaluators cannot attribute the effects entirely to FDAC)",
                sample: "9 councils, 13 FDAC sites",
                result: "statistically significant positive effects; the sizes are not among the figures checked",
                grade: Some(Grade::Qed),
                source: citation::NATCEN_2023,
                verification: Verification::AsCited,
            },
        ],
        cost_benefit: "None for the programme as a whole. Its parts: the trial's own national projection (more than 2,000 children a year kept out of care, more than £150m within two years) and FDAC's national model (£3.20 of net savings for each £1).",
        why_not: "It is projected through its two parts, as a ready scenario: the library's family group conference and FDAC programmes, with the money as announced.",
        needs: "Nothing: the ready scenario opens with the announced money. How the money was split between the strands, and how many families the courts served, are conventions it names.",
        unknown: "The split of the money between the strands, the families each FDAC served, and what each area spent. A third project of the programme, the Mockingbird model of foster care, is not in the ready scenario.",
    },
];

/// The entry with this id, if there is one.
pub fn find(id: &str) -> Option<&'static Unprojected> {
    ALL.iter().find(|u| u.id == id)
}

/// The councils the table of adopters ([`adopters::ADOPTIONS`],
/// [`adopters::SHOWN`]) names for an entry.
pub fn councils(u: &Unprojected) -> Vec<&'static adopters::Adoption> {
    adopters::ADOPTIONS
        .iter()
        .chain(adopters::SHOWN)
        .filter(|a| Some(a.programme) == u.adopters)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::evidence;

    #[test]
    fn every_entry_is_cited_and_is_not_in_the_library() {
        for u in ALL {
            assert!(evidence::find(u.id).is_none(), "{}", u.id);
            assert_eq!(find(u.id).map(|x| x.name), Some(u.name));
            assert!(!u.findings.is_empty(), "{}", u.id);
            for f in u.findings {
                assert!(f.source.url.starts_with("http"), "{}", u.id);
            }
            for text in [
                u.what,
                u.runs,
                u.cost_benefit,
                u.why_not,
                u.needs,
                u.unknown,
            ] {
                assert!(!text.is_empty(), "{}", u.id);
            }
            if let Some(key) = u.adopters {
                assert!(!councils(u).is_empty(), "{key}");
            }
        }
    }
}
