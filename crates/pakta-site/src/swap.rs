//! Exchanging two folders in one step, where the operating system can:
//! the output name then always holds a complete site, old or new. Linux
//! has `renameat2(RENAME_EXCHANGE)` and macOS `renamex_np(RENAME_SWAP)`;
//! Windows has no such call, so there the caller falls back to two renames.

use std::io;
use std::path::Path;

/// Swaps the folders at `a` and `b` atomically.
#[cfg(target_os = "linux")]
pub(crate) fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;

    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are to NUL-terminated strings that outlive the
    // call; renameat2 reads them and keeps nothing.
    let status = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if status == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Swaps the folders at `a` and `b` atomically.
#[cfg(target_os = "macos")]
pub(crate) fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;

    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are to NUL-terminated strings that outlive the
    // call; renamex_np reads them and keeps nothing.
    let status = unsafe { libc::renamex_np(a.as_ptr(), b.as_ptr(), libc::RENAME_SWAP) };
    if status == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Says that this system cannot exchange folders in one step.
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
pub(crate) fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Whether `error` says the system or the file system cannot exchange
/// folders (an old kernel, some network file systems), so that the caller
/// falls back to two renames.
pub(crate) fn unsupported(error: &io::Error) -> bool {
    if error.kind() == io::ErrorKind::Unsupported {
        return true;
    }
    #[cfg(target_os = "linux")]
    {
        matches!(
            error.raw_os_error(),
            Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP)
        )
    }
    // File systems without the swap (FAT, exFAT, SMB shares) answer
    // ENOTSUP.
    #[cfg(target_os = "macos")]
    {
        matches!(
            error.raw_os_error(),
            Some(libc::EINVAL | libc::ENOTSUP | libc::EOPNOTSUPP | libc::ENOSYS)
        )
    }
    #[cfg(not(any(target_os = "linux", target_os = "macos")))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn exchanging_swaps_two_folders_or_says_it_cannot() {
        let dir = std::env::temp_dir().join(format!("pakta-swap-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("a")).unwrap();
        fs::create_dir_all(dir.join("b")).unwrap();
        fs::write(dir.join("a/which"), "a").unwrap();
        fs::write(dir.join("b/which"), "b").unwrap();
        match exchange(&dir.join("a"), &dir.join("b")) {
            Ok(()) => {
                assert_eq!(fs::read_to_string(dir.join("a/which")).unwrap(), "b");
                assert_eq!(fs::read_to_string(dir.join("b/which")).unwrap(), "a");
            }
            Err(e) => assert!(unsupported(&e), "{e}"),
        }
        fs::remove_dir_all(&dir).unwrap();
    }
}
