//! `pakta tasks`: the model's tasks of each unit (`pakta_model::tasks`)
//! written for people, as Markdown from the catalogs' sentences, for
//! scripts as JSON, and kept as one GitHub issue per unit (`github`).

pub(crate) mod github;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::console::Console;
use pakta_content::escape;
use pakta_content::message::Message;
use pakta_model::tasks::{Task, TaskKind, UnitTasks};
use pakta_model::{Model, UnitIx};

/// The version of the JSON's shape; raised when a field changes meaning or
/// goes away (README, `pakta tasks`).
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// The hidden line that tells which unit an issue is kept for.
pub(crate) fn issue_marker(unit_path: &str) -> String {
    format!("<!-- pakta-tasks unit=\"{}\" -->", unit_path)
}

/// The unit path an issue body was kept for, from its marker.
pub(crate) fn unit_of_issue(body: &str) -> Option<&str> {
    let start = body.find("<!-- pakta-tasks unit=\"")? + "<!-- pakta-tasks unit=\"".len();
    let rest = &body[start..];
    let end = rest.find("\" -->")?;
    Some(&rest[..end])
}

/// The whole listing: a title, then each unit that has tasks.
pub(crate) fn markdown(model: &Model, all: &[UnitTasks], console: &Console) -> String {
    let mut out = format!(
        "# {}\n\n",
        console
            .text(&Message::new("tasks-title").arg("today", console.lang.long_date(model.today)))
    );
    let busy: Vec<&UnitTasks> = all.iter().filter(|u| !u.tasks.is_empty()).collect();
    if busy.is_empty() {
        out.push_str(&console.text(&Message::new("tasks-none")));
        out.push('\n');
    }
    for unit_tasks in busy {
        let unit = &model.units[unit_tasks.unit];
        out.push_str(&format!(
            "## {}\n\n",
            unit_heading(model, unit_tasks.unit, console)
        ));
        let mentions = mentions(&unit.reviewers);
        if !mentions.is_empty() {
            out.push_str(&reviewers_line(&mentions, console));
            out.push_str("\n\n");
        }
        out.push_str(&task_list(model, &unit_tasks.tasks, console));
        out.push('\n');
    }
    out
}

/// "KPU Provinsi Jawa Tengah (agreements/jawa-tengah)".
fn unit_heading(model: &Model, unit: UnitIx, console: &Console) -> String {
    let unit = &model.units[unit];
    let folder = if unit.path.is_empty() {
        pakta_load::CONTENT_DIR.to_string()
    } else {
        format!("{}/{}", pakta_load::CONTENT_DIR, unit.path)
    };
    console.text(
        &Message::new("tasks-unit")
            .arg("unit", escape::markdown(&unit.name))
            .arg("folder", folder),
    )
}

/// The reviewers GitHub can notify: users and teams (`@…`); an e-mail
/// address in CODEOWNERS cannot be mentioned in an issue.
fn mentions(reviewers: &[String]) -> Vec<&str> {
    reviewers
        .iter()
        .map(String::as_str)
        .filter(|r| r.starts_with('@'))
        .collect()
}

fn reviewers_line(mentions: &[&str], console: &Console) -> String {
    console.text(&Message::new("tasks-reviewers").list("reviewers", mentions))
}

/// One line per task, soonest first, with what a record lacks under it.
fn task_list(model: &Model, tasks: &[Task], console: &Console) -> String {
    tasks
        .iter()
        .map(|t| task_entry(model, t, console))
        .collect()
}

/// A task's line, and a line for each gap of a record.
fn task_entry(model: &Model, task: &Task, console: &Console) -> String {
    let when = match task.due {
        Some(due) if task.overdue(model.today) => {
            Message::new("tasks-overdue").arg("date", console.lang.long_date(due))
        }
        Some(due) => Message::new("tasks-due").arg("date", console.lang.long_date(due)),
        None => Message::new("tasks-no-due"),
    };
    let line = Message::new("tasks-line")
        .nested("when", when)
        .nested("task", sentence(model, task, console));
    let mut out = format!("- {}\n", console.text(&line));
    for gap in &task.gaps {
        let key = format!("gap-{}", gap.as_str());
        out.push_str(&format!("  - {}\n", console.texts.text(&key)));
    }
    out
}

/// GitHub refuses an issue body over 65,536 characters; the rest of the
/// page (intro, mentions, marker and the closing line) fits in what is
/// left.
const ISSUE_LIST_CHARACTERS: usize = 60_000;

/// The tasks that fit in an issue, soonest first, and a line naming how
/// many more there are and the command that lists them all.
fn issue_task_list(model: &Model, unit_tasks: &UnitTasks, console: &Console) -> String {
    let mut out = String::new();
    let mut used = 0;
    for (shown, task) in unit_tasks.tasks.iter().enumerate() {
        let entry = task_entry(model, task, console);
        let length = entry.chars().count();
        if used + length > ISSUE_LIST_CHARACTERS {
            let path = &model.units[unit_tasks.unit].path;
            let more = Message::new("tasks-more")
                .arg("n", unit_tasks.tasks.len() - shown)
                .arg("unit", if path.is_empty() { "." } else { path });
            out.push_str(&format!("- {}\n", console.text(&more)));
            break;
        }
        used += length;
        out.push_str(&entry);
    }
    out
}

/// What the task asks, naming its agreement by title and id.
fn sentence(model: &Model, task: &Task, console: &Console) -> Message {
    let agreement = task.agreement.map(|ix| &model.agreements[ix]);
    let named = |message: Message| match agreement {
        Some(a) => message
            .arg("title", escape::markdown(&a.front.title))
            .arg("id", &a.id),
        None => message,
    };
    match task.kind {
        TaskKind::Pks => named(
            Message::new("tasks-pks")
                .term("pks", "kind", "pks")
                .term("mou", "kind", "mou"),
        ),
        TaskKind::Review => {
            let end = agreement
                .and_then(|a| a.lifecycle.end)
                .map(|end| console.lang.long_date(end))
                .unwrap_or_default();
            named(Message::new("tasks-review").arg("end", end))
        }
        TaskKind::Evaluation => {
            named(Message::new("tasks-evaluation").term("flag", "flag", "not-evaluated"))
        }
        TaskKind::Report => {
            let to = task
                .report_to
                .map(|u| escape::markdown(&model.units[u].name))
                .unwrap_or_default();
            Message::new("tasks-report")
                .arg("month", month_words(model.today, console))
                .arg("unit", to)
        }
        TaskKind::Records => named(Message::new("tasks-records")),
    }
}

fn month_words(day: NaiveDate, console: &Console) -> String {
    format!(
        "{} {}",
        console.lang.month_names()[day.month0() as usize],
        day.year()
    )
}

/// The title of a unit's reminder issue.
pub(crate) fn issue_title(model: &Model, unit: UnitIx, console: &Console) -> String {
    console.text(&Message::new("tasks-issue-title").arg("unit", &model.units[unit].name))
}

/// The body of a unit's reminder issue: what it is, who is asked, the
/// list, and the hidden marker that finds it again.
pub(crate) fn issue_body(model: &Model, unit_tasks: &UnitTasks, console: &Console) -> String {
    let unit = &model.units[unit_tasks.unit];
    let mut out = String::new();
    out.push_str(
        &console.text(&Message::new("tasks-issue-intro").arg("unit", escape::markdown(&unit.name))),
    );
    out.push_str("\n\n");
    let mentions = mentions(&unit.reviewers);
    if !mentions.is_empty() {
        out.push_str(&reviewers_line(&mentions, console));
        out.push_str("\n\n");
    }
    if unit_tasks.tasks.is_empty() {
        out.push_str(&console.text(&Message::new("tasks-none")));
        out.push('\n');
    } else {
        out.push_str(&issue_task_list(model, unit_tasks, console));
    }
    out.push('\n');
    out.push_str(&issue_marker(&unit.path));
    out.push('\n');
    out
}

/// The JSON document: every unit in scope, with or without tasks.
#[derive(Serialize)]
struct TasksDocument<'a> {
    schema_version: u32,
    today: NaiveDate,
    units: Vec<UnitRecord<'a>>,
}

#[derive(Serialize)]
struct UnitRecord<'a> {
    unit: &'a str,
    name: &'a str,
    reviewers: &'a [String],
    tasks: Vec<TaskRecord<'a>>,
}

#[derive(Serialize)]
struct TaskRecord<'a> {
    kind: TaskKind,
    due: Option<NaiveDate>,
    overdue: bool,
    agreement: Option<&'a str>,
    agreement_title: Option<&'a str>,
    gaps: Vec<&'static str>,
    report_to: Option<&'a str>,
    month: Option<String>,
}

/// The tasks as JSON, pretty-printed, ending with a line break.
pub(crate) fn json(model: &Model, all: &[UnitTasks]) -> String {
    let units = all
        .iter()
        .map(|unit_tasks| {
            let unit = &model.units[unit_tasks.unit];
            UnitRecord {
                unit: &unit.path,
                name: &unit.name,
                reviewers: &unit.reviewers,
                tasks: unit_tasks
                    .tasks
                    .iter()
                    .map(|task| {
                        let agreement = task.agreement.map(|ix| &model.agreements[ix]);
                        TaskRecord {
                            kind: task.kind,
                            due: task.due,
                            overdue: task.overdue(model.today),
                            agreement: agreement.map(|a| a.id.as_str()),
                            agreement_title: agreement.map(|a| a.front.title.as_str()),
                            gaps: task.gaps.iter().map(|g| g.as_str()).collect(),
                            report_to: task.report_to.map(|u| model.units[u].path.as_str()),
                            month: (task.kind == TaskKind::Report)
                                .then(|| model.today.format("%Y-%m").to_string()),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let document = TasksDocument {
        schema_version: SCHEMA_VERSION,
        today: model.today,
        units,
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_names_its_unit_and_is_found_again() {
        let body = format!("text\n\n{}\n", issue_marker("jawa-tengah/karanganyar"));
        assert_eq!(unit_of_issue(&body), Some("jawa-tengah/karanganyar"));
        assert_eq!(unit_of_issue(&issue_marker("")), Some(""));
        assert_eq!(unit_of_issue("no marker"), None);
    }

    #[test]
    fn only_users_and_teams_are_mentioned() {
        let reviewers = vec![
            "@kpu-jateng".to_string(),
            "humas@kpu.go.id".to_string(),
            "@kpu-ri/jateng".to_string(),
        ];
        assert_eq!(mentions(&reviewers), vec!["@kpu-jateng", "@kpu-ri/jateng"]);
    }
}
