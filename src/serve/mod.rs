//! `pakta serve`: a local preview that rebuilds on every change and
//! reloads the browser.

pub mod http;
pub mod live;
pub mod watch;
