//! The content format: what keys exist, their types and allowed values
//! ([`spec`]), and a reader that validates parsed TOML against it.

mod reader;
pub mod spec;

pub use reader::{TableReader, is_web_url};
