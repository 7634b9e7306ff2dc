//! Tests that need an outside tool (Chromium, Node, actionlint) skip with a
//! note on a developer's machine that lacks it, but fail in CI, where a
//! skipped check would pass unnoticed.

/// Whether a missing tool must fail the test: under `CI=true` (set by
/// GitHub Actions and most CI services) or when `require_var` is `1`.
pub(crate) fn tool_required(require_var: &str) -> bool {
    let set =
        |name: &str, value: &str| std::env::var(name).is_ok_and(|v| v.eq_ignore_ascii_case(value));
    set("CI", "true") || set("CI", "1") || set(require_var, "1")
}

/// Reports a missing tool: panics with `what` and how to install it when
/// the tool is required, else prints a note so that the skip is visible.
pub(crate) fn missing_tool(require_var: &str, what: &str, install: &str) {
    if tool_required(require_var) {
        panic!("missing {what}, required under CI=true or {require_var}=1; {install}");
    }
    eprintln!("note: skipped for want of {what}; {install}");
}
