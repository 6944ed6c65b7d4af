//! Choosing a council: its official figures go into the scenario, the
//! user's own figures stay, unpublished figures stay blank, and changes are
//! found and undone figure by figure.

use outcome_model::data::presets::{self, OwnedPreset};
use outcome_model::import::dfe;
use outcome_model::scenario::council_preset::{self, FIGURES};
use outcome_model::views::rollout::{rollout, rollout_over};
use outcome_model::{default_scenario, project, scenario::link, Council, Scenario};

fn herts() -> &'static presets::Preset {
    presets::find("E10000015", 2025).unwrap()
}

#[test]
fn choosing_a_council_fills_its_published_figures() {
    type Get = fn(&Council) -> Option<f64>;
    let cases: [(&str, u16, &str, Get, Option<f64>); 8] = [
        (
            "E10000015",
            2025,
            "Hertfordshire",
            |c| c.children_looked_after,
            Some(999.0),
        ),
        (
            "E10000015",
            2025,
            "Hertfordshire",
            |c| c.cp_plans,
            Some(614.0),
        ),
        (
            "E10000015",
            2025,
            "Hertfordshire",
            |c| c.children_in_need,
            Some(5_848.0),
        ),
        (
            "E10000015",
            2024,
            "Hertfordshire",
            |c| c.children_looked_after,
            Some(971.0),
        ),
        ("919", 2025, "Hertfordshire", |c| c.care_starts, Some(424.0)),
        (
            "e10000015",
            2025,
            "Hertfordshire",
            |c| c.population_0_17,
            Some(277_480.0),
        ),
        // Suppressed in the official tables: blank, never zero.
        (
            "E06000053",
            2025,
            "Isles of Scilly",
            |c| c.care_starts,
            None,
        ),
        ("E09000001", 2025, "City of London", |c| c.cp_plans, None),
    ];
    for (code, year, name, get, expected) in cases {
        let mut s = default_scenario();
        s.council.police_incidents = Some(120.0);
        s.council.cp_plans = Some(1.0);
        council_preset::apply_preset(&mut s, code, year).unwrap();
        assert_eq!(s.council.name, name, "{code}");
        assert_eq!(s.council.data_year, Some(year), "{code}");
        assert_eq!(get(&s.council), expected, "{code} {year}");
        assert_eq!(
            s.council.police_incidents,
            Some(120.0),
            "the user's own figure stays"
        );
        assert!(council_preset::changed(&s, presets::find(code, year).unwrap()).is_empty());
    }
}

#[test]
fn every_council_in_every_year_can_be_chosen_and_names_what_is_missing() {
    for &year in presets::YEARS {
        for p in presets::all(year) {
            let mut s = default_scenario();
            council_preset::apply_preset(&mut s, p.code, year).unwrap();
            assert_eq!(s.council.code.as_deref(), Some(p.code));
            match project(&s) {
                Ok(_) => {}
                // Only a figure the programme needs that is not published
                // may stop it (and the cohort worked out from it), and the
                // message names it.
                Err(errors) => {
                    let mut c = s.council.clone();
                    let (figures, rest): (Vec<_>, Vec<_>) = errors
                        .iter()
                        .partition(|e| e.field.path().starts_with("council."));
                    assert!(!figures.is_empty(), "{} {year}: {errors:?}", p.name);
                    for e in figures {
                        let f = FIGURES
                            .iter()
                            .find(|f| outcome_model::base::error::Location::from(f.key) == e.field)
                            .unwrap();
                        assert_eq!(*(f.slot)(&mut c), None, "{} {}", p.name, e.field);
                    }
                    assert!(
                        rest.iter().all(|e| e.field.path().ends_with(".cohort")),
                        "{} {year}: {errors:?}",
                        p.name
                    );
                }
            }
        }
    }
}

#[test]
fn unknown_and_abolished_councils_are_clear_errors() {
    let cases = [
        (
            "E99999999",
            "no council in England has the code \u{201c}E99999999\u{201d} in the figures at 31 March 2025",
        ),
        (
            "E10000006",
            "Cumbria (E10000006) was abolished on 1 April 2023: choose Cumberland or Westmorland and Furness",
        ),
        ("", "no council in England has the code \u{201c}\u{201d} in the figures at 31 March 2025"),
    ];
    for (code, message) in cases {
        let mut s = default_scenario();
        let before = s.clone();
        let e = council_preset::apply_preset(&mut s, code, 2025).unwrap_err();
        assert_eq!(
            e.field,
            outcome_model::base::error::Location::from("council")
        );
        assert_eq!(e.message(), message);
        assert_eq!(s, before, "nothing changes");
    }
}

#[test]
fn a_link_naming_only_a_council_opens_with_its_figures() {
    let cases: [(&str, Option<(u16, f64)>); 5] = [
        ("council=E10000015", Some((2025, 999.0))),
        ("council=E10000015&data_year=2024", Some((2024, 971.0))),
        // A year without built-in figures: the latest.
        ("council=E10000015&data_year=2031", Some((2025, 999.0))),
        // A link that carries figures keeps them.
        (
            "council=E10000015&children_looked_after=1000&care_starts=424",
            None,
        ),
        ("care_starts=424", None),
    ];
    for (query, filled) in cases {
        let mut s = link::from_query(query).unwrap();
        let before = s.clone();
        let did = council_preset::complete(&mut s).unwrap();
        assert_eq!(did, filled.is_some(), "{query}");
        match filled {
            Some((year, cla)) => {
                assert_eq!(s.council.name, "Hertfordshire");
                assert_eq!(s.council.data_year, Some(year));
                assert_eq!(s.council.children_looked_after, Some(cla));
            }
            None => assert_eq!(s, before, "{query}"),
        }
    }
    let mut s = link::from_query("council=E00000000").unwrap();
    assert_eq!(
        council_preset::complete(&mut s).unwrap_err().field,
        outcome_model::base::error::Location::from("council")
    );
}

#[test]
fn changes_are_found_and_reset_one_by_one() {
    let mut s = default_scenario();
    council_preset::apply(&mut s, herts());
    s.council.children_looked_after = Some(1_000.0);
    s.council.cp_plans = None;
    s.council.care_proceedings = Some(50.0);
    assert_eq!(
        council_preset::changed(&s, herts()),
        vec![
            ("council.children_looked_after", Some(999.0)),
            ("council.cp_plans", Some(614.0)),
        ]
    );
    assert!(council_preset::reset(&mut s, herts(), "council.cp_plans"));
    assert_eq!(s.council.cp_plans, Some(614.0));
    assert!(!council_preset::reset(
        &mut s,
        herts(),
        "council.care_proceedings"
    ));
    assert_eq!(s.council.care_proceedings, Some(50.0));
    assert_eq!(
        council_preset::official(herts(), "council.children_in_need"),
        Some(5_848.0)
    );
    assert_eq!(
        council_preset::official(herts(), "council.care_proceedings"),
        None
    );
}

#[test]
fn regions_and_lookup_work_on_built_in_and_imported_lists() {
    let built: Vec<OwnedPreset> = presets::all(2025).iter().map(|p| p.owned()).collect();
    let regions = council_preset::regions(&built);
    assert_eq!(regions.len(), 10);
    assert_eq!(regions[0], "East Midlands");
    assert_eq!(council_preset::regions(presets::all(2025)), regions);
    assert_eq!(
        council_preset::find_in(&built, "919").map(|p| p.name.as_str()),
        Some("Hertfordshire")
    );
    assert!(council_preset::find_in(&built, "E10000006").is_none());
}

#[test]
fn a_rollout_over_imported_figures_uses_them() {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/fixtures/dfe");
    let name = "d5_cpps_at31march_by_duration_2013_to_2025.csv";
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    // Hampshire: not known to run Family Safeguarding (Hertfordshire,
    // which does, counts none of its effect).
    let changed = text.replace(
        "Hampshire,Child Protection Plans by length of time,922,",
        "Hampshire,Child Protection Plans by length of time,1000,",
    );
    assert_ne!(changed, text, "the fixture holds Hampshire's 922");
    let import = dfe::import(&[(name, changed.as_bytes())], None)
        .unwrap()
        .apply(presets::all(2025));
    let template: Scenario = default_scenario();
    let built_in = rollout(&template, 2025, Some("South East"));
    let same = rollout_over(&template, presets::all(2025), 2025, Some("South East"));
    assert_eq!(same, built_in);
    let imported = rollout_over(&template, &import.councils, 2025, Some("South East"));
    assert_eq!(imported.councils.len(), built_in.councils.len());
    let herts = |r: &outcome_model::views::rollout::Rollout| {
        r.councils
            .iter()
            .find(|c| c.code == "E10000014")
            .unwrap()
            .totals
            .cp_plans_fewer
    };
    assert!(
        herts(&imported) > herts(&built_in),
        "more plans, more avoided"
    );
}

#[test]
fn links_and_attributes_naming_a_council_start_from_its_figures() {
    let cases: [(&str, &str, Option<f64>, Option<f64>); 5] = [
        (
            "council=E10000015",
            "Hertfordshire",
            Some(999.0),
            Some(614.0),
        ),
        (
            "council=E08000025",
            "Birmingham",
            Some(2_317.0),
            Some(1_677.0),
        ),
        (
            "council=E08000025&cp_plans=1000",
            "Birmingham",
            Some(2_317.0),
            Some(1_000.0),
        ),
        (
            "council=E10000015&data_year=2024",
            "Hertfordshire",
            Some(971.0),
            Some(378.0),
        ),
        // No council named: the base is kept.
        ("care_starts=500", "Derbyshire", Some(1_024.0), Some(729.0)),
    ];
    for (query, name, cla, cpp) in cases {
        let pairs = link::pairs(query).unwrap();
        let base = council_preset::base_for(default_scenario(), &pairs).unwrap();
        let s = link::apply(base, &pairs).unwrap();
        assert_eq!(s.council.name, name, "{query}");
        assert_eq!(s.council.children_looked_after, cla, "{query}");
        assert_eq!(s.council.cp_plans, cpp, "{query}");
    }
    let pairs = link::pairs("council=E10000006").unwrap();
    let e = council_preset::base_for(default_scenario(), &pairs).unwrap_err();
    assert_eq!(
        e.field,
        outcome_model::base::error::Location::from("council")
    );
    assert!(e.message().contains("abolished"), "{}", e.message());
}

#[test]
fn a_council_chosen_brings_its_own_spend_per_looked_after_child_or_none() {
    // (council, whether it has a usable figure): Sandwell records its
    // looked-after spending on another line, Birmingham's returns were not
    // received in any of the three years; neither may keep the figure of
    // the council before.
    let cases = [
        ("E06000009", true),
        ("E08000025", false),
        ("E08000028", false),
        ("E10000015", true),
    ];
    for (code, has) in cases {
        let own = presets::latest(code)
            .unwrap()
            .to_council()
            .cla_spend_per_child;
        assert_eq!(own.is_some(), has, "{code}");
        // From the picker, over the default (Hertfordshire's) figures.
        let mut s = default_scenario();
        council_preset::apply(&mut s, presets::latest(code).unwrap());
        assert_eq!(s.council.cla_spend_per_child, own, "{code}: picked");
        // From a link naming only the council.
        let pairs = link::pairs(&format!("council={code}")).unwrap();
        let base = council_preset::base_for(default_scenario(), &pairs).unwrap();
        let s = link::apply(base, &pairs).unwrap();
        assert_eq!(s.council.cla_spend_per_child, own, "{code}: link");
    }
}
