//! The release path: `scripts/package` archives a binary for the host
//! target with its checksum file, and `scripts/install-pakta` (the
//! Action's download and verification) installs from a fake release served
//! from 127.0.0.1, refusing a wrong checksum and a missing asset. Both are
//! bash scripts; the Linux and macOS runs test them (Windows runs them in
//! Git Bash, which these tests do not start).
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use common::sample_root;
use sha2::{Digest, Sha256};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pakta-release-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn run(command: &mut Command) -> Output {
    let output = command.output().expect("run the script");
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn package(target: &str, binary: &Path, out: &Path) -> PathBuf {
    let output = run(Command::new(sample_root().join("scripts/package"))
        .arg(target)
        .arg(binary)
        .arg(out)
        .env("SOURCE_DATE_EPOCH", "1767225600"));
    PathBuf::from(String::from_utf8(output.stdout).unwrap().trim())
}

/// The names and contents of SHA256SUMS, in order.
fn sums(out: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(out.join("SHA256SUMS"))
        .expect("a SHA256SUMS file")
        .lines()
        .map(|line| {
            let (hash, name) = line.split_once("  ").expect("HASH  NAME");
            (name.to_string(), hash.to_string())
        })
        .collect()
}

fn host_target() -> String {
    let output = run(Command::new("rustc").arg("-vV"));
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc names its host")
        .to_string()
}

#[test]
fn the_host_binary_is_packaged_with_its_checksum() {
    let dir = scratch("package");
    let target = host_target();
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_pakta"));
    let archive = package(&target, &binary, &dir.join("dist"));
    let name = format!("pakta-{VERSION}-{target}");
    assert_eq!(archive, dir.join("dist").join(format!("{name}.tar.gz")));

    let bytes = std::fs::read(&archive).unwrap();
    assert_eq!(
        sums(&dir.join("dist")),
        [(format!("{name}.tar.gz"), sha256_hex(&bytes))]
    );

    let listing = run(Command::new("tar").arg("-tzf").arg(&archive));
    let mut entries: Vec<String> = String::from_utf8(listing.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    entries.sort();
    assert_eq!(
        entries,
        [
            format!("{name}/"),
            format!("{name}/README.md"),
            format!("{name}/SECURITY.md"),
            format!("{name}/pakta"),
        ]
    );
    run(Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .arg("-C")
        .arg(&dir));
    let unpacked = dir.join(&name).join("pakta");
    assert_eq!(
        std::fs::read(&unpacked).unwrap(),
        std::fs::read(&binary).unwrap()
    );
    let version = run(Command::new(&unpacked).arg("--version"));
    assert_eq!(
        String::from_utf8(version.stdout).unwrap().trim(),
        format!("pakta {VERSION}")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn windows_targets_are_zipped_and_every_archive_is_summed() {
    let dir = scratch("zip");
    let program = dir.join("program");
    std::fs::write(&program, "not really a program").unwrap();
    let dist = dir.join("dist");
    let zip = package("x86_64-pc-windows-msvc", &program, &dist);
    let tarball = package("aarch64-apple-darwin", &program, &dist);
    let first = std::fs::read(&zip).unwrap();
    assert_eq!(&first[..4], b"PK\x03\x04", "a zip archive");
    assert_eq!(
        sums(&dist),
        [
            (
                format!("pakta-{VERSION}-aarch64-apple-darwin.tar.gz"),
                sha256_hex(&std::fs::read(&tarball).unwrap())
            ),
            (
                format!("pakta-{VERSION}-x86_64-pc-windows-msvc.zip"),
                sha256_hex(&first)
            ),
        ]
    );
    // The same input and date give the same archive.
    std::fs::remove_file(&zip).unwrap();
    package("x86_64-pc-windows-msvc", &program, &dist);
    assert_eq!(std::fs::read(&zip).unwrap(), first);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A release on 127.0.0.1: serves the given files, 404 for anything else.
struct FakeRelease {
    url: String,
}

impl FakeRelease {
    fn serve(files: BTreeMap<String, Vec<u8>>) -> FakeRelease {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/v{VERSION}", listener.local_addr().unwrap());
        let files = Arc::new(files);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut request_line = String::new();
                let mut reader = BufReader::new(&stream);
                if reader.read_line(&mut request_line).is_err() {
                    continue;
                }
                // The rest of the head is not needed.
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let path = request_line.split(' ').nth(1).unwrap_or("");
                let name = path.rsplit('/').next().unwrap_or("");
                let (status, body) = match files.get(name) {
                    Some(body) => ("200 OK", body.as_slice()),
                    None => ("404 Not Found", b"not found".as_slice()),
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(body);
            }
        });
        FakeRelease { url }
    }
}

/// A release of a stand-in program for Linux x86_64, as `scripts/package`
/// makes it: the archive's name and the release's files.
fn stand_in_release(dir: &Path) -> (String, BTreeMap<String, Vec<u8>>) {
    let program = dir.join("stand-in");
    std::fs::write(&program, "#!/bin/sh\necho stand-in pakta\n").unwrap();
    let dist = dir.join("dist");
    let archive = package("x86_64-unknown-linux-musl", &program, &dist);
    let name = archive.file_name().unwrap().to_str().unwrap().to_string();
    let mut files = BTreeMap::new();
    files.insert(name.clone(), std::fs::read(&archive).unwrap());
    files.insert(
        "SHA256SUMS".to_string(),
        std::fs::read(dist.join("SHA256SUMS")).unwrap(),
    );
    (name, files)
}

fn install(release: &FakeRelease, dest: &Path) -> Output {
    Command::new(sample_root().join("scripts/install-pakta"))
        .arg(VERSION)
        .arg(dest)
        .env("PAKTA_RELEASE_URL", &release.url)
        .env("PAKTA_TARGET", "x86_64-unknown-linux-musl")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .expect("run install-pakta")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_installer_installs_a_verified_release() {
    let dir = scratch("install-good");
    let (_, files) = stand_in_release(&dir);
    let release = FakeRelease::serve(files);
    let dest = dir.join("tools/pakta");
    let output = install(&release, &dest);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap().trim(),
        dest.to_str().unwrap()
    );
    let ran = run(&mut Command::new(dest.join("pakta")));
    assert_eq!(String::from_utf8(ran.stdout).unwrap(), "stand-in pakta\n");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_installer_refuses_an_archive_that_does_not_match_its_checksum() {
    let dir = scratch("install-checksum");
    let (name, mut files) = stand_in_release(&dir);
    let wrong = format!("{}  {name}\n", "0".repeat(64));
    files.insert("SHA256SUMS".to_string(), wrong.into_bytes());
    let release = FakeRelease::serve(files);
    let dest = dir.join("tools/pakta");
    let output = install(&release, &dest);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains(&format!("{name} does not match its checksum")),
        "{}",
        stderr(&output)
    );
    assert!(!dest.exists(), "nothing is installed");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_installer_names_a_missing_asset() {
    let dir = scratch("install-missing");
    let (name, files) = stand_in_release(&dir);

    // Listed in SHA256SUMS but not uploaded.
    let mut without_archive = files.clone();
    without_archive.remove(&name);
    let release = FakeRelease::serve(without_archive);
    let dest = dir.join("tools/pakta");
    let output = install(&release, &dest);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains(&format!("could not download {name} of pakta {VERSION}")),
        "{}",
        stderr(&output)
    );
    assert!(!dest.exists());

    // No checksum file at all.
    let mut without_sums = files.clone();
    without_sums.remove("SHA256SUMS");
    let release = FakeRelease::serve(without_sums);
    let output = install(&release, &dest);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains(&format!("could not download SHA256SUMS of pakta {VERSION}")),
        "{}",
        stderr(&output)
    );

    // A target the release does not have.
    let release = FakeRelease::serve(files);
    let output = Command::new(sample_root().join("scripts/install-pakta"))
        .arg(VERSION)
        .arg(&dest)
        .env("PAKTA_RELEASE_URL", &release.url)
        .env("PAKTA_TARGET", "aarch64-apple-darwin")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains(&format!(
            "pakta {VERSION} has no pakta-{VERSION}-aarch64-apple-darwin.tar.gz in its SHA256SUMS"
        )),
        "{}",
        stderr(&output)
    );
    assert!(!dest.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_installer_knows_the_released_targets() {
    let cases = [
        ("Linux", "X64", Some("x86_64-unknown-linux-musl")),
        ("Linux", "ARM64", Some("aarch64-unknown-linux-musl")),
        ("macOS", "ARM64", Some("aarch64-apple-darwin")),
        ("macOS", "X64", Some("x86_64-apple-darwin")),
        ("Windows", "X64", Some("x86_64-pc-windows-msvc")),
        ("Windows", "ARM64", None),
        ("Linux", "X86", None),
    ];
    for (os, arch, expected) in cases {
        let output = Command::new(sample_root().join("scripts/install-pakta"))
            .arg("--target")
            .env("RUNNER_OS", os)
            .env("RUNNER_ARCH", arch)
            .output()
            .unwrap();
        match expected {
            Some(target) => {
                assert!(output.status.success(), "{os} {arch}: {}", stderr(&output));
                assert_eq!(String::from_utf8(output.stdout).unwrap().trim(), target);
            }
            None => assert!(!output.status.success(), "{os} {arch}"),
        }
    }
}

#[test]
fn the_action_installs_the_workspace_version_with_the_script() {
    let action = std::fs::read_to_string(sample_root().join("action.yml")).unwrap();
    for needed in [
        "using: composite",
        &format!("default: \"{VERSION}\""),
        "uses: actions/cache@v4",
        "\"$GITHUB_ACTION_PATH/scripts/install-pakta\" \"$VERSION\" \"$DEST\"",
        "PAKTA_REPOSITORY: ${{ github.action_repository }}",
        ">> \"$GITHUB_PATH\"",
    ] {
        assert!(action.contains(needed), "action.yml lacks {needed:?}");
    }
    let release = std::fs::read_to_string(sample_root().join(".github/workflows/release.yml"))
        .expect("the release workflow");
    for target in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(release.contains(&format!("target: {target}")), "{target}");
    }
    assert!(release.contains("scripts/package \"$target\" \"$program\" dist"));
    assert!(release.contains("version=\"$(scripts/package --version)\""));
    let version = run(Command::new(sample_root().join("scripts/package")).arg("--version"));
    assert_eq!(String::from_utf8(version.stdout).unwrap().trim(), VERSION);
    assert!(release.contains("dist/SHA256SUMS"));
}
