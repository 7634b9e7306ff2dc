//! `pakta serve` end to end: pages are served with the live-reload script,
//! an edit shows on the next request, and a broken edit is reported to the
//! browser while the last good version stays up. The server answers only
//! its own address, bounds what a client can make it hold (header bytes,
//! threads, event streams), and a rebuild that fails or panics never stops
//! it from rebuilding the next change.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::{Repo, start_serve};

struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(repo: &Repo) -> Server {
        Server::start_with_stderr(repo, Stdio::null())
    }

    fn start_with_stderr(repo: &Repo, stderr: impl Into<Stdio>) -> Server {
        let (child, port) = start_serve(&repo.root, stderr);
        Server { child, port }
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn get(&self, path: &str) -> (u16, String) {
        let reply = self.get_with_host(path, &self.host());
        (reply.status, reply.body)
    }

    fn get_with_host(&self, path: &str, host: &str) -> Reply {
        self.send(&format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
    }

    /// Sends a whole request and reads the reply until the server closes.
    fn send(&self, request: &str) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        Reply::parse(&response)
    }

    /// Opens a live-reload stream; returns it once its head is read, with
    /// the status.
    fn events(&self) -> (u16, BufReader<TcpStream>) {
        let mut events = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            events,
            "GET /__pakta/live HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.host()
        )
        .unwrap();
        events
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut events = BufReader::new(events);
        let mut status_line = String::new();
        events.read_line(&mut status_line).unwrap();
        let status = status_line[9..12].parse().expect("status code");
        let mut line = String::from("-");
        while !line.trim().is_empty() {
            line.clear();
            events.read_line(&mut line).unwrap();
        }
        (status, events)
    }

    /// A line of `/proc/<pid>/status`, such as `Threads` or `VmHWM`.
    fn status_number(&self, key: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the server is running");
        status
            .lines()
            .find_map(|line| line.strip_prefix(&format!("{key}:")))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no {key} in:\n{status}"))
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

struct Reply {
    status: u16,
    head: String,
    body: String,
    /// The body as sent, for files that are not text.
    bytes: Vec<u8>,
}

impl Reply {
    fn parse(response: &[u8]) -> Reply {
        let end = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(response.len());
        let head = String::from_utf8_lossy(&response[..end]).into_owned();
        let status = head
            .get(9..12)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status in {head:?}"));
        let bytes = response.get(end + 4..).unwrap_or_default().to_vec();
        Reply {
            status,
            head,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// Reads events until one named `name`; returns its data line.
fn next_event(events: &mut BufReader<TcpStream>, name: &str) -> String {
    let mut line = String::new();
    while line.trim_end() != format!("event: {name}") {
        line.clear();
        assert!(events.read_line(&mut line).unwrap() > 0, "stream ended");
    }
    line.clear();
    events.read_line(&mut line).unwrap();
    line
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
    let reply = server.get_with_host("/data/agreements.json.gz", &server.host());
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/gzip"));
    let mut data = String::new();
    flate2::read::GzDecoder::new(&reply.bytes[..])
        .read_to_string(&mut data)
        .expect("a gzip file");
    let document: serde_json::Value = serde_json::from_str(&data).expect("the data document");
    assert_eq!(document["generated_on"], "2026-11-22");
    assert_eq!(
        document["schema_version"],
        pakta_model::data::SCHEMA_VERSION
    );
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
    let (status, mut events) = server.events();
    assert_eq!(status, 200);

    let original = repo.read(FILE);
    repo.write(
        FILE,
        original.replacen("kind = \"pks\"", "kind = \"pk\"", 1),
    );
    let line = next_event(&mut events, "problems");
    assert!(line.contains("invalid-value"), "{line}");
    assert!(line.contains("2024-pks-uns.md"), "{line}");
    let (status, page) = server.get(PAGE);
    assert_eq!(status, 200, "the last good version is still served");
    assert!(page.contains("<h1>"));

    repo.write(FILE, &original);
    next_event(&mut events, "reload");
}

/// A page that names an edit of its own title, written after `server`
/// has rebuilt whatever came before.
fn edit_title_and_wait(repo: &Repo, server: &Server, title: &str) {
    let original = repo.read(FILE);
    let title_line = original
        .lines()
        .find(|l| l.starts_with("title = "))
        .unwrap()
        .to_string();
    repo.write(
        FILE,
        original.replacen(&title_line, &format!("title = \"{title}\""), 1),
    );
    server.wait_for(PAGE, |page| page.contains(&format!("<h1>{title}")));
}

/// What the server printed for each rebuild, up to that rebuild's line.
fn rebuild_reports(log: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let mut reports = Vec::new();
    let mut from = 0;
    // A rebuild ends with one of these lines, good or failed.
    let end = |rest: &str| {
        ["Rebuilt in ", "Rebuild failed "]
            .iter()
            .filter_map(|line| rest.find(line))
            .min()
    };
    while let Some(at) = end(&text[from..]) {
        reports.push(text[from..from + at].to_string());
        from += at;
        from += text[from..].find('\n').map_or(text.len() - from, |i| i + 1);
    }
    reports
}

/// The first rebuild after the first `skip` whose report `check` accepts,
/// and how many rebuilds there were up to it: an edit may be seen as more
/// than one change, and each is rebuilt.
fn wait_for_rebuild(
    log: &std::path::Path,
    skip: usize,
    check: impl Fn(&str) -> bool,
) -> (usize, String) {
    let started = Instant::now();
    loop {
        let reports = rebuild_reports(log);
        if let Some((i, report)) = reports
            .iter()
            .enumerate()
            .skip(skip)
            .find(|(_, r)| check(r))
        {
            return (i + 1, report.clone());
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no such rebuild after {skip} in:\n{reports:#?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Replaces `rel` in one step, so the watcher never reads it half written.
fn replace(repo: &Repo, rel: &str, content: &str) {
    let staged = repo.root.join("edit.staged");
    std::fs::write(&staged, content).unwrap();
    std::fs::rename(&staged, repo.root.join(rel)).unwrap();
}

#[test]
fn after_the_first_build_only_what_an_edit_changed_is_printed() {
    let repo = Repo::sample();
    let other = "agreements/jawa-tengah/2024-pks-undip.md";
    let log = repo.root.join("serve-stderr.log");
    let server = Server::start_with_stderr(&repo, std::fs::File::create(&log).unwrap());
    let (done, first) = wait_for_rebuild(&log, 0, |_| true);
    let before = first.matches(" --> ").count();

    let original = repo.read(FILE);
    replace(&repo, FILE, &format!("{original}\n## Bagian Kosong\n"));
    let (done, added) = wait_for_rebuild(&log, done, |r| r.contains("empty-section"));
    assert!(
        added.contains("2024-pks-uns.md:"),
        "the new problem in full:\n{added}"
    );
    assert_eq!(
        added.matches(" --> ").count(),
        1,
        "only the new one:\n{added}"
    );
    if before > 0 {
        assert!(
            added.contains(&format!("Unchanged since the last build: {before} ")),
            "the sample's {before} problems are counted, not repeated:\n{added}"
        );
    }

    replace(&repo, FILE, &original);
    let (done, fixed) = wait_for_rebuild(&log, done, |r| r.contains("Fixed in"));
    assert!(
        fixed.contains("Fixed in agreements/jawa-tengah/karanganyar/2024-pks-uns.md (1×)"),
        "{fixed}"
    );
    assert!(
        !fixed.contains(" --> "),
        "nothing new to show in full:\n{fixed}"
    );

    let other_text = repo.read(other);
    replace(&repo, other, &format!("{other_text}\n## Bagian Kosong\n"));
    let (_, moved) = wait_for_rebuild(&log, done, |r| r.contains(" --> "));
    assert!(moved.contains("2024-pks-undip.md:"), "{moved}");
    assert!(!moved.contains("2024-pks-uns.md"), "{moved}");
    drop(server);
}

#[test]
fn a_request_for_another_host_is_refused() {
    let repo = Repo::sample();
    let server = Server::start(&repo);
    // DNS rebinding: a page of evil.example, its name now resolving to
    // 127.0.0.1, asks the preview for its pages and problem reports.
    let evil = format!("evil.example:{}", server.port);
    for path in ["/", PAGE, "/data/agreements.json.gz", "/__pakta/live"] {
        let reply = server.get_with_host(path, &evil);
        assert_eq!(reply.status, 403, "{path}: {}", reply.head);
        assert!(
            reply
                .body
                .starts_with("pakta serve answers only requests for")
        );
        assert!(!reply.body.contains("<html"), "{}", reply.body);
    }
    for host in ["localhost", "127.0.0.1", "127.0.0.1:1"] {
        assert_eq!(server.get_with_host("/", host).status, 403, "{host}");
    }
    let reply = server.send("GET / HTTP/1.0\r\n\r\n");
    assert!(
        matches!(reply.status, 400 | 403),
        "a request naming no host: {}",
        reply.head
    );
    // The preview's own names are answered.
    assert_eq!(server.get_with_host("/", &server.host()).status, 200);
    let localhost = format!("localhost:{}", server.port);
    assert_eq!(server.get_with_host("/", &localhost).status, 200);
}

#[test]
fn an_oversize_header_is_refused_and_the_server_goes_on() {
    let repo = Repo::sample();
    let server = Server::start(&repo);
    assert_eq!(server.get("/").0, 200);
    let peak_before = server.status_number("VmHWM");
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .set_write_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: {}\r\nX-Big: ",
        server.host()
    )
    .unwrap();
    let chunk = vec![b'a'; 1 << 20];
    let mut sent = 0usize;
    const LIMIT: usize = 300 << 20;
    while sent < LIMIT {
        match stream.write(&chunk) {
            Ok(n) => sent += n,
            Err(_) => break,
        }
    }
    assert!(
        sent < LIMIT,
        "the server read the whole 300 MB header instead of refusing it"
    );
    // The refusal itself may be lost to the reset of the connection; when
    // it arrives it says why.
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    if !reply.is_empty() {
        let reply = Reply::parse(&reply);
        assert_eq!(reply.status, 431, "{}", reply.head);
    }
    let grown_kb = server.status_number("VmHWM") - peak_before;
    assert!(
        grown_kb < 32 * 1024,
        "the server grew by {grown_kb} kB on a large header"
    );
    assert_eq!(server.get("/").0, 200, "the server still answers");
}

#[test]
fn many_connections_do_not_make_a_thread_each() {
    let repo = Repo::sample();
    let server = Server::start(&repo);
    assert_eq!(server.get(PAGE).0, 200);
    let before = server.status_number("Threads");
    // Slow clients: each sends half a request head and waits.
    let idle: Vec<TcpStream> = (0..200)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            write!(stream, "GET / HTTP/1.1\r\nHost: {}\r\n", server.host()).unwrap();
            stream
        })
        .collect();
    // Pages are still answered while they wait, by a bounded pool.
    let pages: Vec<_> = (0..30)
        .map(|_| {
            let port = server.port;
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                write!(
                    stream,
                    "GET {PAGE} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
                )
                .unwrap();
                let mut response = String::new();
                stream.read_to_string(&mut response).unwrap();
                Reply::parse(response.as_bytes()).status
            })
        })
        .collect();
    for page in pages {
        assert_eq!(page.join().unwrap(), 200);
    }
    let during = server.status_number("Threads");
    // The render pool (8 threads) may have grown; nothing else may.
    assert!(
        during <= before + 8,
        "{during} threads with 200 open connections, {before} before"
    );
    drop(idle);
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn live_reload_streams_are_bounded_apart_from_pages() {
    let repo = Repo::sample();
    let server = Server::start(&repo);
    let streams: Vec<_> = (0..16)
        .map(|_| {
            let (status, events) = server.events();
            assert_eq!(status, 200);
            events
        })
        .collect();
    let (status, _) = server.events();
    assert_eq!(status, 503, "a stream beyond the bound");
    assert_eq!(server.get(PAGE).0, 200, "pages are still answered");
    drop(streams);
    // Closed tabs give their places back once the server notices.
    let started = Instant::now();
    loop {
        let (status, _) = server.events();
        if status == 200 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(40),
            "no stream freed"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
}

#[test]
fn a_rebuild_that_panics_leaves_the_watcher_running() {
    let repo = Repo::sample();
    let server = Server::start(&repo);
    let (_, mut events) = server.events();
    let unit = "agreements/_unit.toml";
    let original_unit = repo.read(unit);
    // This website made `check` panic in validation; whether it panics or
    // is refused, the rebuild fails and the next change must be rebuilt.
    repo.write(
        unit,
        original_unit.replacen(
            "website = \"https://www.kpu.go.id\"",
            "website = \"aéééé\"",
            1,
        ),
    );
    let report = next_event(&mut events, "problems");
    assert!(report.contains("error"), "{report}");
    assert_eq!(server.get(PAGE).0, 200, "the last good version is served");
    repo.write(unit, &original_unit);
    next_event(&mut events, "reload");
    edit_title_and_wait(&repo, &server, "Judul Setelah Perbaikan");
}

#[test]
fn a_failed_rebuild_then_a_fix_is_rebuilt() {
    let repo = Repo::sample();
    let server = Server::start(&repo);
    let (_, mut events) = server.events();
    let original = repo.read(FILE);
    repo.write(FILE, "+++\ntitle = \n");
    next_event(&mut events, "problems");
    repo.write(FILE, &original);
    next_event(&mut events, "reload");
    edit_title_and_wait(&repo, &server, "Judul Kedua");
}

#[test]
fn a_file_that_cannot_be_read_is_a_server_error() {
    let repo = Repo::sample();
    let server = Server::start(&repo);
    let document = "files/jawa-tengah/karanganyar/2024-pks-uns.pdf";
    let (status, body) = server.get(&format!("/{document}"));
    assert_eq!(status, 200);
    assert!(!body.is_empty());
    // Gone between the build and the request: the last good site still
    // lists it, and reading it fails.
    repo.remove(document);
    let reply = server.get_with_host(&format!("/{document}"), &server.host());
    assert_eq!(reply.status, 500, "{}", reply.head);
    assert!(reply.body.contains("cannot read"), "{}", reply.body);
    assert!(reply.body.contains("2024-pks-uns.pdf"), "{}", reply.body);
}

#[test]
fn pages_carry_the_content_security_policy() {
    let repo = Repo::sample();
    let server = Server::start(&repo);
    let policy = "default-src 'self'; img-src 'self' data:; style-src 'self'; \
                  script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
                  form-action 'self'; frame-ancestors 'none'";
    for path in ["/", PAGE, "/tidak-ada/"] {
        let reply = server.get_with_host(path, &server.host());
        assert_eq!(
            reply.header("Content-Type"),
            Some("text/html; charset=utf-8"),
            "{path}"
        );
        assert_eq!(
            reply.header("Content-Security-Policy"),
            Some(policy),
            "{path}"
        );
        // What the preview adds to a page is a script file, never inline.
        assert!(
            reply
                .body
                .contains("<script src=\"/__pakta/live.js\"></script></body>")
        );
    }
    let script = server.get("/__pakta/live.js").1;
    assert!(
        script.contains("/__pakta/live.css"),
        "the overlay's style is a file"
    );
    assert!(!script.contains("cssText") && !script.contains(".style."));
    let style = server.get_with_host("/__pakta/live.css", &server.host());
    assert_eq!(style.status, 200);
    assert_eq!(
        style.header("Content-Type"),
        Some("text/css; charset=utf-8")
    );
    assert!(style.body.contains(".pakta-live-overlay"));
}
