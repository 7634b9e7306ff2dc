//! `pakta report --format md|html`: the report through the view and the
//! theme of the site's report page (`report.md` beside `report.html`), so
//! the command and the site say the same. Its links are absolute (a
//! report is pasted into a letter); the HTML format is that Markdown
//! through the site's safe renderer, as one standalone page.

use std::path::Path;

use super::markdown::to_html;
use super::reports::{ListLength, report_pages};
use super::theme::{Theme, describe};
use super::views::Links;
use pakta_content::escape;
use pakta_content::i18n::Lang;
use pakta_content::message::Message;
use pakta_model::{Model, UnitIx};
use pakta_report::Report;

/// A format of [`render`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportDocument {
    /// Markdown, to paste into a letter or an issue.
    Markdown,
    /// One page that needs nothing beside it (no theme files, no assets).
    Html,
}

/// `report` of `unit` in `lang`, with the site's theme (from `root`,
/// `[site] theme`). A theme that cannot be read or rendered is the error.
pub fn render(
    root: &Path,
    model: &Model,
    (unit, report): (UnitIx, &Report),
    lang: Lang,
    format: ReportDocument,
) -> Result<String, Message> {
    let theme = Theme::load_one(root, model.config.site.theme.as_deref(), lang, "report.md")
        .map_err(|e| e.0)?;
    let links = Links::new(&model.config.site.base_url);
    // Absolute, since the text is read away from the site.
    let links = Links {
        base: links.absolute.clone(),
        absolute: links.absolute,
    };
    let pages = report_pages(model, model.config.reports.months);
    let view = pages.page(
        model,
        &links,
        &theme.texts,
        lang,
        (unit, report),
        ListLength::Whole,
    );
    let mut context = tera::Context::new();
    context.insert("page", &view);
    let markdown = theme
        .tera
        .render("report.md", &context)
        .map_err(|e| Message::new("as-reported").arg("detail", describe(&e)))?;
    Ok(match format {
        ReportDocument::Markdown => markdown,
        ReportDocument::Html => format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{}</main>\n</body>\n</html>\n",
            lang.code(),
            escape::html(&view.title),
            to_html(&markdown)
        ),
    })
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;margin:2rem auto;max-width:72rem;padding:0 1rem}\
table{border-collapse:collapse;margin-bottom:1rem}th,td{border:1px solid #999;padding:.25rem .5rem;vertical-align:top}\
th{background:#eee}code{font-size:.9em}";
