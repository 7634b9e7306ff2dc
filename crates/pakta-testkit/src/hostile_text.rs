//! Strategies for the property tests that feed every text path hostile
//! input: multibyte and control characters, Markdown and TOML syntax, and
//! very long runs of one character or piece (the shape that once
//! overflowed the stack).

use proptest::prelude::*;

/// Characters that mean something to one of the parsers, or are wide.
const PIECES: &[&str] = &[
    "+++",
    "\n",
    "\r\n",
    "\t",
    " ",
    "=",
    "\"",
    "'",
    "[",
    "]",
    "[[",
    "{",
    "}",
    "#",
    "*",
    "_",
    "`",
    ">",
    "<",
    "&",
    "-",
    "|",
    "(",
    ")",
    "!",
    "\\",
    "\\u0007",
    "é",
    "ß",
    "日本",
    "\u{1F600}",
    "\u{0}",
    "\u{7f}",
    "\u{85}",
    "\u{feff}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{301}",
    "kerja",
    "sama",
    "https://",
    "javascript:",
    "<script>",
    "pemilu",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Up to 50,000 characters: a mix of pieces, or one piece repeated.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(piece(), 0..400).prop_map(|p| p.concat()),
        (piece(), 0..12_000usize).prop_map(|(p, n)| p.repeat(n)),
        (any::<char>(), 0..50_000usize).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

/// Up to 4,000 characters, for paths that parse TOML (slow in a debug
/// build) and so would make the suite slow at full length.
pub fn short_text() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(piece(), 0..200).prop_map(|p| p.concat()),
        (piece(), 0..1_000usize).prop_map(|(p, n)| p.repeat(n)),
        (any::<char>(), 0..4_000usize).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

/// Cases per property: enough to meet each shape, bounded in time.
pub fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    }
}
