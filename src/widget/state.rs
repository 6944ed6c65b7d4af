//! The widget's state: the scenario, the programme settings the user has
//! made (kept when a programme is unticked and ticked again), the text that
//! could not be used, and the last good projection.
//!
//! On input: the text is read; if it is a number the scenario takes it and
//! the projection is recomputed; if not, the scenario keeps its last good
//! value, the input keeps the user's text, the error is shown next to it and
//! the last good results stay up, marked "not updated".

use crate::model::data::evidence::Placement;
use crate::model::data::evidence::{self, Programme};
use crate::model::data::presets::OwnedPreset;
use crate::model::import::dfe::Import;
use crate::model::scenario::parse;
use crate::model::{
    Agency, Cohorts, CustomBenefit, EffectLevel, Error, ErrorKind, ProgrammeChoice, Projection,
    Scenario, Valid, ValidScenario,
};

/// The fields of a custom benefit that have an input, in the form's order.
pub const BENEFIT_KEYS: [&str; 7] = [
    "name",
    "agency",
    "value",
    "low",
    "high",
    "years",
    "drop_off_pct",
];

use crate::widget::form::fields::{self, Access, Kind};

/// A problem to show: the input it belongs to and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Id of the element to focus (an input or a checkbox), if any.
    pub target: Option<String>,
    /// Base id of the error message slot (`{slot}-error`), if any.
    pub slot: Option<String>,
    /// The message, as a sentence.
    pub message: String,
    /// A figure a ticked programme still needs, which only the reader can
    /// give (none is published): the programme waits outside the results,
    /// the rest stay up, and the figure is asked for under its box rather
    /// than in the error summary.
    pub waiting: bool,
}

/// A ticked programme left out of the results until the reader gives the
/// figures it needs: its id and each figure's (input id, message).
#[derive(Debug, Clone, PartialEq)]
pub struct Waiting {
    /// The programme's library id.
    pub programme: String,
    /// The inputs it needs, with what each is.
    pub needs: Vec<(String, String)>,
}

/// Everything the widget knows.
pub struct State {
    /// The scenario being projected; `programmes` holds the ticked ones.
    pub scenario: Scenario,
    /// The evidence library, in display order.
    pub library: Vec<Programme>,
    /// One choice per library programme, ticked or not.
    pub choices: Vec<ProgrammeChoice>,
    /// Which library programmes are ticked.
    pub chosen: Vec<bool>,
    /// The scenario's programmes that are not in the library (the user's
    /// own, from a scenario file or a link), kept as they came after the
    /// ticked ones; the form lists them and edits their benefits in money
    /// and cohorts, nothing else.
    pub extra: Vec<ProgrammeChoice>,
    /// Inputs whose text could not be used: input id and the error.
    pub bad: Vec<(String, Error)>,
    /// The last projection that worked.
    pub last: Option<Projection>,
    /// The scenario `last` was projected from: it passed validation (its
    /// type says so), so what is drawn from it (the context panel,
    /// England's view, exports, the simulation) only ever sees values in
    /// range, whatever the form holds, and is never checked again.
    pub shown: Option<ValidScenario>,
    /// The starting scenario as the start-up validated it (a link, the
    /// element's attributes, the saved copy): the first
    /// [`State::recompute`] takes it instead of checking again, when the
    /// scenario is still the same.
    pub checked: Option<ValidScenario>,
    /// True when `last` does not match what the form shows.
    pub stale: bool,
    /// The problems found by the last [`State::recompute`].
    pub problems: Vec<Problem>,
    /// Ticked programmes waiting for a figure only the reader can give,
    /// left out of `scenario` until it is given.
    pub waiting: Vec<Waiting>,
    /// The figures whose working is open, by path (`results::working`);
    /// kept through redraws.
    pub workings: std::cell::RefCell<Vec<String>>,
    /// The official figures of the council chosen, to tell the user's
    /// changes from them (see `council.rs`).
    pub official: Option<OwnedPreset>,
    /// Figures loaded from the official files, when the user has loaded
    /// some: they replace the built-in ones of their year.
    pub imported: Option<Import>,
    /// For each programme of `extra`, the row number of each of its custom
    /// benefits in the form, in order: a row keeps its number (and its
    /// inputs their ids) when a benefit before it is removed.
    pub benefit_rows: Vec<Vec<usize>>,
    /// The number the next new benefit row takes.
    pub next_row: usize,
}

/// The id of a custom benefit's input: `own<k>.benefit<row>.<key>` for
/// the `k`-th of the scenario's own programmes and the benefit in form row
/// `row`, `key` a field of the benefit (`value`, `agency`, …).
pub fn benefit_id(k: usize, row: usize, key: &str) -> String {
    let mut id = String::from("own");
    push_count(&mut id, k);
    id.push_str(".benefit");
    push_count(&mut id, row);
    id.push('.');
    id.push_str(key);
    id
}

/// The own programme, form row and key of a custom benefit's input id.
pub fn parse_benefit_id(id: &str) -> Option<(usize, usize, &str)> {
    let rest = id.strip_prefix("own")?;
    let (k, rest) = rest.split_once(".benefit")?;
    let (row, key) = rest.split_once('.')?;
    Some((k.parse().ok()?, row.parse().ok()?, key))
}

impl State {
    /// State for a starting scenario.
    pub fn new(scenario: Scenario) -> State {
        let library = evidence::library();
        let mut choices: Vec<ProgrammeChoice> =
            library.iter().map(|p| ProgrammeChoice::new(p.id)).collect();
        let mut chosen = vec![false; library.len()];
        let mut extra = Vec::new();
        for c in &scenario.programmes {
            match library.iter().position(|p| p.id == c.programme) {
                Some(i) => {
                    choices[i] = c.clone();
                    chosen[i] = true;
                }
                None => extra.push(c.clone()),
            }
        }
        let benefit_rows: Vec<Vec<usize>> = {
            let mut n = 0;
            extra
                .iter()
                .map(|c: &ProgrammeChoice| {
                    let count = c.custom.as_ref().map_or(0, |x| x.benefits.len());
                    n += count;
                    (n - count..n).collect()
                })
                .collect()
        };
        let next_row = benefit_rows.iter().map(Vec::len).sum();
        let mut s = State {
            benefit_rows,
            next_row,
            scenario,
            library,
            choices,
            chosen,
            extra,
            bad: Vec::new(),
            last: None,
            shown: None,
            checked: None,
            stale: false,
            problems: Vec::new(),
            waiting: Vec::new(),
            workings: Default::default(),
            official: None,
            imported: None,
        };
        s.sync_programmes();
        s
    }

    /// Puts every ticked programme into the scenario, those waiting for a
    /// figure too: [`State::recompute`] sets the waiting ones aside once
    /// it has checked the scenario. Returns how many of them are the
    /// library's.
    fn sync_programmes(&mut self) -> usize {
        let all: Vec<ProgrammeChoice> = self
            .choices
            .iter()
            .zip(&self.chosen)
            .filter(|(_, on)| **on)
            .map(|(c, _)| c.clone())
            .chain(self.extra.iter().cloned())
            .collect();
        self.scenario.programmes = all;
        self.waiting.clear();
        self.chosen.iter().filter(|on| **on).count()
    }

    /// Sets aside the ticked programmes still missing a figure that no
    /// source publishes (how many cases the council's team works with, a
    /// cost where none is published), found in `errors` (the check of the
    /// scenario with every ticked programme): they wait in
    /// [`State::waiting`], so that the results for the rest stay up while
    /// the reader finds the figure. Returns whether any was set aside.
    fn set_aside(&mut self, errors: &[Error], library_ticked: usize) -> bool {
        let mut waiting: Vec<usize> = Vec::new();
        for e in errors {
            if !matches!(e.kind, ErrorKind::Missing { .. }) {
                continue;
            }
            // Only the library's programmes wait; the reader's own are
            // edited in their file.
            let Some(k) = programme_index(e.field.path()).filter(|k| *k < library_ticked) else {
                continue;
            };
            let Some(c) = self.scenario.programmes.get(k) else {
                continue;
            };
            let key = e.field.path().split_once("].").map_or("", |(_, key)| key);
            let input = cat2(&cat2(&c.programme, "."), key);
            let message = crate::dom::sentence(&e.message());
            match waiting.iter().position(|w| *w == k) {
                Some(at) => self.waiting[at].needs.push((input, message)),
                None => {
                    waiting.push(k);
                    self.waiting.push(Waiting {
                        programme: c.programme.clone(),
                        needs: vec![(input, message)],
                    });
                }
            }
        }
        // Never all of them: with nothing left to project, the summary
        // asks for the figures as before.
        if waiting.is_empty() || waiting.len() >= self.scenario.programmes.len() {
            self.waiting.clear();
            return false;
        }
        let mut k = 0;
        self.scenario.programmes.retain(|_| {
            k += 1;
            !waiting.contains(&(k - 1))
        });
        true
    }

    /// The library index of a programme id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.library.iter().position(|p| p.id == id)
    }

    /// The current value of a field, for writing into its input.
    pub fn value(&self, id: &str) -> Option<f64> {
        let (f, programme) = fields::find(id)?;
        match (f.access, programme) {
            (Access::Scenario(get, _), None) => get(&self.scenario),
            (Access::Choice(get, _), Some(p)) => get(&self.choices[self.index_of(p)?]),
            _ => None,
        }
    }

    /// Takes the text of an input. Returns false for an unknown id.
    pub fn set_text(&mut self, id: &str, text: &str) -> bool {
        let Some((f, programme)) = fields::find(id) else {
            return false;
        };
        let index = match programme {
            Some(p) => match self.index_of(p) {
                Some(i) => Some(i),
                None => return false,
            },
            None => None,
        };
        self.bad.retain(|(b, _)| b != id);
        let read = match parse::number(text) {
            Err(kind) => Err(kind),
            Ok(None) if f.kind != Kind::Optional => Err(blank()),
            Ok(Some(v)) if f.kind == Kind::Whole && v.fract() != 0.0 => Err(not_whole()),
            Ok(v) => Ok(v),
        };
        match read {
            Err(kind) => {
                let path = match index {
                    Some(i) => self.path_in_scenario(i, f.key),
                    None => f.key.to_string(),
                };
                self.bad.push((id.to_string(), Error::new(path, kind)));
            }
            Ok(v) => match (f.access, index) {
                (Access::Scenario(_, set), None) => set(&mut self.scenario, v),
                (Access::Choice(_, set), Some(i)) => {
                    set(&mut self.choices[i], v);
                    self.sync_programmes();
                }
                _ => {}
            },
        }
        true
    }

    /// Ticks or unticks a programme.
    pub fn set_chosen(&mut self, id: &str, on: bool) {
        if let Some(i) = self.index_of(id) {
            self.chosen[i] = on;
            self.sync_programmes();
        }
    }

    /// Sets the placement a programme's children would have had
    /// (`foster`, `residential` or `council_average`). Returns false for an
    /// unknown programme or value.
    pub fn set_placement(&mut self, programme: &str, value: &str) -> bool {
        let place = match value {
            "foster" => Placement::Foster,
            "residential" => Placement::Residential,
            "council_average" => Placement::CouncilAverage,
            _ => return false,
        };
        let Some(i) = self.index_of(programme) else {
            return false;
        };
        self.choices[i].placement = (place != self.library[i].placement).then_some(place);
        self.sync_programmes();
        true
    }

    /// The scenario path of the `k`-th own programme's field `key`.
    fn own_path(&self, k: usize, key: &str) -> String {
        let position = self.chosen.iter().filter(|c| **c).count() + k;
        let mut path = String::from("programmes[");
        push_count(&mut path, position);
        path.push_str("].");
        path.push_str(key);
        path
    }

    /// The place of a custom benefit input's benefit: (own programme,
    /// benefit index), when both are there.
    fn benefit_at(&self, id: &str) -> Option<(usize, usize, &'static str)> {
        let (k, row, key) = parse_benefit_id(id)?;
        let j = self.benefit_rows.get(k)?.iter().position(|r| *r == row)?;
        let key = BENEFIT_KEYS.iter().find(|x| **x == key)?;
        Some((k, j, key))
    }

    /// Takes the text of a custom benefit's input (`own<k>.benefit<row>.<key>`):
    /// its name, who gains, or a number. Returns false for an unknown id.
    pub fn set_benefit(&mut self, id: &str, text: &str) -> bool {
        let Some((k, j, key)) = self.benefit_at(id) else {
            return false;
        };
        self.bad.retain(|(b, _)| b != id);
        let mut path = self.own_path(k, "custom.benefits[");
        push_count(&mut path, j);
        path.push_str("].");
        path.push_str(key);
        let Some(b) = self.extra[k]
            .custom
            .as_mut()
            .and_then(|c| c.benefits.get_mut(j))
        else {
            return false;
        };
        match key {
            "name" => b.name = text.to_string(),
            "agency" => match Agency::ALL.into_iter().find(|a| a.key() == text) {
                Some(a) => b.agency = a,
                None => return false,
            },
            _ => {
                let read = match parse::number(text) {
                    Err(kind) => Err(kind),
                    Ok(None) => Err(blank()),
                    Ok(Some(v)) if key == "years" && v.fract() != 0.0 => Err(not_whole()),
                    Ok(Some(v)) => Ok(v),
                };
                match read {
                    Err(kind) => self.bad.push((id.to_string(), Error::new(path, kind))),
                    Ok(v) => match key {
                        "low" => b.low = v,
                        // A benefit with no range yet (low = value = high,
                        // as a new one is) keeps none: its ends follow.
                        "value" if b.low == b.value && b.high == b.value => {
                            (b.low, b.value, b.high) = (v, v, v)
                        }
                        "value" => b.value = v,
                        "high" => b.high = v,
                        // Out of range is refused by validation, naming the field.
                        "years" => b.years = v.clamp(0.0, f64::from(u32::MAX)) as u32,
                        _ => b.drop_off_pct = v,
                    },
                }
            }
        }
        self.sync_programmes();
        true
    }

    /// Adds a benefit to the `k`-th own programme, its values those of a
    /// new benefit (nothing yet: £0 a case a year for 1 year, for the
    /// reader to fill in). Returns its form row.
    pub fn add_benefit(&mut self, k: usize) -> Option<usize> {
        let custom = self.extra.get_mut(k)?.custom.as_mut()?;
        if custom.benefits.len() >= 10 {
            return None;
        }
        custom.benefits.push(CustomBenefit::blank(""));
        let row = self.next_row;
        self.next_row += 1;
        self.benefit_rows[k].push(row);
        self.sync_programmes();
        Some(row)
    }

    /// Removes the benefit in form row `row` of the `k`-th own programme,
    /// and any text of its inputs that could not be used.
    pub fn remove_benefit(&mut self, k: usize, row: usize) -> bool {
        let Some(j) = self
            .benefit_rows
            .get(k)
            .and_then(|rows| rows.iter().position(|r| *r == row))
        else {
            return false;
        };
        let Some(custom) = self.extra[k].custom.as_mut() else {
            return false;
        };
        custom.benefits.remove(j);
        self.benefit_rows[k].remove(j);
        let prefix = benefit_id(k, row, "");
        self.bad.retain(|(b, _)| !b.starts_with(&prefix));
        self.sync_programmes();
        true
    }

    /// Sets whether the `k`-th own programme serves a cohort each funded
    /// year or one in the first year only (`each_funded_year`,
    /// `first_year_only`). Returns false for an unknown programme or value.
    pub fn set_cohorts(&mut self, k: usize, value: &str) -> bool {
        let (Some(c), Some(choice)) = (
            Cohorts::parse(value),
            self.extra.get_mut(k).and_then(|p| p.custom.as_mut()),
        ) else {
            return false;
        };
        choice.cohorts = c;
        self.sync_programmes();
        true
    }

    /// Sets which end of the effect ranges to use.
    pub fn set_level(&mut self, level: EffectLevel) {
        self.scenario.assumptions.effect_level = level;
    }

    /// The scenario path of a programme field, by library index.
    fn path_in_scenario(&self, library_index: usize, key: &str) -> String {
        let position = (0..library_index)
            .filter(|&i| self.chosen[i] && !self.is_waiting(self.library[i].id))
            .count();
        let mut path = String::from("programmes[");
        push_count(&mut path, position);
        path.push_str("].");
        path.push_str(key);
        path
    }

    /// Whether a ticked programme waits for a figure (see [`Waiting`]).
    pub fn is_waiting(&self, id: &str) -> bool {
        self.waiting.iter().any(|w| w.programme == id)
    }

    /// The input for a scenario path: (element to focus, error slot).
    fn locate(&self, path: &str) -> (Option<String>, Option<String>) {
        let first_box = || self.library.first().map(|p| cat2("choose.", p.id));
        if path == "programmes" {
            return (first_box(), Some("programmes".into()));
        }
        if let Some(rest) = path.strip_prefix("programmes[") {
            let Some((n, key)) = rest.split_once("].") else {
                return (first_box(), Some("programmes".into()));
            };
            let n: usize = n.parse().unwrap_or(usize::MAX);
            let ids: Vec<&str> = self
                .library
                .iter()
                .zip(&self.chosen)
                .filter(|(p, on)| **on && !self.is_waiting(p.id))
                .map(|(p, _)| p.id)
                .collect();
            let Some(id) = ids.get(n) else {
                // One of the scenario's own programmes: its benefits have
                // inputs.
                let k = n.wrapping_sub(ids.len());
                let benefit = key
                    .strip_prefix("custom.benefits[")
                    .and_then(|r| r.split_once("]."))
                    .and_then(|(j, f)| Some((j.parse::<usize>().ok()?, f)));
                return match benefit.and_then(|(j, f)| Some((self.benefit_rows.get(k)?.get(j)?, f)))
                {
                    Some((row, f)) if BENEFIT_KEYS.contains(&f) => {
                        let id = benefit_id(k, *row, f);
                        (Some(id.clone()), Some(id))
                    }
                    _ => (None, None),
                };
            };
            let id = cat2(id, ".");
            let input = cat2(&id, key);
            if fields::find(&input).is_some() {
                return (Some(input.clone()), Some(input));
            }
            let checkbox = cat2("choose.", id.trim_end_matches('.'));
            return (Some(checkbox), Some("programmes".into()));
        }
        if fields::find(path).is_some() {
            return (Some(path.into()), Some(path.into()));
        }
        (None, None)
    }

    /// Recomputes: updates `last`, `stale` and `problems`.
    pub fn recompute(&mut self) {
        use crate::model::scenario::label;
        // Whether a programme waits for a figure can follow the council.
        let library_ticked = self.sync_programmes();
        // A label this calculator made follows the council and programmes.
        label::refresh(&mut self.scenario);
        // Checked once; a second time only when a programme is set aside
        // to wait for a figure (the rest are then checked without it).
        let mut aside = false;
        let mut started = self.checked.take();
        let checked = loop {
            let checked = match started.take() {
                Some(valid) if *valid == self.scenario => Ok(valid),
                _ => crate::model::validate(&self.scenario).map(Valid::to_owned),
            };
            match &checked {
                Err(errors) if !aside && self.set_aside(errors, library_ticked) => {
                    aside = true;
                    label::refresh(&mut self.scenario);
                }
                _ => break checked,
            }
        };
        let mut problems: Vec<Problem> = self
            .bad
            .iter()
            .map(|(id, e)| Problem {
                target: Some(id.clone()),
                slot: Some(id.clone()),
                message: crate::dom::sentence(&e.message()),
                waiting: false,
            })
            .collect();
        for w in &self.waiting {
            for (input, message) in &w.needs {
                if !problems.iter().any(|p| p.slot.as_deref() == Some(input)) {
                    problems.push(Problem {
                        target: Some(input.clone()),
                        slot: Some(input.clone()),
                        message: message.clone(),
                        waiting: true,
                    });
                }
            }
        }
        let blocking = problems.iter().any(|p| !p.waiting);
        match checked {
            Ok(valid) if !blocking => {
                self.last = Some(outcome_kernel::project_valid(valid.valid()));
                self.shown = Some(valid);
                self.stale = false;
            }
            Ok(_) => self.stale = true,
            Err(errors) => {
                self.stale = true;
                for e in errors {
                    let (target, slot) = self.locate(e.field.path());
                    // Text the user is still correcting wins over a check
                    // on the value it replaced.
                    if slot.is_some() && problems.iter().any(|p| p.slot == slot) {
                        continue;
                    }
                    problems.push(Problem {
                        target,
                        slot,
                        message: crate::dom::sentence(&e.message()),
                        waiting: false,
                    });
                }
            }
        }
        self.problems = problems;
    }
}

/// The programme's index in `programmes[3].cohort`.
/// A field left blank that takes a figure whatever else is chosen.
fn blank() -> ErrorKind {
    ErrorKind::Blank {
        reason: "enter a figure".into(),
    }
}

/// A number with a fraction where a whole number is needed.
fn not_whole() -> ErrorKind {
    ErrorKind::NotAWholeNumber {
        reason: "enter a whole number".into(),
    }
}

fn programme_index(field: &str) -> Option<usize> {
    field
        .strip_prefix("programmes[")?
        .split_once(']')?
        .0
        .parse()
        .ok()
}

fn cat2(a: &str, b: &str) -> String {
    crate::dom::cat(&[a, b])
}

/// Appends a small count in decimal digits.
pub fn push_count(s: &mut String, n: usize) {
    if n >= 10 {
        push_count(s, n / 10);
    }
    s.push(char::from(b'0' + (n % 10) as u8));
}

/// The starting scenario: Derbyshire's official 2025 figures with Family
/// Safeguarding.
pub fn starting_scenario() -> Scenario {
    crate::model::default_scenario()
}

/// Which effect level a radio value names.
pub fn level_from(value: &str) -> Option<EffectLevel> {
    match value {
        "low" => Some(EffectLevel::Low),
        "central" => Some(EffectLevel::Central),
        "high" => Some(EffectLevel::High),
        _ => None,
    }
}
