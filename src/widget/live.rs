//! The calculators mounted on the page: one [`Widget`] value each, holding
//! everything that widget keeps between events (its state, the redraws and
//! saves waiting for typing to rest, "How sure are we?", the pinned
//! scenarios). It is found by its shadow root, so several calculators on
//! one page never share anything, and it outlives a redraw of its drawing
//! (restore, import, "Start again"): the pins and the last simulation stay.
//!
//! The values here are plain data; the rooms that own each concern
//! (`results::uncertainty`, `tools::compare`, `tools`) read and write them.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use web_sys::{Element, HtmlElement, ShadowRoot};

use crate::model::calc::uncertainty::{Bar, Simulation};
use crate::model::{Projection, Scenario};
use crate::widget::state::State;

/// One calculator on the page.
pub struct Widget {
    /// Its shadow root, which identifies it.
    pub root: ShadowRoot,
    /// The `<outcome-calculator>` element.
    pub host: HtmlElement,
    /// The scenario and results of the current drawing (each drawing has
    /// its own; the drawing's listeners hold it).
    state: RefCell<Weak<RefCell<State>>>,
    /// The redraw of the charts and tables waiting for typing to rest
    /// (`setTimeout` handle).
    pub rest: Cell<Option<i32>>,
    /// "How sure are we?".
    pub sure: RefCell<Sure>,
    /// Pinned scenarios, A first.
    pub pins: RefCell<Vec<Pin>>,
    /// The scenario waiting to be saved on the device and put in the page
    /// address.
    pub later: RefCell<Option<Later>>,
}

impl Widget {
    /// The state of the current drawing, if it is still drawn.
    pub fn state(&self) -> Option<Rc<RefCell<State>>> {
        self.state.borrow().upgrade()
    }

    /// Hands the widget the state of a new drawing.
    pub fn set_state(&self, state: &Rc<RefCell<State>>) {
        *self.state.borrow_mut() = Rc::downgrade(state);
    }
}

/// "How sure are we?" for one widget: the section, the last simulation and
/// the one waiting to run.
#[derive(Default)]
pub struct Sure {
    /// The section, kept across redraws of the figures around it.
    pub holder: Option<Element>,
    /// The last finished simulation and tornado.
    pub done: Option<Done>,
    /// Pending `setTimeout` handle, and the scenario it will simulate.
    pub timer: Option<i32>,
    /// The scenario waiting to be simulated.
    pub pending: Option<Scenario>,
    /// Width the charts were drawn at, px.
    pub width: f64,
}

/// A finished simulation and tornado, and the scenario they are for.
pub struct Done {
    /// The scenario simulated.
    pub scenario: Scenario,
    /// The simulation.
    pub sim: Simulation,
    /// The tornado's bars.
    pub bars: Vec<Bar>,
    /// The council's net budget impact with every input as entered, £.
    pub npv: f64,
}

/// A pinned scenario and its results.
#[derive(Clone)]
pub struct Pin {
    /// The scenario as pinned.
    pub scenario: Scenario,
    /// Its results.
    pub projection: Projection,
}

/// A scenario waiting to be saved and put in the address.
pub struct Later {
    /// Pending `setTimeout` handle.
    pub timer: Option<i32>,
    /// The scenario to keep.
    pub scenario: Scenario,
}

thread_local! {
    static WIDGETS: RefCell<Vec<Rc<Widget>>> = const { RefCell::new(Vec::new()) };
}

/// The widget in `root`, created on its first drawing. Widgets whose host
/// has left the page are forgotten.
pub fn register(root: &ShadowRoot, host: &HtmlElement) -> Rc<Widget> {
    WIDGETS.with(|all| {
        let mut all = all.borrow_mut();
        all.retain(|w| &w.root == root || w.host.is_connected());
        let w = match all.iter().find(|w| &w.root == root) {
            Some(w) => w.clone(),
            None => {
                let w = Rc::new(Widget {
                    root: root.clone(),
                    host: host.clone(),
                    state: RefCell::new(Weak::new()),
                    rest: Cell::new(None),
                    sure: RefCell::new(Sure::default()),
                    pins: RefCell::new(Vec::new()),
                    later: RefCell::new(None),
                });
                all.push(w.clone());
                w
            }
        };
        w
    })
}

/// The widget in `root`, if one was drawn there.
pub fn find(root: &ShadowRoot) -> Option<Rc<Widget>> {
    WIDGETS.with(|all| {
        all.try_borrow()
            .ok()?
            .iter()
            .find(|w| &w.root == root)
            .cloned()
    })
}

/// Every widget drawn on the page (empty while the list is being changed,
/// as in a panic during a drawing).
pub fn all() -> Vec<Rc<Widget>> {
    WIDGETS.with(|all| all.try_borrow().map(|a| a.clone()).unwrap_or_default())
}
