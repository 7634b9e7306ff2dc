//! The report as Markdown, ready to paste into a letter or an issue.

use std::fmt::Write;

use super::{Report, UnitLine};
use pakta_content::escape::markdown as escape;
use pakta_content::i18n::{Lang, Texts};
use pakta_content::{Category, Kind};
use pakta_model::Status;

/// The report in `lang`, its texts from `texts` (the catalog of `lang`).
pub fn render(report: &Report, texts: &Texts, lang: Lang) -> String {
    let t = |key: &str| texts.text(key).to_string();
    let mut out = String::new();
    let unit_path = if report.unit.is_empty() {
        ".".to_string()
    } else {
        report.unit.clone()
    };
    let _ = writeln!(out, "# {}\n", escape(&report.title(texts, lang)));
    let in_progress = if report.in_progress() {
        format!(" ({})", t("report-in-progress"))
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "{}: {} (`{unit_path}`)  \n{}: {} · {} {}{in_progress}\n",
        t("report-unit"),
        escape(&report.unit_name),
        t("report-month"),
        lang.period_words(&report.month.to_string()),
        t("report-as-of"),
        lang.long_date(report.as_of)
    );
    let (findings_heading, figures_heading) = if report.in_progress() {
        ("report-findings-so-far", "report-figures-so-far")
    } else {
        ("report-findings", "report-figures")
    };

    let _ = writeln!(out, "## {}\n", t("report-events"));
    let _ = writeln!(
        out,
        "| | {} | {} |\n|---|---:|---|",
        t("report-count"),
        t("report-agreements")
    );
    for (key, ids) in [
        ("report-signed", &report.signed),
        ("report-started", &report.started),
        ("report-expired", &report.expired),
        ("report-renewed", &report.renewed),
        ("report-terminated", &report.terminated),
    ] {
        let _ = writeln!(out, "| {} | {} | {} |", t(key), ids.len(), id_list(ids));
    }
    out.push('\n');

    let _ = writeln!(
        out,
        "## {} ({})\n",
        t("report-activities"),
        report.activities.len()
    );
    if report.activities.is_empty() {
        let _ = writeln!(out, "{}\n", t("report-none"));
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |\n|---|---|---|---|---:|",
            t("report-date"),
            t("report-agreement"),
            t("title"),
            t("report-type"),
            t("report-participants")
        );
        for a in &report.activities {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} | {} |",
                lang.long_date(a.date),
                a.agreement,
                escape(&a.title),
                a.activity_type
                    .map_or(String::new(), |x| t(&format!("activity-type-{x}"))),
                a.participants.map_or(String::new(), |n| n.to_string())
            );
        }
        out.push('\n');
    }

    let _ = writeln!(
        out,
        "## {} ({})\n",
        t("report-evaluations"),
        report.evaluations.len()
    );
    if report.evaluations.is_empty() {
        let _ = writeln!(out, "{}\n", t("report-none"));
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|",
            t("report-date"),
            t("report-agreement"),
            t("report-result"),
            t("report-method"),
            t("report-obstacles"),
            t("report-recommendation")
        );
        for e in &report.evaluations {
            let obstacles: Vec<String> = e
                .obstacles
                .iter()
                .map(|o| t(&format!("obstacle-{o}")))
                .collect();
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} | {} | {} |",
                lang.long_date(e.date),
                e.agreement,
                t(&format!("eval-{}", e.result)),
                e.method
                    .map_or(String::new(), |m| t(&format!("method-{m}"))),
                obstacles.join(", "),
                e.recommendation
                    .map_or(String::new(), |r| t(&format!("recommendation-{r}")))
            );
        }
        out.push('\n');
    }

    let _ = writeln!(
        out,
        "## {} ({})\n",
        t("report-changes"),
        report.changes.len()
    );
    if let Some(note) = &report.history_note {
        let _ = writeln!(out, "{}: {}.\n", t("report-no-history"), escape(note));
    } else if report.changes.is_empty() {
        let _ = writeln!(out, "{}\n", t("report-none"));
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |\n|---|---|---|---|",
            t("report-date"),
            t("report-commit"),
            t("report-subject"),
            t("report-agreements")
        );
        for c in &report.changes {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} |",
                lang.long_date(c.date),
                c.commit.get(..10).unwrap_or(&c.commit),
                escape(&c.subject),
                id_list(&c.agreements)
            );
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## {}\n", t(findings_heading));
    let _ = writeln!(
        out,
        "| | {} | {} |\n|---|---:|---|",
        t("report-count"),
        t("report-agreements")
    );
    for (key, ids) in report.findings.entries() {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            t(&format!("flag-{key}")),
            ids.len(),
            id_list(ids)
        );
    }
    out.push('\n');

    let figures = &report.figures;
    let _ = writeln!(
        out,
        "## {}\n\n{}: {}\n",
        t(figures_heading),
        t("report-agreements"),
        figures.agreements
    );
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.code()).collect();
    let categories: Vec<&str> = Category::ALL.iter().map(|c| c.code()).collect();
    for (heading, prefix, order, counts) in [
        ("by-status", "status", &statuses, &figures.by_status),
        ("by-kind", "kind", &kinds, &figures.by_kind),
        ("by-category", "category", &categories, &figures.by_category),
    ] {
        let _ = writeln!(
            out,
            "### {}\n\n| | {} |\n|---|---:|",
            t(heading),
            t("report-count")
        );
        // In the content format's order, as the site lists them.
        let nonzero = order
            .iter()
            .filter_map(|value| counts.get(value).filter(|n| **n > 0).map(|n| (value, n)));
        for (value, n) in nonzero {
            let _ = writeln!(out, "| {} | {n} |", t(&format!("{prefix}-{value}")));
        }
        out.push('\n');
    }

    if !report.units.is_empty() {
        let _ = writeln!(out, "## {}\n", t("report-by-unit"));
        let mut header = vec![
            t("report-unit"),
            t("report-agreements"),
            t("report-in-force"),
            t("report-signed"),
            t("report-started"),
            t("report-expired"),
            t("report-renewed"),
            t("report-terminated"),
            t("report-activities"),
            t("report-participants"),
            t("report-evaluations"),
        ];
        header.extend(
            report
                .total
                .findings
                .entries()
                .iter()
                .map(|(key, _)| t(&format!("flag-{key}"))),
        );
        let _ = writeln!(out, "| {} |", header.join(" | "));
        let _ = writeln!(out, "|---|{}", "---:|".repeat(header.len() - 1));
        for line in &report.units {
            let _ = writeln!(out, "{}", unit_row(&escape(&line.name), line));
        }
        let _ = writeln!(
            out,
            "{}",
            unit_row(&format!("**{}**", t("report-total")), &report.total)
        );
    }
    out
}

fn unit_row(name: &str, line: &UnitLine) -> String {
    let mut cells = vec![
        name.to_string(),
        line.agreements.to_string(),
        line.in_force.to_string(),
        line.signed.to_string(),
        line.started.to_string(),
        line.expired.to_string(),
        line.renewed.to_string(),
        line.terminated.to_string(),
        line.activities.to_string(),
        line.participants.to_string(),
        line.evaluations.to_string(),
    ];
    cells.extend(line.findings.entries().iter().map(|(_, n)| n.to_string()));
    format!("| {} |", cells.join(" | "))
}

fn id_list(ids: &[String]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editors_text_cannot_break_a_table_or_inject_markup() {
        assert_eq!(
            escape("A | B <script>\n*x*"),
            "A \\| B \\<script\\> \\*x\\*"
        );
    }
}
