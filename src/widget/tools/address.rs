//! Whose the page's address is: the calculator's own page keeps the
//! scenario in its address and a copy on the device; a host's page does
//! not. Shared by share links, embedding and the saved copy.

use web_sys::Element;

/// Set on the host while a link is shown over a different saved scenario:
/// nothing is saved until the user chooses.
pub const ASIDE: &str = "data-saved-aside";

/// True when the page is the calculator's own, so the scenario lives in
/// its address.
pub fn owns_address(host: &Element) -> bool {
    host.has_attribute("data-url-state")
}
