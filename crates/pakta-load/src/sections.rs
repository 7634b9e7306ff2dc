//! Headings with nothing under them: `pakta new` writes the usual
//! sections for the editor to fill in, and one left empty is not
//! published (the site drops it), so `check` points at it.

use pakta_content::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use pakta_content::message::Message;

/// Warns about every heading of the body (from `body_start`) whose section
/// holds nothing but blank lines and empty sub-sections.
pub(crate) fn check_empty_sections(
    path: &str,
    text: &str,
    body_start: usize,
    diagnostics: &mut Diagnostics,
) {
    let empty = empty_headings(&text[body_start..]);
    if empty.is_empty() {
        return;
    }
    let source = SourceFile::new(path, text);
    for (at, title) in empty {
        let at = body_start + at;
        diagnostics.push(
            Diagnostic::warning(
                &source,
                at..at + title.len(),
                "empty-section",
                Message::new("empty-section").arg("heading", title),
            )
            .with_help(Message::new("empty-section.help")),
        );
    }
}

/// One line of the body as far as sections go (a run of text lines as
/// one).
enum Line<'t> {
    Heading { level: usize, title: &'t str },
    Text,
}

/// The byte offset and text of each heading whose section is empty.
fn empty_headings(body: &str) -> Vec<(usize, &str)> {
    // Only headings and whether text came between them matter: blank lines
    // change nothing and a run of text lines counts as one, so a national
    // repository's bodies keep a few entries each, not one per line.
    let mut lines: Vec<(usize, Line<'_>)> = Vec::new();
    let text = |lines: &mut Vec<(usize, Line<'_>)>, at: usize| {
        if !matches!(lines.last(), Some((_, Line::Text))) {
            lines.push((at, Line::Text));
        }
    };
    let mut fence: Option<&str> = None;
    let mut offset = 0;
    for raw in body.split_inclusive('\n') {
        let at = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let indented = line.len() - line.trim_start_matches(' ').len();
        let trimmed = line.trim_start_matches(' ');
        if let Some(open) = fence {
            if indented < 4 && trimmed.starts_with(open) {
                fence = None;
            }
            text(&mut lines, at);
            continue;
        }
        if indented < 4 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            fence = Some(&trimmed[..3]);
            text(&mut lines, at);
            continue;
        }
        let level = trimmed.bytes().take_while(|&b| b == b'#').count();
        let rest = &trimmed[level..];
        let is_heading = indented < 4
            && (1..=6).contains(&level)
            && (rest.is_empty() || rest.starts_with([' ', '\t']));
        if is_heading {
            let title = rest.trim().trim_end_matches('#').trim_end();
            let title_at = at + indented + level + (rest.len() - rest.trim_start().len());
            lines.push((
                title_at.min(at + line.len()),
                Line::Heading { level, title },
            ));
        } else if !line.trim().is_empty() {
            text(&mut lines, at);
        }
    }
    // From the end: a section is empty when everything up to the next
    // heading of its level or above is blank or an empty sub-section.
    let mut empty = Vec::new();
    let mut open: Vec<(usize, bool)> = Vec::new(); // (level, has content)
    for (at, line) in lines.iter().rev() {
        match line {
            Line::Text => {
                open.clear();
                open.push((7, true));
            }
            Line::Heading { level, title } => {
                let mut has_content = false;
                while let Some((inner, content)) = open.last().copied() {
                    if inner <= *level {
                        break;
                    }
                    has_content |= content;
                    open.pop();
                }
                if !has_content {
                    empty.push((*at, *title));
                }
                open.push((*level, has_content));
            }
        }
    }
    empty.reverse();
    empty
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(body: &str) -> Vec<&str> {
        empty_headings(body).into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn empty_sections_and_their_empty_parents_are_found() {
        let body = "Pembuka.\n\n## Latar Belakang\n\n## Maksud\n\nIsi.\n\n## Ruang Lingkup\n\n### Rincian\n\n## Jangka Waktu\n";
        assert_eq!(
            titles(body),
            ["Latar Belakang", "Ruang Lingkup", "Rincian", "Jangka Waktu"]
        );
        let at = empty_headings(body)[0].0;
        assert_eq!(&body[at..at + 14], "Latar Belakang");
    }

    #[test]
    fn a_section_with_a_filled_sub_section_is_not_empty() {
        assert!(titles("## A\n\n### B\n\nIsi.\n").is_empty());
        assert!(titles("## A\n```\n## not a heading\n```\n").is_empty());
        assert!(titles("Teks tanpa judul.\n").is_empty());
        assert!(titles("#tagar\n").is_empty());
        assert_eq!(titles("## A\n\n\nIsi.\nLagi.\n\n## B\n\n\n"), ["B"]);
        assert_eq!(
            titles("## A\n```\nkode\n```\n## B\n### C\n\nIsi.\n"),
            Vec::<&str>::new()
        );
    }
}
