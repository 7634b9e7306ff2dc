//! `pakta report --format html`: one standalone page, the Markdown report
//! rendered by the site's safe Markdown renderer, so the Markdown and HTML
//! formats always say the same and editors' text stays text.

use super::markdown::to_html;
use pakta_content::escape;
use pakta_content::i18n::{Lang, Texts};
use pakta_report::{Report, markdown};

/// The report as a page that needs nothing beside it (no theme, no assets).
pub fn render(report: &Report, texts: &Texts, lang: Lang) -> String {
    let title = report.title(texts, lang);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{}</main>\n</body>\n</html>\n",
        lang.code(),
        escape::html(&title),
        to_html(&markdown::render(report, texts, lang))
    )
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;margin:2rem auto;max-width:72rem;padding:0 1rem}\
table{border-collapse:collapse;margin-bottom:1rem}th,td{border:1px solid #999;padding:.25rem .5rem;vertical-align:top}\
th{background:#eee}code{font-size:.9em}";
