//! The content format: what keys exist, their types and allowed values
//! ([`spec`]), a reader that validates parsed TOML against it, and the same
//! tables as JSON Schema for editors ([`json_schema`]).

pub mod characters;
pub mod json_schema;
mod reader;
pub mod spec;

pub use reader::{TableReader, is_web_url};
