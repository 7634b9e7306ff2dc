//! The content format: what keys exist, their types and allowed values
//! ([`spec`]), a reader that validates parsed TOML against it, and the same
//! tables as JSON Schema for editors ([`json_schema`]).

pub mod characters;
pub mod json_schema;
pub mod known_words;
mod reader;
pub mod spec;
pub mod written_dates;

pub use reader::{TableReader, impossible_date, is_web_url};
