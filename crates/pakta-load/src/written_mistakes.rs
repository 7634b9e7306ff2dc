//! Dates written as people write them on paper (`signed = 10-06-2024`,
//! `10/06/2024`, `10 Juni 2024`) or days the calendar lacks
//! (`2028-02-30`) stop the TOML parser, which would then hide every other
//! problem of the file behind one English sentence. They are found here
//! first, line by line, each reported with its rewrite, and replaced by a
//! value of the same length, so the parser goes on and every byte offset
//! still points into the file as written.

use pakta_content::diagnostics::{Diagnostic, SourceFile, Span};
use pakta_content::message::Message;
use pakta_content::schema::impossible_date;
use pakta_content::schema::written_dates::{WrittenDate, last_day_of_month, read_written_date};

/// The front matter with its known mistakes replaced.
pub(crate) struct Repaired {
    /// The TOML text, the same length as written.
    pub(crate) text: String,
    /// Where a value was replaced by a stand-in (`1`) that no one wrote:
    /// the reader's complaints about these places are not the editor's.
    pub(crate) stand_ins: Vec<Span>,
    /// One diagnostic for each mistake, with its rewrite.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Finds bare dates that TOML refuses in `toml`, the front matter that
/// starts at byte `base` of `file`. `None` when there are none, which is
/// nearly always: the text is then parsed as it is.
pub(crate) fn repair_dates(file: &SourceFile, base: usize, toml: &str) -> Option<Repaired> {
    let mut repaired: Option<Repaired> = None;
    let mut open_string: Option<&'static str> = None;
    let mut line_start = 0;
    for line in toml.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        if let Some(delimiter) = open_string {
            if line.contains(delimiter) {
                open_string = None;
            }
            continue;
        }
        let Some((key, value_at, value)) = bare_assignment(line, &mut open_string) else {
            continue;
        };
        let Some(written) = read_written_date(value) else {
            continue;
        };
        let span = base + start + value_at..base + start + value_at + value.len();
        let (diagnostic, replacement) = match written {
            WrittenDate::YearFirst(_) => continue,
            WrittenDate::DayFirst(date) => {
                let iso = date.format("%Y-%m-%d").to_string();
                let diagnostic = Diagnostic::error(
                    file,
                    span.clone(),
                    "date-format",
                    Message::new("date-format")
                        .arg("key", key)
                        .arg("written", value),
                )
                .with_help(
                    Message::new("date-format.help")
                        .arg("key", key)
                        .arg("date", &iso),
                );
                (diagnostic, Some(iso))
            }
            WrittenDate::Impossible { year, month } => {
                let last_day = month.and_then(|m| last_day_of_month(year, m));
                // The month's last day keeps the file's other dates in
                // their order for the rules that compare them.
                let nearest = month
                    .zip(last_day)
                    .filter(|_| (1000..=9999).contains(&year))
                    .map(|(m, last)| format!("{year:04}-{m:02}-{last:02}"));
                let diagnostic = impossible_date(file, span.clone(), key, value, last_day);
                (diagnostic, nearest)
            }
        };
        let repaired = repaired.get_or_insert_with(|| Repaired {
            text: toml.to_string(),
            stand_ins: Vec::new(),
            diagnostics: Vec::new(),
        });
        repaired.diagnostics.push(diagnostic);
        let at = start + value_at..start + value_at + value.len();
        match replacement.filter(|r| r.len() == value.len()) {
            Some(date) => repaired.text.replace_range(at, &date),
            None => {
                let stand_in = format!("1{}", " ".repeat(value.len() - 1));
                repaired.text.replace_range(at, &stand_in);
                repaired.stand_ins.push(span);
            }
        }
    }
    repaired
}

/// `key = value` with a value that is not quoted, a list or a table: the
/// key, where the value starts in the line, and the value without its
/// comment. Notes a multi-line string opened on this line.
fn bare_assignment<'l>(
    line: &'l str,
    open_string: &mut Option<&'static str>,
) -> Option<(&'l str, usize, &'l str)> {
    let (key, rest) = line.split_once('=')?;
    let key = key.trim();
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
    {
        return None;
    }
    let after_equals = line.len() - rest.len();
    let value_at = after_equals + (rest.len() - rest.trim_start().len());
    let value = rest.trim_start();
    for delimiter in ["\"\"\"", "'''"] {
        if let Some(text) = value.strip_prefix(delimiter) {
            if !text.contains(delimiter) {
                *open_string = Some(delimiter);
            }
            return None;
        }
    }
    if value.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    let value = value.split('#').next().unwrap_or("").trim_end();
    (!value.is_empty()).then_some((key, value_at, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repair(toml: &str) -> Option<Repaired> {
        let file = SourceFile::new("a.md", format!("+++\n{toml}+++\n"));
        repair_dates(&file, 4, toml)
    }

    #[test]
    fn day_first_dates_are_rewritten_in_place() {
        let toml = "title = \"10-06-2024\"\n[dates]\nsigned = 10-06-2024 # tanda tangan\n";
        let repaired = repair(toml).expect("a mistake");
        assert_eq!(
            repaired.text,
            "title = \"10-06-2024\"\n[dates]\nsigned = 2024-06-10 # tanda tangan\n"
        );
        assert!(repaired.stand_ins.is_empty());
        assert_eq!(repaired.diagnostics.len(), 1);
        assert_eq!(repaired.diagnostics[0].code, "date-format");
        assert_eq!(
            (repaired.diagnostics[0].line, repaired.diagnostics[0].column),
            (4, 10)
        );
    }

    #[test]
    fn other_lengths_and_impossible_days_get_a_stand_in_or_the_last_day() {
        let toml = "a = 1/6/2024\nb = 2028-02-30\nc = 10 Juni 2024\nd = 2024-13-01\n";
        let repaired = repair(toml).expect("mistakes");
        assert_eq!(
            repaired.text,
            "a = 1       \nb = 2028-02-29\nc = 1           \nd = 1         \n"
        );
        let codes: Vec<&str> = repaired.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [
                "date-format",
                "impossible-date",
                "date-format",
                "impossible-date"
            ]
        );
        assert_eq!(repaired.stand_ins.len(), 3);
    }

    #[test]
    fn text_in_strings_and_valid_files_are_left_alone() {
        assert!(repair("signed = 2024-06-10\nn = 3\n").is_none());
        assert!(repair("notes = \"\"\"\nx = 10-06-2024\n\"\"\"\n").is_none());
        assert!(repair("notes = '''\nx = 10-06-2024\n'''\n").is_none());
        assert!(repair("p = { from = 10-06-2024 }\n").is_none());
    }
}
