//! The one escaper per output format, for editors' text placed in markup
//! pakta writes: HTML and XML (pages, SVG charts, feeds, sitemaps) and
//! Markdown (reports, `pakta diff`).

use crate::schema::characters;

/// Text for HTML or XML content and attribute values. `'` becomes `&#39;`,
/// which both read; characters XML 1.0 forbids (control characters,
/// U+FFFE, U+FFFF) and carriage returns are dropped, so a feed stays
/// well-formed whatever a text holds.
pub fn html(text: &str) -> String {
    // Most texts need nothing: a byte scan is much cheaper than the loop
    // below. 0xC2 starts the C1 control characters and 0xEF the
    // non-characters U+FFFE and U+FFFF (and others, which the loop keeps).
    let plain = |b: &u8| {
        !matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0x7f | 0xc2 | 0xef)
            && (*b >= 0x20 || *b == b'\n' || *b == b'\t')
    };
    if text.as_bytes().iter().all(plain) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if !characters::is_allowed(c, true) || c == '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Editors' text as one line of Markdown that reads as written: every
/// character that could start Markdown or HTML (emphasis, code, links,
/// images, headings, entities, strikethrough) or end a table cell is
/// escaped with a backslash, and line breaks become spaces.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '&' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(html("plain text"), "plain text");
        assert_eq!(
            html("a & <b> \"c\" 'd'"),
            "a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39;"
        );
        assert_eq!(html("a\u{7}b\u{85}c\u{fffe}\r\nd\te"), "abc\nd\te");
        assert_eq!(html("Pémilu ©"), "Pémilu ©");
        assert_eq!(html("Pemilu © 2029\tbaru\n"), "Pemilu © 2029\tbaru\n");
        assert_eq!(html("x\u{1}y\u{7f}z\u{85}é"), "xyzé");
        assert_eq!(html("a\u{fffe}b\u{ffff}c\u{fffd}"), "abc\u{fffd}");
    }

    #[test]
    fn markdown_cannot_break_a_table_or_inject_markup() {
        assert_eq!(
            markdown("A | B <script>\n*x*"),
            "A \\| B \\<script\\> \\*x\\*"
        );
        assert_eq!(markdown("![img](x)"), "\\!\\[img\\](x)");
        assert_eq!(markdown("&amp; ~~s~~"), "\\&amp; \\~\\~s\\~\\~");
        assert_eq!(markdown("# h_1 `c` \\"), "\\# h\\_1 \\`c\\` \\\\");
        assert_eq!(markdown("Kerja sama"), "Kerja sama");
    }

    #[test]
    fn markdown_renders_back_to_the_text() {
        // Rendered by CommonMark, the escaped text is the text itself.
        let text = "a *b* _c_ [d](e) ![f](g) <h> &amp; ~~i~~ `j` #k | l \\ m";
        let rendered = markdown(text);
        for c in ['*', '_', '[', '!', '<', '&', '~', '`', '#', '|'] {
            assert_eq!(
                rendered.matches(&format!("\\{c}")).count(),
                text.matches(c).count(),
                "{c}"
            );
        }
    }
}
