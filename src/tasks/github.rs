//! The reminder issues: one GitHub issue per unit with its tasks, found
//! again by the `pakta-tasks` label and the hidden marker naming the
//! unit, opened when the unit has tasks, updated only when its text
//! changed (an edit with mentions notifies people again), and closed
//! when nothing is left. It speaks to GitHub's REST API with the
//! workflow's own token (`GITHUB_TOKEN`, `issues: write`).

use std::process::ExitCode;
use std::time::Duration;

use serde::Serialize;

use super::{issue_body, issue_title, unit_of_issue};
use crate::commands::{EXIT_FAILURE, EXIT_OK, exit};
use crate::console::Console;
use pakta_content::message::Message;
use pakta_model::Model;
use pakta_model::tasks::UnitTasks;

/// The label every reminder issue carries.
pub(crate) const LABEL: &str = "pakta-tasks";

/// GitHub asks for a second between requests that change something, or
/// answers with its secondary rate limit: a national repository's first
/// run opens an issue for each of its 550 units.
const WRITE_INTERVAL: Duration = Duration::from_secs(1);

/// GitHub lists at most this many issues a page.
const PAGE_SIZE: usize = 100;

/// An issue as listed, with the unit its marker names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Issue {
    pub(crate) number: u64,
    pub(crate) open: bool,
    pub(crate) title: String,
    pub(crate) body: String,
}

/// One change to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Call {
    /// A unit with tasks and no issue yet.
    Create { title: String, body: String },
    /// A unit whose issue's text changed, or that was closed and has
    /// tasks again.
    Update {
        number: u64,
        title: String,
        body: String,
    },
    /// A unit with nothing left to do, or a unit that no longer exists.
    Close { number: u64, body: String },
}

#[derive(Serialize)]
struct NewIssue<'a> {
    title: &'a str,
    body: &'a str,
    labels: [&'a str; 1],
}

#[derive(Serialize)]
struct IssueChange<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    body: &'a str,
    state: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    state_reason: Option<&'a str>,
}

impl Call {
    /// The method, the path below the repository's API address and the
    /// JSON sent.
    fn request(&self) -> (&'static str, String, String) {
        match self {
            Call::Create { title, body } => (
                "POST",
                "/issues".to_string(),
                compact(&NewIssue {
                    title,
                    body,
                    labels: [LABEL],
                }),
            ),
            Call::Update {
                number,
                title,
                body,
            } => (
                "PATCH",
                format!("/issues/{number}"),
                compact(&IssueChange {
                    title: Some(title),
                    body,
                    state: "open",
                    state_reason: None,
                }),
            ),
            Call::Close { number, body } => (
                "PATCH",
                format!("/issues/{number}"),
                compact(&IssueChange {
                    title: None,
                    body,
                    state: "closed",
                    state_reason: Some("completed"),
                }),
            ),
        }
    }
}

/// Whether an issue's body, as GitHub gives it back, is the text sent:
/// line endings and a final line break may come back changed.
fn same_text(kept: &str, sent: &str) -> bool {
    let plain = |text: &str| text.replace("\r\n", "\n").trim_end().to_string();
    plain(kept) == plain(sent)
}

/// A request's fields as compact JSON, in declaration order, so that a
/// dry run prints the same calls every day.
fn compact(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The changes that bring the issues in line with the units' tasks.
/// `all` is the units in scope; an issue of a unit out of scope is left
/// alone, and one of a unit that no longer exists is closed.
pub(crate) fn plan(
    model: &Model,
    all: &[UnitTasks],
    issues: &[Issue],
    console: &Console,
) -> Vec<Call> {
    let mut calls = Vec::new();
    let kept_for = |path: &str| -> Option<&Issue> {
        // An open issue first, then the oldest: a duplicate made by hand
        // is left as it is.
        issues
            .iter()
            .filter(|i| unit_of_issue(&i.body) == Some(path))
            .min_by_key(|i| (!i.open, i.number))
    };
    for unit_tasks in all {
        let unit = &model.units[unit_tasks.unit];
        let title = issue_title(model, unit_tasks.unit, console);
        let body = issue_body(model, unit_tasks, console);
        match (kept_for(&unit.path), unit_tasks.tasks.is_empty()) {
            (None, false) => calls.push(Call::Create { title, body }),
            (Some(issue), false)
                if !issue.open || issue.title != title || !same_text(&issue.body, &body) =>
            {
                calls.push(Call::Update {
                    number: issue.number,
                    title,
                    body,
                });
            }
            (Some(issue), true) if issue.open => calls.push(Call::Close {
                number: issue.number,
                body,
            }),
            _ => {}
        }
    }
    for issue in issues.iter().filter(|i| i.open) {
        if let Some(path) = unit_of_issue(&issue.body)
            && model.unit(path).is_none()
        {
            calls.push(Call::Close {
                number: issue.number,
                body: issue.body.clone(),
            });
        }
    }
    calls.sort_by_key(|call| match call {
        Call::Create { .. } => (1, 0),
        Call::Update { number, .. } | Call::Close { number, .. } => (0, *number),
    });
    calls
}

/// The repository and how to reach its API, from the variables GitHub
/// Actions sets.
struct Api {
    agent: ureq::Agent,
    base: String,
    token: Option<String>,
}

impl Api {
    fn from_environment(dry_run: bool) -> Result<Api, Message> {
        let variable = |name: &'static str| {
            std::env::var(name)
                .ok()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .ok_or_else(|| Message::new("tasks-sync-missing").arg("name", name))
        };
        let repository = variable("GITHUB_REPOSITORY")?;
        let api = variable("GITHUB_API_URL").unwrap_or_else(|_| "https://api.github.com".into());
        // A dry run only reads, which a public repository allows anyone.
        let token = match variable("GITHUB_TOKEN") {
            Ok(token) => Some(token),
            Err(_) if dry_run => None,
            Err(missing) => return Err(missing),
        };
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        Ok(Api {
            agent,
            base: format!("{}/repos/{}", api.trim_end_matches('/'), repository),
            token,
        })
    }

    /// Sends one request; the answer's JSON, or why there is none.
    fn send(
        &self,
        method: &'static str,
        path: &str,
        json: Option<&str>,
    ) -> Result<String, Message> {
        let url = format!("{}{}", self.base, path);
        let failed = |detail: String| {
            Message::new("tasks-sync-failed")
                .arg("method", method)
                .arg("url", &url)
                .arg("detail", detail)
        };
        let mut response = match (method, json) {
            ("GET", _) => self.with_headers(self.agent.get(&url)).call(),
            ("POST", Some(json)) => self.with_headers(self.agent.post(&url)).send(json),
            (_, json) => self
                .with_headers(self.agent.patch(&url))
                .send(json.unwrap_or_default()),
        }
        .map_err(|error| failed(error.to_string()))?;
        let status = response.status();
        let text = response
            .body_mut()
            .read_to_string()
            .map_err(|error| failed(error.to_string()))?;
        if status.is_success() {
            Ok(text)
        } else {
            let first_line: String = text
                .lines()
                .next()
                .unwrap_or_default()
                .chars()
                .take(300)
                .collect();
            Err(failed(format!("{status} {first_line}")))
        }
    }

    fn with_headers<B>(&self, request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        let request = request
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("Content-Type", "application/json")
            .header("User-Agent", concat!("pakta/", env!("CARGO_PKG_VERSION")));
        match &self.token {
            Some(token) => request.header("Authorization", format!("Bearer {token}")),
            None => request,
        }
    }

    /// Every issue with the label, open or closed, page by page.
    fn reminder_issues(&self) -> Result<Vec<Issue>, Message> {
        let mut issues = Vec::new();
        for page in 1.. {
            let path = format!("/issues?labels={LABEL}&state=all&per_page={PAGE_SIZE}&page={page}");
            let text = self.send("GET", &path, None)?;
            let listed = parse_issues(&text).map_err(|detail| {
                Message::new("tasks-sync-failed")
                    .arg("method", "GET")
                    .arg("url", format!("{}{}", self.base, path))
                    .arg("detail", detail)
            })?;
            let full = listed.1 == PAGE_SIZE;
            issues.extend(listed.0);
            if !full {
                break;
            }
        }
        Ok(issues)
    }
}

/// The issues of one page (pull requests, which the same list holds, left
/// out) and how many entries the page had.
fn parse_issues(text: &str) -> Result<(Vec<Issue>, usize), String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let entries = value.as_array().ok_or("not a list")?;
    let issues = entries
        .iter()
        .filter(|e| e.get("pull_request").is_none())
        .filter_map(|e| {
            Some(Issue {
                number: e.get("number")?.as_u64()?,
                open: e.get("state")?.as_str()? == "open",
                title: e.get("title")?.as_str().unwrap_or_default().to_string(),
                body: e.get("body")?.as_str().unwrap_or_default().to_string(),
            })
        })
        .collect();
    Ok((issues, entries.len()))
}

/// Lists the reminder issues and makes the changes the plan calls for,
/// printing each call (`METHOD URL`, then the JSON sent) on standard
/// output; a dry run only prints them.
pub(crate) fn sync(model: &Model, all: &[UnitTasks], dry_run: bool, console: &Console) -> ExitCode {
    let api = match Api::from_environment(dry_run) {
        Ok(api) => api,
        Err(problem) => {
            console.error(problem);
            return exit(EXIT_FAILURE);
        }
    };
    let issues = match api.reminder_issues() {
        Ok(issues) => issues,
        Err(problem) => {
            console.error(problem);
            return exit(EXIT_FAILURE);
        }
    };
    let calls = plan(model, all, &issues, console);
    let (mut created, mut updated, mut closed) = (0, 0, 0);
    for call in &calls {
        let (method, path, json) = call.request();
        println!("{method} {}{path}", api.base);
        println!("{json}");
        if !dry_run {
            if created + updated + closed > 0 {
                std::thread::sleep(WRITE_INTERVAL);
            }
            if let Err(problem) = api.send(method, &path, Some(&json)) {
                console.error(problem);
                return exit(EXIT_FAILURE);
            }
        }
        match call {
            Call::Create { .. } => created += 1,
            Call::Update { .. } => updated += 1,
            Call::Close { .. } => closed += 1,
        }
    }
    let kept = all
        .iter()
        .filter(|u| !u.tasks.is_empty())
        .count()
        .saturating_sub(created + updated);
    console.tell(
        Message::new("tasks-sync-done")
            .arg("created", created)
            .arg("updated", updated)
            .arg("closed", closed)
            .arg("unchanged", kept),
    );
    exit(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pull_requests_are_not_issues() {
        let page = r#"[
            {"number": 3, "state": "open", "title": "T", "body": "b"},
            {"number": 4, "state": "closed", "title": "PR", "body": null, "pull_request": {}},
            {"number": 5, "state": "closed", "title": "U", "body": null}
        ]"#;
        let (issues, listed) = parse_issues(page).expect("a page");
        assert_eq!(listed, 3);
        assert_eq!(
            issues
                .iter()
                .map(|i| (i.number, i.open))
                .collect::<Vec<_>>(),
            vec![(3, true), (5, false)]
        );
        assert!(parse_issues("{}").is_err());
    }

    #[test]
    fn a_body_given_back_with_other_line_endings_is_the_same() {
        assert!(same_text("a\r\nb\r\n", "a\nb\n"));
        assert!(same_text("a\nb", "a\nb\n"));
        assert!(!same_text("a\nc\n", "a\nb\n"));
    }
}
