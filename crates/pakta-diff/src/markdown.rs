//! The summary as Markdown for a pull-request comment or the GitHub job
//! summary, in the language of the run (Indonesian unless said otherwise,
//! since editors and reviewers read it): every text from the catalogs'
//! `[messages]`, every name from the glossary.

use std::fmt::Write;

use pakta_content::escape::markdown as escape;
use pakta_content::i18n::Texts;
use pakta_content::message::Message;
use serde_json::Value;

use super::{AgreementChange, Entry, RevisionDiff, Side};
use super::{fields, labels};

/// The report as a pull-request comment, in the language of `texts`.
pub fn render_markdown(report: &RevisionDiff, texts: &Texts) -> String {
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

fn changed(out: &mut String, c: &AgreementChange, texts: &Texts) {
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
        let change = Message::new("diff-field")
            .arg("field", labels::key(texts, &f.field))
            .arg("key", &f.field)
            .arg("from", value(&f.field, &f.from, texts))
            .arg("to", value(&f.field, &f.to, texts));
        lines.push(match &f.entry {
            Some(entry) => Message::new("diff-entry-field")
                .arg("list", labels::key(texts, &entry.list))
                .arg("entry", entry_name(&entry.list, &entry.key, texts))
                .nested("change", change),
            None => change,
        });
    }
    for (label, entries) in [
        (Message::new("diff-entry-added"), &c.entries_added),
        (Message::new("diff-entry-removed"), &c.entries_removed),
    ] {
        for entry in entries {
            lines.push(
                label
                    .clone()
                    .arg("list", labels::key(texts, &entry.list))
                    .arg("entry", entry_name(&entry.list, &entry.key, texts)),
            );
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

/// An entry named by its required keys in the format's order, e.g.
/// "2026-09-14 — Lokakarya" or "2026-11-02 — Sebagian".
fn entry_name(list: &str, key: &Value, texts: &Texts) -> String {
    let Some(spec) = fields::table_at(list) else {
        return escape(&key.to_string());
    };
    spec.fields
        .iter()
        .filter_map(|f| {
            let v = key.get(f.name)?;
            Some(plain(&format!("{list}.{}", f.name), v, texts))
        })
        .collect::<Vec<_>>()
        .join(" — ")
}

/// A value as running text: closed-list values by their glossary name,
/// editors' text escaped.
fn plain(path: &str, v: &Value, texts: &Texts) -> String {
    match v {
        Value::String(s) => match labels::choice(texts, path, s) {
            Some(name) => name,
            None => escape(s),
        },
        other => escape(&other.to_string()),
    }
}

/// A changed value: empty, yes/no, closed-list values by their glossary
/// name, anything else as written in code spans.
fn value(path: &str, v: &Value, texts: &Texts) -> String {
    match v {
        Value::Null => Message::new("diff-value-empty").render(texts),
        Value::Bool(true) => Message::new("diff-value-yes").render(texts),
        Value::Bool(false) => Message::new("diff-value-no").render(texts),
        Value::String(s) => match labels::choice(texts, path, s) {
            Some(name) => name,
            None => code(s),
        },
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => labels::choice(texts, path, s).unwrap_or_else(|| code(s)),
                other => code(&other.to_string()),
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => code(&other.to_string()),
    }
}

/// A value in a code span, which nothing inside can end early.
fn code(text: &str) -> String {
    format!("`{}`", one_line(text).replace('`', "'"))
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
            value("number", &Value::String("dua\nbaris `kode`".into()), id),
            "`dua baris 'kode'`"
        );
        assert_eq!(value("number", &Value::Null, id), "(kosong)");
        assert_eq!(value("public", &Value::Bool(false), id), "tidak");
        assert_eq!(escape("Kerja *sama*\n<b>"), "Kerja \\*sama\\* \\<b\\>");
        assert_eq!(
            escape("![x](y) &amp; ~~z~~"),
            "\\!\\[x\\](y) \\&amp; \\~\\~z\\~\\~"
        );
        assert_eq!(
            value("kind", &Value::String("mou".into()), id),
            id.text("kind-mou")
        );
        assert_eq!(
            value(
                "evaluations.obstacles",
                &serde_json::json!(["anggaran", "koordinasi"]),
                id
            ),
            format!(
                "{}, {}",
                id.text("obstacle-anggaran"),
                id.text("obstacle-koordinasi")
            )
        );
    }
}
