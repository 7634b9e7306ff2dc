//! Reading content files safely. A repository is untrusted input: a file
//! that is a link to `/dev/zero`, a FIFO or `/proc/self/environ` must be
//! refused by what it is, before it is opened, never read.

use std::fs::{FileType, Metadata};
use std::io::Read;
use std::path::Path;

use pakta_content::diagnostics::{Diagnostic, Severity};
use pakta_content::message::Message;

/// No agreement, unit or settings file comes near this; anything larger
/// is a mistake or an attack, and reading it would only exhaust memory.
pub const MAX_CONTENT_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a content file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// A link, folder, FIFO, device or socket: named by what it is.
    NotAFile(Message),
    TooLarge(u64),
    Unreadable(String),
}

impl Refusal {
    /// The located diagnostic for the file at `rel` (repository-relative).
    /// These files have no text to point into, so it sits at line 1.
    pub(crate) fn diagnostic(&self, rel: &str) -> Diagnostic {
        match self {
            Refusal::NotAFile(what) => Diagnostic::file_level(
                Severity::Error,
                rel,
                "not-a-file",
                Message::new("not-a-file").nested("what", what.clone()),
            )
            .with_help(Message::new("not-a-file.help")),
            Refusal::TooLarge(size) => Diagnostic::file_level(
                Severity::Error,
                rel,
                "file-too-large",
                Message::new("file-too-large")
                    .arg("size", size)
                    .arg("limit", MAX_CONTENT_FILE_BYTES),
            )
            .with_help(Message::new("file-too-large.help")),
            Refusal::Unreadable(reason) => Diagnostic::file_level(
                Severity::Error,
                rel,
                "unreadable-file",
                Message::new("unreadable-file").arg("reason", reason),
            )
            .with_help(Message::new("unreadable-file.help")),
        }
    }
}

/// What the entry at `path` is, without following a link.
pub(crate) fn regular_file_metadata(path: &Path) -> Result<Metadata, Refusal> {
    let metadata =
        std::fs::symlink_metadata(path).map_err(|e| Refusal::Unreadable(e.to_string()))?;
    if let Some(what) = not_a_file(&metadata) {
        return Err(Refusal::NotAFile(what));
    }
    if metadata.len() > MAX_CONTENT_FILE_BYTES {
        return Err(Refusal::TooLarge(metadata.len()));
    }
    Ok(metadata)
}

/// What kind of entry this is when it is not a regular file, named for
/// a message.
pub fn not_a_file(metadata: &Metadata) -> Option<Message> {
    not_a_regular_file(metadata.file_type())
}

fn not_a_regular_file(kind: FileType) -> Option<Message> {
    if kind.is_file() {
        return None;
    }
    if kind.is_symlink() {
        return Some(Message::new("entry-symbolic-link"));
    }
    if kind.is_dir() {
        return Some(Message::new("entry-folder"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some(Message::new("entry-named-pipe"));
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some(Message::new("entry-device"));
        }
        if kind.is_socket() {
            return Some(Message::new("entry-socket"));
        }
    }
    Some(Message::new("entry-special-file"))
}

/// Reads the regular file at `path` into `buffer` (cleared first).
pub(crate) fn read_regular_file(path: &Path, buffer: &mut Vec<u8>) -> Result<(), Refusal> {
    let metadata =
        std::fs::symlink_metadata(path).map_err(|e| Refusal::Unreadable(e.to_string()))?;
    read_listed_file(path, metadata.file_type(), buffer)
}

/// The bytes of the regular file at `path`, read as content files are
/// (never through a link, at most [`MAX_CONTENT_FILE_BYTES`]); `None` for
/// anything else or a file that cannot be read. For callers that have
/// another source of the same bytes to fall back on (`pakta diff` takes a
/// file from the working tree only when it is byte for byte what Git holds).
pub fn regular_file_bytes(path: &Path) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    read_regular_file(path, &mut bytes).ok().map(|()| bytes)
}

/// Reads a file whose type a folder listing already gave (`listed`, not
/// following links) into `buffer` (cleared first). What is not a regular
/// file is refused by that type, unopened; the rest is opened without
/// following a link and without blocking, and its type and size are
/// checked again on the open file, so that a file swapped for a link or a
/// FIFO after the listing is refused too. It is read to the size the open
/// file has: no more, so a file growing meanwhile cannot exceed the limit.
pub(crate) fn read_listed_file(
    path: &Path,
    listed: FileType,
    buffer: &mut Vec<u8>,
) -> Result<(), Refusal> {
    buffer.clear();
    if let Some(what) = not_a_regular_file(listed) {
        return Err(Refusal::NotAFile(what));
    }
    let file = open_no_follow(path).map_err(|error| match regular_file_metadata(path) {
        // Swapped for something else since the listing: say what it is.
        Err(refusal) => refusal,
        Ok(_) => Refusal::Unreadable(error.to_string()),
    })?;
    let metadata = file
        .metadata()
        .map_err(|e| Refusal::Unreadable(e.to_string()))?;
    if let Some(what) = not_a_file(&metadata) {
        return Err(Refusal::NotAFile(what));
    }
    if metadata.len() > MAX_CONTENT_FILE_BYTES {
        return Err(Refusal::TooLarge(metadata.len()));
    }
    let size = metadata.len() as usize;
    buffer.reserve(size);
    let mut reader = &file;
    while buffer.len() < size {
        let start = buffer.len();
        buffer.resize(size, 0);
        match reader.read(&mut buffer[start..]) {
            Ok(0) => {
                // Shrunk since it was looked at: what is there is the file.
                buffer.truncate(start);
                break;
            }
            Ok(n) => buffer.truncate(start + n),
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {
                buffer.truncate(start);
            }
            Err(error) => {
                buffer.clear();
                return Err(Refusal::Unreadable(error.to_string()));
            }
        }
    }
    Ok(())
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

/// Opens the entry itself when it is a symbolic link or a junction
/// (`FILE_FLAG_OPEN_REPARSE_POINT`), so that the open file's metadata says
/// "link" and it is refused, never read through. Windows has no FIFOs or
/// device files in folders, so opening cannot block.
#[cfg(windows)]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::windows::fs::OpenOptionsExt;
    /// `FILE_FLAG_OPEN_REPARSE_POINT` from the Windows SDK's `winbase.h`.
    const OPEN_REPARSE_POINT: u32 = 0x0020_0000;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(OPEN_REPARSE_POINT)
        .open(path)
}

#[cfg(not(any(unix, windows)))]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("pakta-regular-file-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = scratch("plain");
        std::fs::write(dir.join("a.md"), "+++\n").unwrap();
        let mut buffer = b"left over".to_vec();
        read_regular_file(&dir.join("a.md"), &mut buffer).unwrap();
        assert_eq!(buffer, b"+++\n");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn links_folders_and_devices_are_refused_unopened() {
        let dir = scratch("special");
        std::os::unix::fs::symlink("/dev/zero", dir.join("zero.md")).unwrap();
        let mut buffer = Vec::new();
        assert_eq!(
            read_regular_file(&dir.join("zero.md"), &mut buffer),
            Err(Refusal::NotAFile(Message::new("entry-symbolic-link")))
        );
        assert_eq!(
            read_regular_file(&dir, &mut buffer),
            Err(Refusal::NotAFile(Message::new("entry-folder")))
        );
        assert_eq!(
            read_regular_file(Path::new("/dev/zero"), &mut buffer),
            Err(Refusal::NotAFile(Message::new("entry-device")))
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// The listing said "file", but by the time it is read a link or a
    /// named pipe stands there: the open neither follows the link nor
    /// waits on the pipe, and the refusal names what it found.
    #[cfg(unix)]
    #[test]
    fn a_file_swapped_for_a_link_or_a_pipe_after_listing_is_refused() {
        let dir = scratch("swapped");
        std::fs::write(dir.join("a.md"), "+++\n").unwrap();
        let listed = std::fs::symlink_metadata(dir.join("a.md"))
            .unwrap()
            .file_type();
        std::fs::remove_file(dir.join("a.md")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.join("a.md")).unwrap();
        let mut buffer = Vec::new();
        assert_eq!(
            read_listed_file(&dir.join("a.md"), listed, &mut buffer),
            Err(Refusal::NotAFile(Message::new("entry-symbolic-link")))
        );
        assert!(buffer.is_empty());
        // A named pipe in its place: opening does not wait for a writer,
        // and the open file says what it is.
        std::fs::remove_file(dir.join("a.md")).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(dir.join("a.md"))
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(
            read_listed_file(&dir.join("a.md"), listed, &mut buffer),
            Err(Refusal::NotAFile(Message::new("entry-named-pipe")))
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A named pipe would block a reader forever: listed as one, it is
    /// refused without being opened.
    #[cfg(unix)]
    #[test]
    fn a_listed_named_pipe_is_refused_unopened() {
        let dir = scratch("fifo");
        let status = std::process::Command::new("mkfifo")
            .arg(dir.join("p.md"))
            .status()
            .unwrap();
        assert!(status.success());
        let listed = std::fs::symlink_metadata(dir.join("p.md"))
            .unwrap()
            .file_type();
        let mut buffer = Vec::new();
        assert_eq!(
            read_listed_file(&dir.join("p.md"), listed, &mut buffer),
            Err(Refusal::NotAFile(Message::new("entry-named-pipe")))
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Creating a link needs Developer Mode or an administrator on
    /// Windows; where it cannot be made there is nothing to refuse.
    #[cfg(windows)]
    #[test]
    fn links_are_refused_even_when_the_listing_said_file() {
        let dir = scratch("windows-link");
        std::fs::write(dir.join("target.md"), "+++\n").unwrap();
        let listed = std::fs::symlink_metadata(dir.join("target.md"))
            .unwrap()
            .file_type();
        if std::os::windows::fs::symlink_file(dir.join("target.md"), dir.join("a.md")).is_err() {
            eprintln!("note: this account may not create symbolic links; skipped");
            let _ = std::fs::remove_dir_all(&dir);
            return;
        }
        let mut buffer = Vec::new();
        assert_eq!(
            read_regular_file(&dir.join("a.md"), &mut buffer),
            Err(Refusal::NotAFile(Message::new("entry-symbolic-link")))
        );
        assert_eq!(
            read_listed_file(&dir.join("a.md"), listed, &mut buffer),
            Err(Refusal::NotAFile(Message::new("entry-symbolic-link")))
        );
        assert!(buffer.is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn files_over_the_limit_are_refused_by_size() {
        let dir = scratch("large");
        let file = std::fs::File::create(dir.join("big.md")).unwrap();
        file.set_len(MAX_CONTENT_FILE_BYTES + 1).unwrap();
        let mut buffer = Vec::new();
        assert_eq!(
            read_regular_file(&dir.join("big.md"), &mut buffer),
            Err(Refusal::TooLarge(MAX_CONTENT_FILE_BYTES + 1))
        );
        assert!(buffer.is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
