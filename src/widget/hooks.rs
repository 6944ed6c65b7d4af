//! What a panel calls back into: drawing the calculator again (an import,
//! a restore, "Start again", after a fault) and the update cycle. The
//! mount at the top ([`super::mount`]) sets both before anything is
//! drawn, so the panels below name neither the mount nor the cycle, and
//! the widget's files form no import circle
//! (`tests/no_import_cycles.rs`).

use std::cell::Cell;

use wasm_bindgen::JsValue;
use web_sys::{HtmlElement, ShadowRoot};

use crate::model::Scenario;
use crate::widget::state::State;
use crate::widget::tools::share::Start;

/// Draws the widget with a scenario (`start`: how it was found).
pub type Draw = fn(ShadowRoot, HtmlElement, Scenario, Option<Start>) -> Result<(), JsValue>;
/// Recomputes and brings errors and results in line (`force`: everything).
pub type Update = fn(&ShadowRoot, &mut State, bool);

thread_local! {
    static HOOKS: Cell<Option<(Draw, Update)>> = const { Cell::new(None) };
}

/// Set by the mount, before anything is drawn.
pub fn set(draw: Draw, update: Update) {
    HOOKS.with(|h| h.set(Some((draw, update))));
}

/// Draws the widget in `root` again with `scenario`.
pub fn draw(
    root: ShadowRoot,
    host: HtmlElement,
    scenario: Scenario,
    start: Option<Start>,
) -> Result<(), JsValue> {
    match HOOKS.with(Cell::get) {
        Some((draw, _)) => draw(root, host, scenario, start),
        None => Err(JsValue::from_str("the calculator is not mounted")),
    }
}

/// [`draw`] with a given scenario, without notices about how it was found.
pub fn mount_with(root: ShadowRoot, host: HtmlElement, scenario: Scenario) -> Result<(), JsValue> {
    draw(root, host, scenario, None)
}

/// Recomputes and redraws the widget in `root` (`force`: everything).
pub fn update(root: &ShadowRoot, s: &mut State, force: bool) {
    if let Some((_, update)) = HOOKS.with(Cell::get) {
        update(root, s, force);
    }
}
