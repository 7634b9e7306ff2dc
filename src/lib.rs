//! pakta turns a repository of cooperation agreements into a public
//! transparency website.
//!
//! The pipeline is `load -> validate -> model -> render -> write`; see
//! ARCHITECTURE.md for which module owns which stage.

pub mod cli;
pub mod codeowners;
pub mod commands;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod diff;
pub mod history;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod site;
pub mod validate;
