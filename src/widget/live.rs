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

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};

use crate::model::calc::uncertainty::{Bar, Simulation};
use crate::model::{Projection, Scenario, ValidScenario};
use crate::widget::state::State;

/// The state of one calculator, shared by its listeners.
pub type Shared = Rc<RefCell<State>>;

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
    /// The current drawing's event listeners and resize observers, released
    /// when it is drawn again ([`Widget::release`]): a forgotten closure
    /// would keep its drawing's state, and the nodes it names, for the life
    /// of the page.
    held: RefCell<Vec<Held>>,
}

/// A listener or observer of one drawing.
enum Held {
    Listener(
        web_sys::EventTarget,
        String,
        Closure<dyn FnMut(web_sys::Event)>,
    ),
    Observer(web_sys::ResizeObserver, Closure<dyn FnMut()>),
}

impl Widget {
    /// The state of the current drawing, if it is still drawn.
    pub fn state(&self) -> Option<Rc<RefCell<State>>> {
        self.state.borrow().upgrade()
    }

    /// Removes the listeners and disconnects the observers of the drawing
    /// shown, and frees their closures (one running now is freed by
    /// wasm-bindgen once it returns).
    pub fn release(&self) {
        let held = match self.held.try_borrow_mut() {
            Ok(mut h) => std::mem::take(&mut *h),
            Err(_) => return,
        };
        for h in held {
            match h {
                Held::Listener(target, event, c) => {
                    let _ = target
                        .remove_event_listener_with_callback(&event, c.as_ref().unchecked_ref());
                }
                Held::Observer(o, c) => {
                    o.disconnect();
                    drop(c);
                }
            }
        }
    }

    /// How many listeners and observers the drawing holds (for tests).
    pub fn held(&self) -> usize {
        self.held.borrow().len()
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
    /// The scenario waiting to be simulated, with its central net budget
    /// impact (from the projection already drawn, not worked out again).
    pub pending: Option<Settled>,
    /// Width the charts were drawn at, px.
    pub width: f64,
}

/// A validated scenario whose projection is drawn, waiting for its
/// simulation and tornado.
#[derive(Clone)]
pub struct Settled {
    /// The scenario, as validated for its projection.
    pub scenario: ValidScenario,
    /// The council's net budget impact in that projection, £.
    pub npv: f64,
}

/// A finished simulation and tornado, and the scenario they are for.
pub struct Done {
    /// The scenario simulated.
    pub scenario: ValidScenario,
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
    /// The scenario to keep, as its link's query.
    pub query: String,
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
                    held: RefCell::new(Vec::new()),
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

/// The widget whose shadow root holds `node`.
fn owner(node: &web_sys::Node) -> Option<Rc<Widget>> {
    let root = node.get_root_node().dyn_into::<ShadowRoot>().ok()?;
    find(&root)
}

/// Adds an event listener for the drawing `target` is in: removed and
/// freed when the widget is drawn again. Outside a widget it lives as long
/// as the page.
pub fn listen(target: &web_sys::Element, event: &str, f: impl FnMut(web_sys::Event) + 'static) {
    let c = Closure::<dyn FnMut(web_sys::Event)>::new(f);
    let _ = target.add_event_listener_with_callback(event, c.as_ref().unchecked_ref());
    match owner(target) {
        Some(w) => match w.held.try_borrow_mut() {
            Ok(mut held) => held.push(Held::Listener(target.clone().into(), event.into(), c)),
            Err(_) => c.forget(),
        },
        None => c.forget(),
    }
}

/// Observes `target`'s size for the drawing it is in: disconnected and
/// freed when the widget is drawn again.
pub fn observe_size(target: &web_sys::Element, f: impl FnMut() + 'static) {
    let c = Closure::<dyn FnMut()>::new(f);
    let Ok(observer) = web_sys::ResizeObserver::new(c.as_ref().unchecked_ref()) else {
        return;
    };
    observer.observe(target);
    match owner(target) {
        Some(w) => match w.held.try_borrow_mut() {
            Ok(mut held) => held.push(Held::Observer(observer, c)),
            Err(_) => c.forget(),
        },
        None => c.forget(),
    }
}

/// Every widget drawn on the page (empty while the list is being changed,
/// as in a panic during a drawing).
pub fn all() -> Vec<Rc<Widget>> {
    WIDGETS.with(|all| all.try_borrow().map(|a| a.clone()).unwrap_or_default())
}
