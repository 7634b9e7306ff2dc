//! What the stage crates' tests share. A dev-dependency only: nothing in
//! the pipeline depends on it.

pub mod hostile_text;
