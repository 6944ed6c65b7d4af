//! Share links reproduce the scenario exactly, and damaged links fail
//! cleanly.

use outcome_model::base::error::Location;
use outcome_model::scenario::link::{from_parts, from_query, to_parts, to_query};
use outcome_model::{project, validate};
use proptest::prelude::*;

mod common;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_field_round_trips(s in common::scenario()) {
        let mut s = s;
        s.label = "Round trip: a & b = c?".into();
        s.council.name = "Bristol, City of".into();
        s.council.code = Some("E06000023".into());
        let q = to_query(&s);
        let back = from_query(&q).unwrap_or_else(|e| panic!("{q}: {e:?}"));
        // A link holds each programme id once; compare those scenarios.
        let mut ids: Vec<&str> = s.programmes.iter().map(|p| p.programme.as_str()).collect();
        ids.sort();
        ids.dedup();
        if ids.len() == s.programmes.len() {
            prop_assert_eq!(&back, &s, "{}", q);
            if validate(&s).is_ok() {
                prop_assert_eq!(project(&back).unwrap(), project(&s).unwrap());
            }
        }
    }

    /// The way a scenario file read by the workings module reaches the
    /// calculator: exactly, with a programme listed twice, any label and
    /// a council's name that is not its official one.
    #[test]
    fn every_scenario_round_trips_through_its_parts(
        s in common::scenario(),
        twice in any::<bool>(),
        label in prop::sample::select(vec!["", "Round trip: a & b = c?", " "]),
        council in prop::sample::select(vec![None, Some("E10000015"), Some("E06000023"), Some("nowhere")]),
        name in prop::sample::select(vec!["", "Kent", "Bristol, City of", "My area & more"]),
    ) {
        let mut s = s;
        if twice {
            let p = s.programmes[0].clone();
            s.programmes.push(p);
        }
        s.label = label.into();
        s.council.code = council.map(Into::into);
        s.council.name = name.into();
        let parts = to_parts(&s);
        let back = from_parts(&parts).unwrap_or_else(|e| panic!("{parts:?}: {e:?}"));
        prop_assert_eq!(&back, &s, "{:?}", parts);
    }

    #[test]
    fn any_text_is_answered_without_panic(q in ".{0,300}") {
        let _ = from_query(&q);
    }

    #[test]
    fn tampered_links_never_panic(s in common::scenario(), cut in 0usize..400, junk in "[%&=.,:a-z0-9]{0,8}") {
        let mut q = to_query(&s);
        let at = cut.min(q.len());
        if q.is_char_boundary(at) {
            q.insert_str(at, &junk);
        }
        if let Ok(back) = from_query(&q) {
            let _ = validate(&back).map(|_| project(&back));
        }
    }
}

#[test]
fn damaged_links_name_the_problem() {
    let cases = [
        ("v=3&programmes=pause", "v"),
        ("v=2&care_starts=12a&programmes=pause", "care_starts"),
        ("v=2&programmes=pause&pause.cohort=%ZZ", "pause.cohort"),
        ("v=2&programmes=pause&fdac.cohort=3", "fdac.cohort"),
        ("v=2&nonsense=1", "nonsense"),
        ("v=2&horizon_years=2.5", "horizon_years"),
    ];
    for (q, field) in cases {
        let errors = from_query(q).expect_err(q);
        assert_eq!(errors[0].field, Location::from(field), "{q}");
    }
}
