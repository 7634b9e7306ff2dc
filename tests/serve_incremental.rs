//! The preview after an edit is the site a fresh build makes of the same
//! files: `serve`'s rebuild reloads only what changed and keeps what it
//! can, so after each edit of a sequence (a title, a status-changing
//! date, a partner, a document and an evidence file replaced, a rename, a
//! delete, a new file, a unit's `_unit.toml`, `pakta.toml`) every file a fresh `pakta build` writes is
//! asked of the preview and compared, byte for byte.

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Child;
use std::time::{Duration, Instant};

use common::{Repo, TODAY, VALID_AGREEMENT, start_serve};

const TITLED: &str = "agreements/jawa-tengah/karanganyar/2024-pks-uns.md";
const RENAMED_FROM: &str = "agreements/jawa-timur/ponorogo/2025-other-kwarcab-ponorogo.md";
const RENAMED_TO: &str = "agreements/jawa-timur/ponorogo/2025-other-kwarcab-ponorogo-baru.md";
const DELETED: &str = "agreements/nusa-tenggara-barat/2025-pks-lombok-post.md";
const ADDED: &str = "agreements/jawa-tengah/karanganyar/2026-mou-baru.md";
const UNIT: &str = "agreements/jawa-tengah/karanganyar/_unit.toml";
/// The document of `TITLED`, and a document of another agreement.
const DOCUMENT: &str = "files/jawa-tengah/karanganyar/2024-pks-uns.pdf";
const OTHER_DOCUMENT: &str = "files/ri/2022-mou-bssn.pdf";
/// The evidence of an activity, written without a checksum.
const EVIDENCE: &str = "files/jawa-tengah/karanganyar/2023-pelatihan-relawan-uns.pdf";
/// The file the build marks its output folder with; not part of the site.
const OUTPUT_MARK: &str = ".pakta-site";
/// What the preview adds to every HTML page.
const LIVE_SCRIPT: &str = "<script src=\"/__pakta/live.js\"></script>";

/// `pakta serve` on a repository, its terminal output kept in a file.
struct Preview {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Preview {
    fn start(repo: &Repo) -> Preview {
        let log = repo.root.with_extension("serve.log");
        let (child, port) =
            start_serve(&repo.root, std::fs::File::create(&log).expect("a log file"));
        Preview { child, port, log }
    }

    fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// The rebuilds the server has reported so far, good or failed.
    fn rebuilds(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.starts_with("Rebuilt in") || l.starts_with("Rebuild failed"))
            .map(str::to_string)
            .collect()
    }

    /// Waits until the server has reported more than `seen` rebuilds and
    /// then none for a moment (one edit may come as two batches of
    /// events); the last one must have succeeded. Returns how many.
    fn wait_for_rebuild(&self, seen: usize, step: &str) -> usize {
        let started = Instant::now();
        let log = || std::fs::read_to_string(&self.log).unwrap_or_default();
        let mut count = self.rebuilds().len();
        while count <= seen {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "{step}: no rebuild reported:\n{}",
                log()
            );
            std::thread::sleep(Duration::from_millis(50));
            count = self.rebuilds().len();
        }
        loop {
            std::thread::sleep(Duration::from_millis(500));
            let rebuilds = self.rebuilds();
            if rebuilds.len() == count {
                let last = rebuilds.last().expect("one at least");
                assert!(
                    last.starts_with("Rebuilt in"),
                    "{step}: the rebuild failed:\n{}",
                    log()
                );
                return count;
            }
            count = rebuilds.len();
        }
    }

    /// The status and body of `GET /path`.
    fn get(&self, path: &str) -> (u16, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .expect("a timeout");
        write!(
            stream,
            "GET /{path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        )
        .expect("the request is sent");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("a reply");
        let end = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("{path}: no end of head"));
        let status = String::from_utf8_lossy(&response[9..12])
            .parse()
            .unwrap_or_else(|_| panic!("{path}: no status"));
        (status, response[end + 4..].to_vec())
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// Every file under `dir`, by its path below it with `/` separators.
fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.expect("the build's output is readable"))
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let rel = entry.path().strip_prefix(dir).expect("below the folder");
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (rel, std::fs::read(entry.path()).expect("readable"))
        })
        .collect()
}

/// A fresh `pakta build` of the repository as it is now.
fn fresh_build(repo: &Repo, base_url: &str, step: &str) -> BTreeMap<String, Vec<u8>> {
    let out = repo.root.with_extension(format!("out-{step}"));
    let output = repo.pakta(&[
        "build",
        "--today",
        TODAY,
        "--base-url",
        base_url,
        "--out",
        out.to_str().expect("a UTF-8 temp path"),
    ]);
    assert!(
        output.status.success(),
        "{step}: the build failed:\n{}",
        common::stderr(&output)
    );
    let files = files_under(&out);
    std::fs::remove_dir_all(&out).expect("the build's output is removed");
    files
}

/// Asks the preview for every file a fresh build writes; each must be
/// served with the build's bytes (HTML pages with the live-reload script
/// added before `</body>`). Names the files that differ.
fn assert_preview_is_build(preview: &Preview, repo: &Repo, step: &str) {
    let mut built = fresh_build(repo, &preview.base_url(), step);
    assert!(
        built.remove(OUTPUT_MARK).is_some(),
        "the build marks its folder"
    );
    let mut differ = Vec::new();
    for (path, bytes) in &built {
        let (status, mut served) = preview.get(path);
        if path.ends_with(".html") {
            let at = served
                .windows(LIVE_SCRIPT.len())
                .rposition(|w| w == LIVE_SCRIPT.as_bytes());
            if let Some(at) = at {
                served.drain(at..at + LIVE_SCRIPT.len());
            }
        }
        if status != 200 || served != *bytes {
            differ.push(format!("{path} ({status})"));
        }
    }
    assert!(
        differ.is_empty(),
        "{step}: of {} files built, {} differ in the preview: {differ:?}",
        built.len(),
        differ.len(),
    );
}

/// Waits for the preview to rebuild after an edit, and checks it.
fn edited(preview: &Preview, repo: &Repo, step: &str, seen: &mut usize) {
    *seen = preview.wait_for_rebuild(*seen, step);
    assert_preview_is_build(preview, repo, step);
    assert_eq!(
        preview.rebuilds().len(),
        *seen,
        "{step}: nothing changed while the preview was compared"
    );
}

/// Replaces `from` with `to` in the file, which must hold it.
fn replace_in(repo: &Repo, rel: &str, from: &str, to: &str) {
    let text = repo.read(rel);
    assert!(text.contains(from), "{rel} holds {from:?}");
    write_at_once(repo, rel, text.replacen(from, to, 1));
}

/// Writes `rel` in one step (a rename), so the watcher never reads it
/// half written.
fn write_at_once(repo: &Repo, rel: &str, content: impl AsRef<[u8]>) {
    let staged = repo.root.with_extension("staged");
    std::fs::write(&staged, content).expect("the staged file is written");
    std::fs::rename(&staged, repo.path(rel)).expect("the staged file replaces the file");
}

#[test]
fn every_edit_serves_what_a_fresh_build_writes() {
    let repo = Repo::sample();
    let preview = Preview::start(&repo);
    let mut seen = 0;
    edited(&preview, &repo, "first build", &mut seen);

    replace_in(
        &repo,
        TITLED,
        "title = \"Perjanjian Kerja Sama tentang Kuliah Kerja Nyata Tematik Kepemiluan\"",
        "title = \"KKN Tematik Kepemiluan, judul baru\"",
    );
    edited(&preview, &repo, "a title", &mut seen);

    // Expired before today: the agreement changes status, and with it the
    // lists, figures, findings and reports that count statuses.
    replace_in(
        &repo,
        TITLED,
        "expires = 2027-06-09",
        "expires = 2026-06-09",
    );
    edited(&preview, &repo, "a status-changing date", &mut seen);

    replace_in(
        &repo,
        TITLED,
        "name = \"Lembaga Penelitian dan Pengabdian kepada Masyarakat, Universitas Sebelas Maret\"",
        "name = \"Universitas Muhammadiyah Surakarta\"",
    );
    edited(&preview, &repo, "a partner", &mut seen);

    // A document replaced by another file, its checksum written anew: the
    // agreement's page shows the file's size and checksum, and the search
    // finds the new file's text.
    let other_document = std::fs::read(repo.path(OTHER_DOCUMENT)).expect("the other document");
    write_at_once(&repo, DOCUMENT, other_document);
    replace_in(
        &repo,
        TITLED,
        "sha256 = \"8cb463fa3709da0e1e1807ed5bb87cdb6eab6da0223266ad50fd4f3d2ed31b63\"",
        "sha256 = \"902605b41518fe501a167ec16a77c3f916fb52d016dbf9e2497e5bfa1f57227b\"",
    );
    edited(&preview, &repo, "a document replaced", &mut seen);

    // An activity's evidence file, whose checksum is not written down.
    let evidence = std::fs::read(repo.path(DOCUMENT)).expect("the document");
    write_at_once(&repo, EVIDENCE, evidence);
    edited(&preview, &repo, "an evidence file replaced", &mut seen);

    std::fs::rename(repo.path(RENAMED_FROM), repo.path(RENAMED_TO)).expect("rename");
    edited(&preview, &repo, "a rename", &mut seen);

    repo.remove(DELETED);
    edited(&preview, &repo, "a delete", &mut seen);

    write_at_once(&repo, ADDED, VALID_AGREEMENT);
    edited(&preview, &repo, "a new file", &mut seen);

    replace_in(
        &repo,
        UNIT,
        "name = \"KPU Kabupaten Karanganyar\"",
        "name = \"KPU Kabupaten Karanganyar (baru)\"",
    );
    edited(&preview, &repo, "a unit's _unit.toml", &mut seen);

    replace_in(
        &repo,
        "pakta.toml",
        "expiring_soon_days = 90",
        "expiring_soon_days = 400",
    );
    edited(&preview, &repo, "pakta.toml", &mut seen);
}
