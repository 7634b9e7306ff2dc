//! The parent side: runs `pakta __extract-pdf` for one file with a time
//! limit (the child is killed when it passes) and, on Unix, a limit on
//! its address space, which the child sets on itself before it opens the
//! file. Windows has the time limit only.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::child::{ChildOutput, SUBCOMMAND};

/// The bounds of one extraction.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub time: Duration,
    /// Bytes of address space (Unix only).
    pub memory: u64,
}

/// Why a file gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// Still running when the time limit passed; killed.
    TimedOut,
    /// Ended without an answer: not a PDF the parser reads, out of
    /// memory, or a crash.
    Unreadable,
}

/// Standard output read from a child at most: the child keeps about a
/// megabyte of text per document, and an answer longer than this is not
/// one it wrote.
const MAX_OUTPUT_BYTES: u64 = 16 * 1024 * 1024;
/// How often a running child is looked at.
const POLL: Duration = Duration::from_millis(5);

pub(crate) fn extract(exe: &Path, file: &Path, limits: Limits) -> Result<Vec<String>, Failure> {
    let mut command = Command::new(exe);
    // The limit travels as an argument rather than being set between
    // fork and exec: without a `pre_exec` hook the standard library
    // starts the child with posix_spawn, which does not copy the page
    // tables of a build holding the whole corpus (a fork of it cost tens
    // of milliseconds of system time per document).
    command
        .arg(SUBCOMMAND)
        .arg(limits.memory.to_string())
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = command.spawn().map_err(|_| Failure::Unreadable)?;
    let Some(stdout) = child.stdout.take() else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(Failure::Unreadable);
    };
    // Read while the child runs: a full pipe would otherwise stop it.
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.take(MAX_OUTPUT_BYTES).read_to_end(&mut bytes);
        bytes
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() >= limits.time => break None,
            Ok(None) => std::thread::sleep(POLL),
            Err(_) => break None,
        }
    };
    let Some(status) = status else {
        let _ = child.kill();
        let _ = child.wait();
        let _ = reader.join();
        return Err(Failure::TimedOut);
    };
    let bytes = reader.join().unwrap_or_default();
    if !status.success() {
        return Err(Failure::Unreadable);
    }
    serde_json::from_slice::<ChildOutput>(&bytes)
        .map(|output| output.pages)
        .map_err(|_| Failure::Unreadable)
}
