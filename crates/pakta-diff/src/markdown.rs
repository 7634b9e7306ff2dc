//! The summary as Markdown for a pull-request comment or the GitHub job
//! summary, in Indonesian since editors and reviewers read it.

use std::fmt::Write;

use serde_json::Value;

use super::labels;
use super::{Change, Entry, Report, Side};

/// The report as a pull-request comment, in Indonesian.
pub fn render_markdown(report: &Report) -> String {
    let mut out = String::from("## Ringkasan perubahan kerja sama\n\n");
    let _ = writeln!(
        out,
        "Dibandingkan `{}` ({}) → `{}` ({}); status dihitung per {}.",
        report.base.rev,
        short(&report.base.commit),
        report.head.rev,
        short(&report.head.commit),
        report.today
    );
    for (side, name) in [(&report.base, "dasar"), (&report.head, "perubahan")] {
        warn_errors(&mut out, side, name);
    }
    out.push('\n');
    if report.is_empty() {
        out.push_str("Tidak ada perubahan pada kerja sama.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "**{} ditambahkan, {} dihapus, {} dipindahkan, {} diubah.**",
        report.added.len(),
        report.removed.len(),
        report.renamed.len(),
        report.changed.len()
    );
    section(&mut out, "Ditambahkan", &report.added);
    section(&mut out, "Dihapus", &report.removed);
    if !report.renamed.is_empty() {
        out.push_str("\n### Dipindahkan atau diganti nama\n\n");
        for rename in &report.renamed {
            let _ = writeln!(out, "- `{}` → `{}`", rename.from, rename.to);
        }
    }
    if !report.changed.is_empty() {
        out.push_str("\n### Diubah\n");
        for change in &report.changed {
            changed(&mut out, change);
        }
    }
    for (title, units) in [
        ("Unit baru", &report.units_added),
        ("Unit dihapus", &report.units_removed),
    ] {
        if !units.is_empty() {
            let _ = write!(out, "\n### {title}\n\n");
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

fn warn_errors(out: &mut String, side: &Side, name: &str) {
    if side.errors > 0 {
        let _ = write!(
            out,
            "\n> **Perhatian:** revisi {name} `{}` memiliki {} galat validasi; ringkasan ini hanya memuat berkas yang terbaca. Jalankan `pakta check` untuk rinciannya.\n",
            side.rev, side.errors
        );
    }
}

fn section(out: &mut String, title: &str, entries: &[Entry]) {
    if entries.is_empty() {
        return;
    }
    let _ = write!(out, "\n### {title}\n\n");
    for e in entries {
        let _ = write!(
            out,
            "- `{}` — {} ({}); tahap {}, status {}",
            e.id,
            escape(&e.title),
            labels::kind(e.kind),
            labels::stage(e.stage),
            labels::status(e.status)
        );
        if !e.flags.is_empty() {
            let flags: Vec<String> = e.flags.iter().map(|f| labels::flag(*f)).collect();
            let _ = write!(out, "; penanda: {}", flags.join(", "));
        }
        if !e.public {
            out.push_str("; tidak publik");
        }
        out.push('\n');
    }
}

fn changed(out: &mut String, c: &Change) {
    let _ = write!(out, "\n#### `{}` — {}\n\n", c.id, escape(&c.title));
    if let Some(from) = &c.renamed_from {
        let _ = writeln!(out, "- Sebelumnya `{from}`");
    }
    if let Some(t) = &c.stage {
        let _ = writeln!(
            out,
            "- Tahap: {} → {}",
            labels::stage(t.from),
            labels::stage(t.to)
        );
    }
    if let Some(t) = &c.status {
        let _ = writeln!(
            out,
            "- Status: {} → {}",
            labels::status(t.from),
            labels::status(t.to)
        );
    }
    let flags = |list: &[pakta_model::Flag]| -> String {
        list.iter()
            .map(|f| labels::flag(*f))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !c.flags_added.is_empty() {
        let _ = writeln!(out, "- Penanda baru: {}", flags(&c.flags_added));
    }
    if !c.flags_removed.is_empty() {
        let _ = writeln!(out, "- Penanda selesai: {}", flags(&c.flags_removed));
    }
    for f in &c.fields {
        let _ = writeln!(
            out,
            "- `{}`: {} → {}",
            f.field,
            value(&f.from),
            value(&f.to)
        );
    }
    for (label, names) in [
        ("Mitra ditambahkan", &c.partners_added),
        ("Mitra dihapus", &c.partners_removed),
    ] {
        for name in names {
            let _ = writeln!(out, "- {label}: {}", escape(name));
        }
    }
    for (label, items) in [
        ("Kegiatan baru", &c.activities_added),
        ("Kegiatan dihapus", &c.activities_removed),
    ] {
        for item in items {
            let _ = writeln!(
                out,
                "- {label}: {} — {}",
                text(item, "date"),
                escape(&text(item, "title"))
            );
        }
    }
    for (label, items) in [
        ("Evaluasi baru", &c.evaluations_added),
        ("Evaluasi dihapus", &c.evaluations_removed),
    ] {
        for item in items {
            let _ = writeln!(
                out,
                "- {label}: {} — {}",
                text(item, "date"),
                labels::evaluation_result(&text(item, "result"))
            );
        }
    }
    for (label, items) in [
        ("Dokumen baru", &c.documents_added),
        ("Dokumen dihapus", &c.documents_removed),
    ] {
        for item in items {
            let _ = writeln!(out, "- {label}: {}", escape(&text(item, "title")));
        }
    }
    if c.body_changed {
        out.push_str("- Teks naskah diubah\n");
    }
}

fn text(item: &Value, key: &str) -> String {
    match item.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn value(v: &Value) -> String {
    match v {
        Value::Null => "(kosong)".to_string(),
        Value::String(s) => format!("`{}`", one_line(s).replace('`', "'")),
        Value::Bool(true) => "ya".to_string(),
        Value::Bool(false) => "tidak".to_string(),
        other => format!("`{other}`"),
    }
}

/// Multi-line values would break the list they are shown in.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Keeps titles from being read as Markdown or HTML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_stay_on_one_line_and_titles_stay_text() {
        assert_eq!(
            value(&Value::String("dua\nbaris `kode`".into())),
            "`dua baris 'kode'`"
        );
        assert_eq!(value(&Value::Null), "(kosong)");
        assert_eq!(value(&Value::Bool(false)), "tidak");
        assert_eq!(escape("Kerja *sama*\n<b>"), "Kerja \\*sama\\* \\<b\\>");
    }
}
