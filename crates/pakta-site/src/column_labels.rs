//! The column labels of stacked table rows on a phone, as a stylesheet
//! made from the message catalog (`assets/labels.css`, imported by
//! `style.css`). Written once for the site rather than as an attribute on
//! every cell: a table row appears in a dozen pages, and the labels on
//! every cell were a tenth of a national site.

use pakta_content::i18n::Texts;

/// The site path of the stylesheet below `assets/`.
pub(crate) const FILE: &str = "labels.css";

/// Each table whose rows stack on a phone (class `stack` in the theme),
/// with the catalog key of each column's label: the key of the column's
/// heading in its template, so that a stacked cell is labelled as on a
/// wide screen. `None` for a
/// column that needs none (an agreement's title, a scorecard measure's
/// name are their own labels).
const TABLES: &[(&str, &[Option<&str>])] = &[
    (
        "table.agreements",
        &[
            None,
            Some("unit"),
            Some("status"),
            Some("latest-stage"),
            Some("expires"),
        ],
    ),
    (
        "table.scorecard",
        &[
            None,
            Some("score-value"),
            Some("score-counts"),
            Some("score-formula"),
        ],
    ),
    (
        "table.report-activities",
        &[
            Some("report-date"),
            Some("report-agreement"),
            Some("title"),
            Some("report-type"),
            Some("report-participants"),
        ],
    ),
    (
        "table.report-evaluations",
        &[
            Some("report-date"),
            Some("report-agreement"),
            Some("report-result"),
            Some("report-method"),
            Some("report-obstacles"),
            Some("report-recommendation"),
        ],
    ),
    (
        "table.revisions",
        &[
            Some("date"),
            Some("author"),
            Some("subject"),
            Some("commit"),
        ],
    ),
];

/// The stylesheet: inside the phone layout's media query, a `::before`
/// label on each cell of the stacked tables.
pub(crate) fn stylesheet(texts: &Texts) -> Vec<u8> {
    let mut css = String::from("@media (max-width: 40rem) {\n");
    for (table, columns) in TABLES {
        for (n, key) in columns.iter().enumerate() {
            if let Some(key) = key {
                css.push_str(&format!(
                    "  {table} td:nth-child({}):not(:empty)::before {{ content: \"{}: \"; }}\n",
                    n + 1,
                    css_string(texts.text(key))
                ));
            }
        }
    }
    css.push_str("}\n");
    css.into_bytes()
}

/// Text inside a CSS double-quoted string: quotes and backslashes escaped,
/// any other character below a space as a hexadecimal escape.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pakta_content::i18n::Lang;

    #[test]
    fn every_stacked_cell_gets_its_columns_label_in_the_sites_language() {
        let css = String::from_utf8(stylesheet(Texts::default_for(Lang::Id))).unwrap();
        assert!(css.starts_with("@media (max-width: 40rem) {\n"), "{css}");
        assert!(
            css.contains(
                "table.agreements td:nth-child(2):not(:empty)::before { content: \"Satuan kerja: \"; }"
            ),
            "{css}"
        );
        assert!(css.contains("table.revisions td:nth-child(4)"), "{css}");
        assert!(
            !css.contains("table.agreements td:nth-child(1)"),
            "the title labels itself: {css}"
        );
        let english = String::from_utf8(stylesheet(Texts::default_for(Lang::En))).unwrap();
        assert!(english.contains("content: \"Expires: \""), "{english}");
    }

    #[test]
    fn labels_cannot_break_out_of_their_string() {
        assert_eq!(css_string("a\"b\\c\nd"), "a\\\"b\\\\c\\a d");
    }
}
