//! `pakta tasks`: every task of a monitoring fixture with its due date,
//! at the month-end edges of the rules it comes from (a PKS due six months
//! after an MoU signed on 31 August, in a leap year and not; an evaluation
//! due on a month's last day; the month's report due on its last day), in
//! JSON and in the Markdown people read, in both languages.

mod common;

use common::{Agreement, SiteTest, Unit, stdout};
use serde_json::Value;

const TODAY: &str = "2026-02-10";

/// A record with nothing missing, so that it gives only the tasks a test
/// is about.
fn complete(agreement: Agreement, signed: &str, expires: &str) -> Agreement {
    static NUMBER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
    let number = NUMBER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    agreement
        .signed(signed)
        .expires(expires)
        .number(&format!("{number:02}/NK"))
        .document_url("Naskah", "https://example.org/naskah.pdf")
        .table(
            "partners",
            &[
                ("name", "\"Universitas Sebelas Maret\""),
                ("category", "\"university\""),
                ("signatory", "\"Rektor\""),
            ],
        )
}

fn evaluated(agreement: Agreement, date: &str) -> Agreement {
    agreement.table(
        "evaluations",
        &[
            ("date", date),
            ("result", "\"on-track\""),
            ("period", "{ from = 2025-01-01, to = 2025-03-01 }"),
        ],
    )
}

pub(crate) fn site() -> SiteTest {
    SiteTest::new()
        .today(TODAY)
        .unit(Unit::province("jawa-tengah", "KPU Provinsi Jawa Tengah").reviewers(&["@kpu-jateng"]))
        .unit(
            Unit::regency("jawa-tengah/karanganyar", "KPU Kabupaten Karanganyar")
                .reviewers(&["@kpu-kra/kerja-sama", "humas@kpu-karanganyar.go.id"]),
        )
        .unit(Unit::province("jawa-timur", "KPU Provinsi Jawa Timur"))
        // Signed 31 August 2025: its PKS is due on 28 February 2026.
        .agreement(complete(
            Agreement::mou("jawa-tengah/2025-mou-uns"),
            "2025-08-31",
            "2029-08-30",
        ))
        // Signed 31 August 2023: its PKS was due on 29 February 2024, a
        // leap day, and is overdue; evaluated lately, so nothing else.
        .agreement(evaluated(
            complete(
                Agreement::mou("jawa-tengah/2023-mou-undip"),
                "2023-08-31",
                "2027-08-30",
            ),
            "2025-12-01",
        ))
        // Last evaluated on 31 March 2025: still evaluated within 12
        // months on 31 March 2026, flagged from 1 April, so due on the
        // month's last day.
        .agreement(evaluated(
            complete(
                Agreement::other("jawa-tengah/2024-other-bawaslu"),
                "2024-01-15",
                "2028-01-14",
            ),
            "2025-03-31",
        ))
        // Ends on 30 April, within the 90 days of "soon": to be reviewed.
        .agreement(evaluated(
            complete(
                Agreement::pks("jawa-tengah/karanganyar/2024-pks-ending"),
                "2024-05-01",
                "2026-04-30",
            ),
            "2025-12-01",
        ))
        // The same, but a renewal is being prepared: nothing to review.
        .agreement(evaluated(
            complete(
                Agreement::pks("jawa-tengah/karanganyar/2024-pks-renewed"),
                "2024-05-01",
                "2026-04-30",
            ),
            "2025-12-01",
        ))
        .agreement(
            Agreement::pks("jawa-tengah/karanganyar/2026-pks-renewal")
                .renews("jawa-tengah/karanganyar/2024-pks-renewed")
                .planning("2026-01-05")
                .partner("Universitas Sebelas Maret", "university"),
        )
        // An activity this month: Karanganyar reports to the province,
        // the province to the root, by 28 February. Its record lacks a
        // number and a signatory.
        .agreement(
            evaluated(
                Agreement::other("jawa-tengah/karanganyar/2025-other-pemkab")
                    .signed("2025-06-01")
                    .expires("2028-05-31")
                    .partner("Pemerintah Kabupaten Karanganyar", "regional-government")
                    .document_url("Naskah", "https://example.org/pemkab.pdf"),
                "2026-01-20",
            )
            .activity("2026-02-03", "Sosialisasi pemilih pemula"),
        )
        // Not public: no task of it shows anywhere.
        .agreement(
            Agreement::mou("jawa-timur/2025-mou-private")
                .signed("2025-01-31")
                .partner("Mitra Rahasia", "company")
                .expires("2029-01-30")
                .private(),
        )
}

fn tasks_json(site: &SiteTest, args: &[&str]) -> Value {
    let mut all = vec!["tasks", "--today", TODAY, "--format", "json"];
    all.extend_from_slice(args);
    let output = site.repo.pakta(&all);
    assert!(output.status.success(), "{}", common::stderr(&output));
    serde_json::from_str(&stdout(&output)).expect("tasks JSON")
}

/// (unit, kind, due, overdue, agreement or addressee) of every task.
fn listed(json: &Value) -> Vec<(String, String, String, bool, String)> {
    let mut out = Vec::new();
    for unit in json["units"].as_array().expect("units") {
        for task in unit["tasks"].as_array().expect("tasks") {
            let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
            out.push((
                text(&unit["unit"]),
                text(&task["kind"]),
                text(&task["due"]),
                task["overdue"].as_bool().expect("overdue"),
                text(&task["agreement"]) + &text(&task["report_to"]),
            ));
        }
    }
    out
}

fn row(
    unit: &str,
    kind: &str,
    due: &str,
    overdue: bool,
    of: &str,
) -> (String, String, String, bool, String) {
    (unit.into(), kind.into(), due.into(), overdue, of.into())
}

#[test]
fn every_task_of_every_unit_with_its_due_date() {
    let json = tasks_json(&site(), &[]);
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["today"], TODAY);
    assert_eq!(
        listed(&json),
        vec![
            row(
                "jawa-tengah",
                "pks",
                "2024-02-29",
                true,
                "jawa-tengah/2023-mou-undip"
            ),
            row(
                "jawa-tengah",
                "pks",
                "2026-02-28",
                false,
                "jawa-tengah/2025-mou-uns"
            ),
            row("jawa-tengah", "report", "2026-02-28", false, ""),
            row(
                "jawa-tengah",
                "evaluation",
                "2026-03-31",
                false,
                "jawa-tengah/2024-other-bawaslu"
            ),
            row(
                "jawa-tengah/karanganyar",
                "report",
                "2026-02-28",
                false,
                "jawa-tengah"
            ),
            row(
                "jawa-tengah/karanganyar",
                "review",
                "2026-04-30",
                false,
                "jawa-tengah/karanganyar/2024-pks-ending"
            ),
            row(
                "jawa-tengah/karanganyar",
                "records",
                "",
                false,
                "jawa-tengah/karanganyar/2025-other-pemkab"
            ),
        ]
    );
    // Every unit is listed, with or without tasks: the reminder job closes
    // the issue of a unit with none.
    let units: Vec<&str> = json["units"]
        .as_array()
        .expect("units")
        .iter()
        .map(|u| u["unit"].as_str().expect("path"))
        .collect();
    assert_eq!(
        units,
        ["", "jawa-tengah", "jawa-tengah/karanganyar", "jawa-timur"]
    );
    let karanganyar = &json["units"][2];
    assert_eq!(karanganyar["reviewers"][0], "@kpu-kra/kerja-sama");
    let records = &karanganyar["tasks"][2];
    assert_eq!(
        records["gaps"],
        serde_json::json!(["number", "signatories"])
    );
    assert_eq!(karanganyar["tasks"][0]["month"], "2026-02");
    assert!(!json.to_string().contains("private"));
}

#[test]
fn a_unit_lists_its_own_tasks_and_those_of_the_units_below() {
    let json = tasks_json(&site(), &["--unit", "jawa-tengah/karanganyar"]);
    let units: Vec<&str> = json["units"]
        .as_array()
        .expect("units")
        .iter()
        .map(|u| u["unit"].as_str().expect("path"))
        .collect();
    assert_eq!(units, ["jawa-tengah/karanganyar"]);
    let output = site()
        .repo
        .pakta(&["tasks", "--today", TODAY, "--unit", "jawa-tengah/karangan"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(common::stderr(&output).contains("did you mean: jawa-tengah/karanganyar"));
}

#[test]
fn the_list_reads_as_sentences_in_both_languages() {
    let site = site();
    let english = stdout(&site.repo.pakta(&["tasks", "--today", TODAY]));
    let expected_en = "\
# Tasks as of 10 February 2026

## KPU Provinsi Jawa Tengah (agreements/jawa-tengah)

For: @kpu-jateng

- **29 February 2024, overdue**: sign the Cooperation Agreement (PKS) that carries out the Memorandum of Understanding (MoU) \"Nota Kesepahaman jawa-tengah/2023-mou-undip\" (`jawa-tengah/2023-mou-undip`)
";
    assert!(english.starts_with(expected_en), "{english}");
    assert!(english.contains("- **by 28 February 2026**: send the report on February 2026 to KPU Republik Indonesia\n"), "{english}");
    assert!(english.contains("- **no deadline**: complete the record of \"Perjanjian jawa-tengah/karanganyar/2025-other-pemkab\" (`jawa-tengah/karanganyar/2025-other-pemkab`):\n  - The document number is not recorded.\n  - A partner's signatory is not named.\n"), "{english}");
    assert!(english.contains("For: @kpu-kra/kerja-sama\n"), "{english}");
    assert!(!english.contains("humas@"), "{english}");
    assert!(!english.contains("Jawa Timur"), "{english}");

    let indonesian = stdout(&site.repo.pakta_untranslated(&["tasks", "--today", TODAY]));
    assert!(
        indonesian.starts_with("# Tugas per 10 Februari 2026\n"),
        "{indonesian}"
    );
    assert!(indonesian.contains("- **paling lambat 31 Maret 2026**: mengevaluasi \"Perjanjian jawa-tengah/2024-other-bawaslu\" (`jawa-tengah/2024-other-bawaslu`) sebelum ditandai \"Belum dievaluasi\"\n"), "{indonesian}");
    assert!(
        indonesian.contains("- **paling lambat 30 April 2026**: memutuskan perpanjangan"),
        "{indonesian}"
    );
}

#[test]
fn nothing_to_do_is_said_and_invalid_content_gives_no_list() {
    let quiet = SiteTest::new().today(TODAY);
    let output = quiet.repo.pakta(&["tasks", "--today", TODAY]);
    assert!(output.status.success());
    assert_eq!(
        stdout(&output),
        "# Tasks as of 10 February 2026\n\nNothing to do.\n"
    );

    let broken = SiteTest::new().file("agreements/broken.md", "+++\ntitle = 1\n+++\n");
    let output = broken.repo.pakta(&["tasks", "--today", TODAY]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert!(common::stderr(&output).contains("agreements/broken.md"));
}

/// One request the fake GitHub API received.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Received {
    method: String,
    path: String,
    authorization: String,
    body: String,
}

/// A fake of GitHub's issues API on 127.0.0.1: it answers the list of
/// issues with `issues` (one page), every POST with a new issue and every
/// PATCH with an empty object, and records each request.
struct FakeGitHub {
    url: String,
    received: std::sync::Arc<std::sync::Mutex<Vec<Received>>>,
}

impl FakeGitHub {
    fn start(issues: Value) -> FakeGitHub {
        use std::io::{BufRead, BufReader, Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a local port");
        let url = format!("http://{}", listener.local_addr().expect("an address"));
        let received = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = received.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().expect("a stream"));
                let mut request_line = String::new();
                if reader.read_line(&mut request_line).is_err() {
                    continue;
                }
                let mut length = 0;
                let mut authorization = String::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    let (name, value) = line.split_once(':').unwrap_or((&line, ""));
                    match name.to_ascii_lowercase().as_str() {
                        "content-length" => length = value.trim().parse().unwrap_or(0),
                        "authorization" => authorization = value.trim().to_string(),
                        _ => {}
                    }
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                let mut parts = request_line.split_whitespace();
                let method = parts.next().unwrap_or_default().to_string();
                let path = parts.next().unwrap_or_default().to_string();
                let answer = match method.as_str() {
                    "GET" => issues.to_string(),
                    "POST" => r#"{"number": 100}"#.to_string(),
                    _ => "{}".to_string(),
                };
                let status = if method == "POST" {
                    "201 Created"
                } else {
                    "200 OK"
                };
                log.lock().expect("the log").push(Received {
                    method,
                    path,
                    authorization,
                    body: String::from_utf8_lossy(&body).into_owned(),
                });
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                    answer.len()
                );
            }
        });
        FakeGitHub { url, received }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().expect("the log").clone()
    }
}

/// `pakta tasks --sync-issues` against the fake, in English.
fn sync(site: &SiteTest, github: &FakeGitHub, extra: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_pakta"))
        .args(["tasks", "--today", TODAY, "--sync-issues"])
        .args(extra)
        .arg("--root")
        .arg(&site.repo.root)
        .env("PAKTA_LANG", "en")
        .env("GITHUB_REPOSITORY", "kpu-jateng/kerja-sama")
        .env("GITHUB_API_URL", &github.url)
        .env("GITHUB_TOKEN", "test-token")
        .output()
        .expect("pakta runs")
}

fn marker(unit: &str) -> String {
    format!("<!-- pakta-tasks unit=\"{unit}\" -->")
}

/// The issues the fake lists: Jawa Tengah's with an old list (updated),
/// Jawa Timur's open with nothing left to do (closed), the root's closed
/// with nothing to do (left), one of a unit that is gone (closed), and a
/// pull request (not an issue). Karanganyar has none (created).
fn existing_issues() -> Value {
    serde_json::json!([
        {"number": 1, "state": "open", "title": "Tasks of KPU Provinsi Jawa Tengah",
         "body": format!("old list\n\n{}\n", marker("jawa-tengah"))},
        {"number": 2, "state": "open", "title": "Tasks of KPU Provinsi Jawa Timur",
         "body": format!("old list\n\n{}\n", marker("jawa-timur"))},
        {"number": 3, "state": "closed", "title": "Tasks of KPU Republik Indonesia",
         "body": format!("done\n\n{}\n", marker(""))},
        {"number": 4, "state": "open", "title": "Pull request", "body": marker("jawa-timur"),
         "pull_request": {"url": "x"}},
        {"number": 5, "state": "open", "title": "Tasks of KPU Provinsi Jawa Barat",
         "body": format!("old list\n\n{}\n", marker("jawa-barat"))}
    ])
}

const LIST_PATH: &str =
    "/repos/kpu-jateng/kerja-sama/issues?labels=pakta-tasks&state=all&per_page=100&page=1";

#[test]
fn the_reminder_job_updates_creates_and_closes_one_issue_per_unit() {
    let site = site();
    let github = FakeGitHub::start(existing_issues());
    let output = sync(&site, &github, &[]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let calls = github.received();
    let summary: Vec<(&str, &str)> = calls
        .iter()
        .map(|c| (c.method.as_str(), c.path.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            ("GET", LIST_PATH),
            ("PATCH", "/repos/kpu-jateng/kerja-sama/issues/1"),
            ("PATCH", "/repos/kpu-jateng/kerja-sama/issues/2"),
            ("PATCH", "/repos/kpu-jateng/kerja-sama/issues/5"),
            ("POST", "/repos/kpu-jateng/kerja-sama/issues"),
        ]
    );
    assert!(calls.iter().all(|c| c.authorization == "Bearer test-token"));
    let json = |i: usize| -> Value { serde_json::from_str(&calls[i].body).expect("JSON sent") };
    let updated = json(1);
    assert_eq!(updated["state"], "open");
    assert_eq!(updated["title"], "Tasks of KPU Provinsi Jawa Tengah");
    assert!(
        updated["body"]
            .as_str()
            .expect("a body")
            .ends_with(&format!("{}\n", marker("jawa-tengah")))
    );
    for closed in [json(2), json(3)] {
        assert_eq!(closed["state"], "closed");
        assert_eq!(closed["state_reason"], "completed");
    }
    assert!(
        json(2)["body"]
            .as_str()
            .expect("a body")
            .contains("Nothing to do.")
    );
    let created = json(4);
    assert_eq!(created["title"], "Tasks of KPU Kabupaten Karanganyar");
    assert_eq!(created["labels"], serde_json::json!(["pakta-tasks"]));
    common::assert_snapshot(
        "tasks_issue_body_karanganyar",
        created["body"].as_str().expect("a body"),
    );
    common::assert_snapshot(
        "tasks_issue_body_jawa_tengah",
        updated["body"].as_str().expect("a body"),
    );
    assert!(
        common::stderr(&output)
            .contains("reminder issues: 1 opened, 1 updated, 2 closed, 0 unchanged")
    );

    // The next day with nothing changed: the issues as they now are give
    // no call at all, so nobody is notified again.
    let now = serde_json::json!([
        {"number": 1, "state": "open", "title": updated["title"], "body": updated["body"]},
        {"number": 2, "state": "closed", "title": "Tasks of KPU Provinsi Jawa Timur", "body": json(2)["body"]},
        {"number": 5, "state": "closed", "title": "Tasks of KPU Provinsi Jawa Barat", "body": json(3)["body"]},
        {"number": 100, "state": "open", "title": created["title"], "body": created["body"]}
    ]);
    let github = FakeGitHub::start(now);
    let output = sync(&site, &github, &[]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert_eq!(github.received().len(), 1, "{:?}", github.received());
    assert!(common::stderr(&output).contains("0 opened, 0 updated, 0 closed, 2 unchanged"));
}

#[test]
fn a_dry_run_reads_the_issues_and_prints_the_calls_it_would_make() {
    let site = site();
    let github = FakeGitHub::start(existing_issues());
    let output = sync(&site, &github, &["--dry-run"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let calls = github.received();
    assert_eq!(calls.len(), 1);
    assert_eq!(
        (calls[0].method.as_str(), calls[0].path.as_str()),
        ("GET", LIST_PATH)
    );
    let printed = stdout(&output);
    let call_lines: Vec<&str> = printed.lines().step_by(2).collect();
    let base = format!("{}/repos/kpu-jateng/kerja-sama", github.url);
    assert_eq!(
        call_lines,
        [
            format!("PATCH {base}/issues/1"),
            format!("PATCH {base}/issues/2"),
            format!("PATCH {base}/issues/5"),
            format!("POST {base}/issues"),
        ]
    );
    for json in printed.lines().skip(1).step_by(2) {
        serde_json::from_str::<Value>(json).expect("each call's JSON on one line");
    }
}

#[test]
fn the_sync_needs_the_repository_and_a_token() {
    let site = site();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pakta"))
        .args(["tasks", "--today", TODAY, "--sync-issues", "--root"])
        .arg(&site.repo.root)
        .env("PAKTA_LANG", "en")
        .env_remove("GITHUB_REPOSITORY")
        .env_remove("GITHUB_TOKEN")
        .output()
        .expect("pakta runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        common::stderr(&output)
            .contains("--sync-issues needs the environment variable GITHUB_REPOSITORY")
    );
    let github = FakeGitHub::start(serde_json::json!({"message": "Bad credentials"}));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pakta"))
        .args(["tasks", "--today", TODAY, "--sync-issues", "--root"])
        .arg(&site.repo.root)
        .env("PAKTA_LANG", "en")
        .env("GITHUB_REPOSITORY", "kpu-jateng/kerja-sama")
        .env("GITHUB_API_URL", &github.url)
        .env_remove("GITHUB_TOKEN")
        .output()
        .expect("pakta runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(common::stderr(&output).contains("GITHUB_TOKEN"));
    assert!(github.received().is_empty());
}

#[test]
fn with_a_unit_the_issues_of_other_units_are_left_alone() {
    let site = site();
    let github = FakeGitHub::start(existing_issues());
    let output = sync(&site, &github, &["--unit", "jawa-tengah/karanganyar"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let calls: Vec<(String, String)> = github
        .received()
        .into_iter()
        .map(|c| (c.method, c.path))
        .collect();
    // Jawa Tengah's and Jawa Timur's issues are not touched; the issue of
    // a unit that no longer exists is still closed.
    assert_eq!(
        calls,
        [
            ("GET".to_string(), LIST_PATH.to_string()),
            (
                "PATCH".to_string(),
                "/repos/kpu-jateng/kerja-sama/issues/5".to_string()
            ),
            (
                "POST".to_string(),
                "/repos/kpu-jateng/kerja-sama/issues".to_string()
            ),
        ]
    );
}

#[test]
fn an_issue_lists_what_fits_in_github_and_counts_the_rest() {
    // 400 records to complete: far more than GitHub's 65,536 characters.
    let mut site = SiteTest::new()
        .today(TODAY)
        .unit(Unit::province("jawa-tengah", "KPU Provinsi Jawa Tengah"));
    for n in 0..400 {
        site = site.agreement(
            Agreement::other(&format!("jawa-tengah/2025-other-{n:03}"))
                .signed("2025-06-01")
                .expires("2029-05-31")
                .partner("Universitas Sebelas Maret", "university"),
        );
    }
    let github = FakeGitHub::start(serde_json::json!([]));
    let output = sync(&site, &github, &[]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let calls = github.received();
    let created: Vec<Value> = calls
        .iter()
        .filter(|c| c.method == "POST")
        .map(|c| serde_json::from_str(&c.body).expect("JSON sent"))
        .collect();
    assert_eq!(created.len(), 1);
    let body = created[0]["body"].as_str().expect("a body");
    assert!(body.chars().count() <= 65_536, "{}", body.chars().count());
    let shown = body.matches("- **no deadline**").count();
    assert!(shown > 100, "{shown}");
    assert!(
        body.contains(&format!(
            "- … and {} more tasks: `pakta tasks --unit jawa-tengah` lists them all\n",
            400 - shown
        )),
        "{body}"
    );
    assert!(body.ends_with(&format!("{}\n", marker("jawa-tengah"))));
}
