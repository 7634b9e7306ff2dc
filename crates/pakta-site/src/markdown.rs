//! Markdown from editors, rendered so that nothing in it can run: raw HTML
//! is shown as text and links or images with an unsafe scheme lose it.
//!
//! A filter over pulldown-cmark's events rather than an HTML sanitiser
//! (ammonia) after rendering: raw HTML never becomes markup in the first
//! place, so there is nothing to parse again and clean, which keeps the
//! agreement pages cheap to render.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

/// Editors' Markdown as safe HTML: raw HTML shown as text, unsafe link
/// and image schemes dropped.
pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
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
