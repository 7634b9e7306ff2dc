//! The links and images written in an agreement's text. An image from
//! another site is reported here (the page's Content-Security-Policy
//! blocks it, and the other site would learn who reads the page); a
//! relative address is kept, located, for the check to resolve against
//! the site, which only it knows.

use pakta_content::TextLink;
use pakta_content::diagnostics::{Diagnostic, Diagnostics, Excerpt, Severity};
use pakta_content::message::Message;
use pulldown_cmark::{Event, Options, Parser, Tag};

/// The relative links and images of the text at `body` in `text` (the
/// whole file, so that lines count from its top); external images are
/// reported to `diagnostics`.
pub(crate) fn read(
    path: &str,
    text: &str,
    body: std::ops::Range<usize>,
    diagnostics: &mut Diagnostics,
) -> Vec<TextLink> {
    let markdown = &text[body.clone()];
    // Inline links and images hold `](`, reference definitions `]:`;
    // autolinks (`<https://…>`) always name another site.
    if !markdown.contains("](") && !markdown.contains("]:") {
        return Vec::new();
    }
    let mut place = Place::new(text);
    let mut links = Vec::new();
    let options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH);
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        let (target, image) = match event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            _ => continue,
        };
        let target = target.trim();
        match Address::of(target) {
            Address::OtherSite if image => diagnostics.push(
                place
                    .warning(
                        path,
                        body.start + range.start,
                        "external-image",
                        Message::new("external-image").arg("url", target),
                    )
                    .with_help(Message::new("external-image.help")),
            ),
            Address::Relative => links.push(TextLink {
                target: target.to_string(),
                unresolved: place
                    .warning(
                        path,
                        body.start + range.start,
                        "dead-link",
                        Message::new("dead-link").arg("link", target),
                    )
                    .with_help(Message::new("dead-link.help")),
            }),
            Address::OtherSite | Address::InPage => {}
        }
    }
    links
}

/// Lines and columns of offsets met in increasing order, counted on from
/// the last one: a text of many links on one long line is read once, not
/// once per link.
struct Place<'t> {
    text: &'t str,
    offset: usize,
    line: u32,
    line_start: usize,
    column: u32,
}

/// Lines longer than this are not copied into each warning's excerpt: a
/// text of thousands of links on one line would otherwise hold thousands
/// of copies of it.
const MAX_EXCERPT_BYTES: usize = 300;

impl<'t> Place<'t> {
    fn new(text: &'t str) -> Self {
        Place {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
            column: 1,
        }
    }

    /// A warning at `offset` (in the whole file).
    fn warning(
        &mut self,
        path: &str,
        offset: usize,
        code: &'static str,
        message: Message,
    ) -> Diagnostic {
        self.advance(offset);
        let line_end = self.text[self.line_start..]
            .find('\n')
            .map_or(self.text.len(), |i| self.line_start + i);
        let line_text = self.text[self.line_start..line_end].trim_end_matches('\r');
        Diagnostic {
            severity: Severity::Warning,
            file: path.to_string(),
            line: self.line,
            column: self.column,
            code,
            message,
            help: None,
            excerpt: (line_text.len() <= MAX_EXCERPT_BYTES
                && !line_text.chars().any(char::is_control))
            .then(|| Excerpt {
                text: line_text.to_string(),
                underline: 1,
            }),
        }
    }

    fn advance(&mut self, to: usize) {
        let mut to = to.clamp(self.offset, self.text.len());
        while !self.text.is_char_boundary(to) {
            to -= 1;
        }
        for (i, c) in self.text[self.offset..to].char_indices() {
            if c == '\n' {
                self.line = self.line.saturating_add(1);
                self.line_start = self.offset + i + 1;
                self.column = 1;
            } else {
                self.column = self.column.saturating_add(1);
            }
        }
        self.offset = to;
    }
}

/// What kind of address a link holds.
#[derive(Debug, PartialEq, Eq)]
enum Address {
    /// A scheme (`https:`, `mailto:`, even `javascript:`, which the site
    /// removes) or a protocol-relative `//host`.
    OtherSite,
    /// A fragment of the same page, or nothing.
    InPage,
    /// A path on this site, relative to the page or to the host.
    Relative,
}

impl Address {
    fn of(target: &str) -> Address {
        let target = target.trim();
        if target.is_empty() || target.starts_with('#') {
            return Address::InPage;
        }
        if target.starts_with("//") || target.starts_with("\\\\") {
            return Address::OtherSite;
        }
        match target.find([':', '/', '?', '#']) {
            Some(i) if target.as_bytes()[i] == b':' => Address::OtherSite,
            _ => Address::Relative,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_told_apart() {
        for (target, kind) in [
            ("https://kpu.go.id/a.png", Address::OtherSite),
            ("//tracker.example/p.gif", Address::OtherSite),
            ("mailto:a@b.id", Address::OtherSite),
            ("#bagian", Address::InPage),
            ("", Address::InPage),
            ("../2025-mou-uns/", Address::Relative),
            ("/kerjasama/files/a.pdf", Address::Relative),
            ("a:b/c", Address::OtherSite),
            ("a/b:c", Address::Relative),
        ] {
            assert_eq!(Address::of(target), kind, "{target}");
        }
    }

    #[test]
    fn external_images_are_reported_and_relative_links_kept_where_written() {
        let text = "+++\nx = 1\n+++\n\nTeks ![](https://tracker.example/p.gif)\n\n\
                    [naskah](../../../etc/passwd) [web](https://kpu.go.id) [sini](#a)\n\n\
                    [ref]: ../lain/\n\nLihat [ref].\n";
        let body = text.find("\nTeks").unwrap()..text.len();
        let mut diagnostics = Diagnostics::new();
        let links = read("agreements/a.md", text, body, &mut diagnostics);
        let reported = diagnostics.into_sorted();
        assert_eq!(reported.len(), 1, "{reported:#?}");
        assert_eq!(
            (reported[0].code, reported[0].line, reported[0].column),
            ("external-image", 5, 6)
        );
        let found: Vec<(&str, u32, u32)> = links
            .iter()
            .map(|l| (l.target.as_str(), l.unresolved.line, l.unresolved.column))
            .collect();
        assert_eq!(found, [("../../../etc/passwd", 7, 1), ("../lain/", 11, 7)]);
    }
}
