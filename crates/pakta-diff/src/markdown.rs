//! The summary as Markdown for a pull-request comment or the GitHub job
//! summary, in the language of the run (Indonesian unless said otherwise,
//! since editors and reviewers read it): every text from the catalogs'
//! `[messages]`, every name from the glossary.

use std::fmt::Write;

use pakta_content::escape::markdown as escape;
use pakta_content::i18n::Texts;
use pakta_content::message::Message;
use serde_json::Value;

use super::labels;
use super::{Change, Entry, Report, Side};

/// The report as a pull-request comment, in the language of `texts`.
pub fn render_markdown(report: &Report, texts: &Texts) -> String {
    let t = |message: Message| message.render(texts);
    let mut out = format!("## {}\n\n", t(Message::new("diff-title")));
    let _ = writeln!(
        out,
        "{}",
        t(Message::new("diff-compared")
            .arg("base", &report.base.rev)
            .arg("base_commit", short(&report.base.commit))
            .arg("head", &report.head.rev)
            .arg("head_commit", short(&report.head.commit))
            .arg("today", report.today))
    );
    for (side, name) in [
        (&report.base, Message::new("diff-side-base")),
        (&report.head, Message::new("diff-side-head")),
    ] {
        warn_errors(&mut out, side, name, texts);
    }
    out.push('\n');
    if report.is_empty() {
        let _ = writeln!(out, "{}", t(Message::new("diff-nothing")));
        return out;
    }
    let _ = writeln!(
        out,
        "**{}**",
        t(Message::new("diff-counts")
            .arg("added", report.added.len())
            .arg("removed", report.removed.len())
            .arg("renamed", report.renamed.len())
            .arg("changed", report.changed.len()))
    );
    section(&mut out, Message::new("diff-added"), &report.added, texts);
    section(
        &mut out,
        Message::new("diff-removed"),
        &report.removed,
        texts,
    );
    if !report.renamed.is_empty() {
        let _ = write!(out, "\n### {}\n\n", t(Message::new("diff-renamed")));
        for rename in &report.renamed {
            let _ = writeln!(out, "- `{}` → `{}`", rename.from, rename.to);
        }
    }
    if !report.changed.is_empty() {
        let _ = writeln!(out, "\n### {}", t(Message::new("diff-changed")));
        for change in &report.changed {
            changed(&mut out, change, texts);
        }
    }
    for (title, units) in [
        (Message::new("diff-units-added"), &report.units_added),
        (Message::new("diff-units-removed"), &report.units_removed),
    ] {
        if !units.is_empty() {
            let _ = write!(out, "\n### {}\n\n", t(title));
            for unit in units {
                let _ = writeln!(out, "- `agreements/{unit}`");
            }
        }
    }
    out
}

fn short(commit: &str) -> &str {
    commit.get(..7).unwrap_or(commit)
}

fn warn_errors(out: &mut String, side: &Side, name: Message, texts: &Texts) {
    if side.errors > 0 {
        let warning = Message::new("diff-errors")
            .nested("side", name)
            .arg("rev", &side.rev)
            .arg("errors", side.errors);
        let _ = write!(
            out,
            "\n> **{}** {}\n",
            Message::new("diff-attention").render(texts),
            warning.render(texts)
        );
    }
}

fn section(out: &mut String, title: Message, entries: &[Entry], texts: &Texts) {
    if entries.is_empty() {
        return;
    }
    let _ = write!(out, "\n### {}\n\n", title.render(texts));
    for e in entries {
        let mut parts = vec![
            Message::new("diff-entry")
                .arg("title", escape(&e.title))
                .arg("kind", labels::kind(texts, e.kind))
                .arg("stage", labels::stage(texts, e.stage))
                .arg("status", labels::status(texts, e.status))
                .render(texts),
        ];
        if !e.flags.is_empty() {
            let flags: Vec<String> = e.flags.iter().map(|f| labels::flag(texts, *f)).collect();
            parts.push(
                Message::new("diff-entry-flags")
                    .list("flags", flags)
                    .render(texts),
            );
        }
        if !e.public {
            parts.push(Message::new("diff-entry-private").render(texts));
        }
        let _ = writeln!(out, "- `{}` — {}", e.id, parts.join("; "));
    }
}

fn changed(out: &mut String, c: &Change, texts: &Texts) {
    let flags = |list: &[pakta_model::Flag]| -> String {
        list.iter()
            .map(|f| labels::flag(texts, *f))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut lines = Vec::new();
    if let Some(from) = &c.renamed_from {
        lines.push(Message::new("diff-renamed-from").arg("from", from));
    }
    if let Some(s) = &c.stage {
        lines.push(
            Message::new("diff-stage")
                .arg("from", labels::stage(texts, s.from))
                .arg("to", labels::stage(texts, s.to)),
        );
    }
    if let Some(s) = &c.status {
        lines.push(
            Message::new("diff-status")
                .arg("from", labels::status(texts, s.from))
                .arg("to", labels::status(texts, s.to)),
        );
    }
    if !c.flags_added.is_empty() {
        lines.push(Message::new("diff-flags-added").arg("flags", flags(&c.flags_added)));
    }
    if !c.flags_removed.is_empty() {
        lines.push(Message::new("diff-flags-removed").arg("flags", flags(&c.flags_removed)));
    }
    for f in &c.fields {
        lines.push(
            Message::new("diff-field")
                .arg("field", &f.field)
                .arg("from", value(&f.from, texts))
                .arg("to", value(&f.to, texts)),
        );
    }
    for (label, names) in [
        (Message::new("diff-partner-added"), &c.partners_added),
        (Message::new("diff-partner-removed"), &c.partners_removed),
    ] {
        for name in names {
            lines.push(label.clone().arg("name", escape(name)));
        }
    }
    for (label, items) in [
        (Message::new("diff-activity-added"), &c.activities_added),
        (Message::new("diff-activity-removed"), &c.activities_removed),
    ] {
        for item in items {
            lines.push(
                label
                    .clone()
                    .arg("date", text(item, "date"))
                    .arg("title", escape(&text(item, "title"))),
            );
        }
    }
    for (label, items) in [
        (Message::new("diff-evaluation-added"), &c.evaluations_added),
        (
            Message::new("diff-evaluation-removed"),
            &c.evaluations_removed,
        ),
    ] {
        for item in items {
            lines.push(label.clone().arg("date", text(item, "date")).arg(
                "result",
                labels::evaluation_result(texts, &text(item, "result")),
            ));
        }
    }
    for (label, items) in [
        (Message::new("diff-document-added"), &c.documents_added),
        (Message::new("diff-document-removed"), &c.documents_removed),
    ] {
        for item in items {
            lines.push(label.clone().arg("title", escape(&text(item, "title"))));
        }
    }
    if c.body_changed {
        lines.push(Message::new("diff-body-changed"));
    }
    let _ = write!(out, "\n#### `{}` — {}\n\n", c.id, escape(&c.title));
    for message in lines {
        let _ = writeln!(out, "- {}", message.render(texts));
    }
}

fn text(item: &Value, key: &str) -> String {
    match item.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn value(v: &Value, texts: &Texts) -> String {
    match v {
        Value::Null => Message::new("diff-value-empty").render(texts),
        Value::String(s) => format!("`{}`", one_line(s).replace('`', "'")),
        Value::Bool(true) => Message::new("diff-value-yes").render(texts),
        Value::Bool(false) => Message::new("diff-value-no").render(texts),
        other => format!("`{other}`"),
    }
}

/// Multi-line values would break the list they are shown in.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_stay_on_one_line_and_titles_stay_text() {
        let id = Texts::default_for(pakta_content::i18n::Lang::Id);
        assert_eq!(
            value(&Value::String("dua\nbaris `kode`".into()), id),
            "`dua baris 'kode'`"
        );
        assert_eq!(value(&Value::Null, id), "(kosong)");
        assert_eq!(value(&Value::Bool(false), id), "tidak");
        assert_eq!(escape("Kerja *sama*\n<b>"), "Kerja \\*sama\\* \\<b\\>");
    }
}
