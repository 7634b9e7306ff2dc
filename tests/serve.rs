//! `pakta serve` end to end: pages are served with the live-reload script,
//! an edit shows on the next request, and a broken edit is reported to the
//! browser while the last good version stays up.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Repo, TODAY};

struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(repo: &Repo) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pakta"))
            .args(["serve", "--port", "0", "--today", TODAY, "--root"])
            .arg(&repo.root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("pakta serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the server says where it listens");
        let port = line
            .split("127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Server { child, port }
    }

    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connects");
        write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response[9..12].parse().expect("status code");
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    /// Asks until `check` accepts the page, for at most ten seconds.
    fn wait_for(&self, path: &str, check: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let (_, body) = self.get(path);
            if check(&body) {
                return body;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{path} never changed:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const PAGE: &str = "/jawa-tengah/karanganyar/2024-pks-uns/";
const FILE: &str = "agreements/jawa-tengah/karanganyar/2024-pks-uns.md";

#[test]
fn pages_are_served_with_live_reload() {
    let repo = Repo::sample();
    let server = Server::start(&repo);
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("<script src=\"/__pakta/live.js\"></script></body>"));
    let (status, page) = server.get(PAGE);
    assert_eq!(status, 200);
    assert!(
        page.contains("href=\"/units/jawa-tengah/karanganyar/\""),
        "links point at the preview"
    );
    let (status, _) = server.get("/units");
    assert_eq!(status, 200, "a folder without its slash");
    let (status, missing) = server.get("/tidak-ada/");
    assert_eq!(status, 404);
    assert!(missing.contains("<html"), "the site's 404 page");
    let (status, script) = server.get("/__pakta/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));
    let (status, data) = server.get("/data/agreements.json");
    assert_eq!(status, 200);
    assert!(data.starts_with("{\n  \"schema_version\": 1,\n  \"generated_on\": \"2026-11-22\""));
}

#[test]
fn an_edit_shows_on_the_next_request() {
    let repo = Repo::sample();
    let server = Server::start(&repo);
    let original = repo.read(FILE);
    let title_line = original
        .lines()
        .find(|l| l.starts_with("title = "))
        .unwrap();
    repo.write(
        FILE,
        original.replacen(title_line, "title = \"Judul Baru dari Pratinjau\"", 1),
    );
    server.wait_for(PAGE, |page| page.contains("<h1>Judul Baru dari Pratinjau"));
    // The change reaches the lists and the unit page too.
    server.wait_for("/units/jawa-tengah/karanganyar/", |page| {
        page.contains("Judul Baru dari Pratinjau")
    });
}

#[test]
fn a_broken_edit_is_reported_and_the_last_good_site_stays() {
    let repo = Repo::sample();
    let server = Server::start(&repo);
    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        events,
        "GET /__pakta/live HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut events = BufReader::new(events);
    let mut line = String::new();
    while !line.starts_with("Content-Type: text/event-stream") {
        line.clear();
        events.read_line(&mut line).unwrap();
    }

    let original = repo.read(FILE);
    repo.write(
        FILE,
        original.replacen("kind = \"pks\"", "kind = \"pk\"", 1),
    );
    let mut received = String::new();
    while !received.contains("event: problems") {
        line.clear();
        assert!(events.read_line(&mut line).unwrap() > 0, "stream ended");
        received.push_str(&line);
    }
    line.clear();
    events.read_line(&mut line).unwrap();
    assert!(line.contains("invalid-value"), "{line}");
    assert!(line.contains("2024-pks-uns.md"), "{line}");
    let (status, page) = server.get(PAGE);
    assert_eq!(status, 200, "the last good version is still served");
    assert!(page.contains("<h1>"));

    repo.write(FILE, &original);
    let mut received = String::new();
    while !received.contains("event: reload") {
        line.clear();
        assert!(events.read_line(&mut line).unwrap() > 0, "stream ended");
        received.push_str(&line);
    }
}
