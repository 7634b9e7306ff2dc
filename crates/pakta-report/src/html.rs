//! The report as one standalone HTML page: the Markdown report rendered by
//! the site's safe Markdown renderer, so both formats always say the same.

use super::labels::{Lang, label};
use super::{Report, markdown};
use pakta_site::markdown_to_html as to_html;

pub fn render(report: &Report, lang: Lang) -> String {
    let title = format!(
        "{} — {} — {}",
        label(lang, "report-title"),
        report.unit_name,
        report.month
    );
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{}</main>\n</body>\n</html>\n",
        lang.code(),
        escape_html(&title),
        to_html(&markdown::render(report, lang))
    )
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;margin:2rem auto;max-width:72rem;padding:0 1rem}\
table{border-collapse:collapse;margin-bottom:1rem}th,td{border:1px solid #999;padding:.25rem .5rem;vertical-align:top}\
th{background:#eee}code{font-size:.9em}";

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
