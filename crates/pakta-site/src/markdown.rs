//! Markdown from editors, rendered so that nothing in it can run: raw HTML
//! is shown as text and links or images with an unsafe scheme lose it.
//!
//! A filter over pulldown-cmark's events rather than an HTML sanitiser
//! (ammonia) after rendering: raw HTML never becomes markup in the first
//! place, so there is nothing to parse again and clean, which keeps the
//! agreement pages cheap to render.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Editors' Markdown as safe HTML: raw HTML shown as text, unsafe link
/// and image schemes dropped.
pub(crate) fn to_html(markdown: &str) -> String {
    let outline = Outline::of(markdown);
    render(markdown, outline.published(markdown), 0)
}

/// Editors' Markdown placed under a heading of `level` on a page: its
/// headings move down together so that the text's top heading sits one
/// level below (capped at `h6`), keeping the page's outline its own and
/// without a skipped level (a text whose sections start at `##` gets
/// `h3` under an `h2`, like one that starts at `#`).
pub(crate) fn to_html_under(markdown: &str, level: usize) -> String {
    // The top heading is known only at the end of the text: see `Outline`.
    let outline = Outline::of(markdown);
    let shift = outline.top.map_or(0, |top| (level + 1).saturating_sub(top));
    render(markdown, outline.published(markdown), shift)
}

/// What a first pass over the text learns, so that the second can render
/// it as it streams: the events are parsed twice rather than kept (a kept
/// event costs about 80 bytes, and hostile Markdown makes one of nearly
/// every byte), and only the headings are remembered.
struct Outline {
    /// The text's top heading level, if it has headings.
    top: Option<usize>,
    /// Event positions (first and last) of the headings left out: those
    /// that nothing follows before the next heading of their level or
    /// above (the usual sections `pakta new` writes, never filled in). An
    /// empty section is not published, and `check` warns about it; a
    /// section holding only empty sub-sections goes too.
    empty: Vec<(usize, usize)>,
}

/// A heading's event positions and level, and whether anything but a
/// heading follows it before the next heading.
struct HeadingSpan {
    start: usize,
    end: usize,
    level: usize,
    content_after: bool,
}

impl Outline {
    fn of(markdown: &str) -> Outline {
        let mut headings: Vec<HeadingSpan> = Vec::new();
        let mut open: Option<(usize, usize)> = None;
        for (i, event) in Parser::new_ext(markdown, OPTIONS).enumerate() {
            match event {
                Event::Start(Tag::Heading { level, .. }) => open = Some((i, level as usize)),
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((start, level)) = open.take() {
                        headings.push(HeadingSpan {
                            start,
                            end: i,
                            level,
                            content_after: false,
                        });
                    }
                }
                _ if open.is_none() => {
                    if let Some(last) = headings.last_mut() {
                        last.content_after = true;
                    }
                }
                _ => {}
            }
        }
        let top = headings.iter().map(|h| h.level).min();
        // From the last heading back, so that a parent sees whether its
        // sub-sections stayed: the first kept heading after it decides.
        let mut empty = Vec::new();
        let mut next_kept_level: Option<usize> = None;
        for heading in headings.iter().rev() {
            let is_empty =
                !heading.content_after && next_kept_level.is_none_or(|next| next <= heading.level);
            if is_empty {
                empty.push((heading.start, heading.end));
            } else {
                next_kept_level = Some(heading.level);
            }
        }
        empty.reverse();
        Outline { top, empty }
    }

    /// The text's events without its empty sections' headings.
    fn published<'a>(&self, markdown: &'a str) -> impl Iterator<Item = Event<'a>> {
        let mut empty = self.empty.clone().into_iter().peekable();
        Parser::new_ext(markdown, OPTIONS)
            .enumerate()
            .filter_map(move |(i, event)| {
                while empty.peek().is_some_and(|&(_, end)| end < i) {
                    empty.next();
                }
                match empty.peek() {
                    Some(&(start, end)) if (start..=end).contains(&i) => None,
                    _ => Some(event),
                }
            })
    }
}

const OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH);

fn shifted(heading: HeadingLevel, by: usize) -> HeadingLevel {
    let level = (heading as usize + by).min(6);
    HeadingLevel::try_from(level).unwrap_or(HeadingLevel::H6)
}

fn render<'a>(markdown: &str, parsed: impl IntoIterator<Item = Event<'a>>, shift: usize) -> String {
    let events = parsed.into_iter().map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: defuse(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: defuse(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: shifted(level, shift),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shifted(level, shift))),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

fn defuse(url: CowStr<'_>) -> CowStr<'_> {
    if is_safe_url(&url) {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

/// Relative links, fragments and `http`, `https` or `mailto` URLs. Browsers
/// ignore tabs, newlines and leading control characters inside a scheme, so
/// those are dropped before the scheme is read.
pub(crate) fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .collect();
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if cleaned.as_bytes()[i] == b':' => {
            let scheme = cleaned[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_cannot_break_a_table_or_inject_markup() {
        assert_eq!(
            pakta_content::escape::markdown("A | B <script>\n*x*"),
            "A \\| B \\<script\\> \\*x\\*"
        );
        let html = to_html(&format!(
            "| a |\n|---|\n| {} |\n",
            pakta_content::escape::markdown("[x](javascript:alert(1)) | <b>")
        ));
        assert!(!html.contains("<a"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn empty_sections_are_left_out() {
        let html = to_html(
            "Pembuka.\n\n## Latar Belakang\n\n## Maksud\n\nIsi.\n\n## Ruang Lingkup\n\n### Rincian\n\n## Jangka Waktu\n",
        );
        assert_eq!(html, "<p>Pembuka.</p>\n<h2>Maksud</h2>\n<p>Isi.</p>\n");
        let under = to_html_under("## A\n\n### B\n\nIsi.\n\n## C\n", 2);
        assert_eq!(under, "<h3>A</h3>\n<h4>B</h4>\n<p>Isi.</p>\n");
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("Teks <script>alert(1)</script>\n\n<div onclick=\"x\">blok</div>\n");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<div"), "{html}");
    }

    #[test]
    fn unsafe_link_schemes_are_removed() {
        let html = to_html(
            "[a](javascript:alert(1)) [b](JaVa\tScRiPt:x) ![c](data:text/html,x) [d](https://kpu.go.id) [e](../x/)",
        );
        assert!(!html.to_lowercase().contains("javascript"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains("href=\"https://kpu.go.id\""), "{html}");
        assert!(html.contains("href=\"../x/\""), "{html}");
    }

    #[test]
    fn headings_sit_below_the_page_heading_and_stop_at_six() {
        let html = to_html_under("# Satu\n\n## Dua\n\n##### Lima\n\n###### Enam\n\nIsi.\n", 2);
        assert_eq!(
            html,
            "<h3>Satu</h3>\n<h4>Dua</h4>\n<h6>Lima</h6>\n<h6>Enam</h6>\n<p>Isi.</p>\n"
        );
        let sections = to_html_under("## Maksud\n\n### Rincian\n\nIsi.\n", 2);
        assert_eq!(sections, "<h3>Maksud</h3>\n<h4>Rincian</h4>\n<p>Isi.</p>\n");
        assert_eq!(to_html("# Satu\n\nIsi.\n"), "<h1>Satu</h1>\n<p>Isi.</p>\n");
    }

    #[test]
    fn safe_urls() {
        assert!(is_safe_url("https://a.b/c"));
        assert!(is_safe_url("mailto:x@y.z"));
        assert!(is_safe_url("/rel/a:b"));
        assert!(is_safe_url("#top"));
        assert!(!is_safe_url(" javascript:x"));
        assert!(!is_safe_url("vbscript:x"));
        assert!(!is_safe_url("\u{1}javascript:x"));
    }

    proptest::proptest! {
        #![proptest_config(pakta_testkit::hostile_text::config())]

        #[test]
        fn any_markdown_renders_without_raw_html(text in pakta_testkit::hostile_text::text()) {
            let html = to_html(&text);
            proptest::prop_assert!(!html.contains("<script"));
            proptest::prop_assert!(!html.to_ascii_lowercase().contains("href=\"javascript:"));
        }
    }
}
