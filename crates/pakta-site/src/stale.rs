//! Staging folders left behind by builds that were killed before they
//! could clean up. Only folders that carry pakta's marker (or are empty),
//! are named like a staging folder of this output, and belong to a process
//! that is no longer running are removed: nothing else is pakta's to touch.

use std::fs;
use std::path::Path;

use super::output_folder::is_marked;

/// Removes the stale staging folders of output `name` in `parent`. Failing
/// to remove one loses nothing, so failures are left for the next build.
pub(crate) fn remove_stale_staging(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.staging-");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(staging_pid)
        else {
            continue;
        };
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if !is_folder || is_running(pid) {
            continue;
        }
        let path = entry.path();
        if is_marked(&path) {
            let _ = fs::remove_dir_all(&path);
        } else {
            // The old output moved aside may have been an empty folder;
            // removing a folder that is not empty fails, harmlessly.
            let _ = fs::remove_dir(&path);
        }
    }
}

/// The process id in a staging folder's name after the prefix: `1234`
/// (the new site) or `1234.old` (the old one moved aside).
fn staging_pid(suffix: &str) -> Option<u32> {
    let digits = suffix.strip_suffix(".old").unwrap_or(suffix);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Whether the build that made a staging folder may still be writing it.
/// This process has not made its own yet, so a folder with its id is a
/// leftover of an earlier process that had the same id.
#[cfg(unix)]
fn is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    // Ids beyond i32 would mean a process group to kill(2): not a build.
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return true;
    };
    if pid <= 0 {
        return true;
    }
    // SAFETY: signal 0 only asks whether the process exists; nothing is
    // sent.
    let status = unsafe { libc::kill(pid, 0) };
    status == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Whether the build that made a staging folder may still be writing it:
/// a process that cannot be opened because no such id exists has ended;
/// one that cannot be opened for another reason (access denied) exists.
#[cfg(windows)]
fn is_running(pid: u32) -> bool {
    use windows_sys::Win32::Foundation::{
        CloseHandle, ERROR_INVALID_PARAMETER, GetLastError, STILL_ACTIVE,
    };
    use windows_sys::Win32::System::Threading::{
        GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
    };

    if pid == std::process::id() {
        return false;
    }
    // SAFETY: OpenProcess takes plain values; the handle it returns is
    // closed before returning and used only in between, and the exit code
    // is written into a local that outlives the call.
    unsafe {
        let process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
        if process.is_null() {
            return GetLastError() != ERROR_INVALID_PARAMETER;
        }
        let mut exit_code: u32 = 0;
        let asked = GetExitCodeProcess(process, &mut exit_code);
        CloseHandle(process);
        // A handle stays open on an ended process while anyone holds one;
        // its exit code then says it has ended.
        asked == 0 || exit_code == STILL_ACTIVE as u32
    }
}

/// Without a way to ask, every build is assumed to be running.
#[cfg(not(any(unix, windows)))]
fn is_running(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_names_give_their_process_id() {
        assert_eq!(staging_pid("1234"), Some(1234));
        assert_eq!(staging_pid("1234.old"), Some(1234));
        for name in ["", ".old", "12a", "+12", "12.old.old", "99999999999"] {
            assert_eq!(staging_pid(name), None, "{name}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_finished_process_is_not_running_and_a_live_one_is() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(!is_running(pid));
        assert!(is_running(1), "init is always running");
    }

    #[cfg(windows)]
    #[test]
    fn a_finished_process_is_not_running_and_a_live_one_is() {
        let mut child = std::process::Command::new("cmd")
            .args(["/C", "exit 0"])
            .spawn()
            .unwrap();
        let pid = child.id();
        child.wait().unwrap();
        // The child's handle is still held here, so the process object
        // exists: its exit code is what says it has ended.
        assert!(!is_running(pid));
        let mut live = std::process::Command::new("cmd")
            .args(["/C", "ping -n 30 127.0.0.1 >NUL"])
            .spawn()
            .unwrap();
        assert!(is_running(live.id()));
        live.kill().unwrap();
        live.wait().unwrap();
    }
}
