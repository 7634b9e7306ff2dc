//! The plain-text summary of an agreement: its `summary` key, else the
//! first paragraph of its body.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

pub(crate) fn first_paragraph(markdown: &str) -> String {
    // pulldown-cmark parses a document's block structure before it yields
    // the first event, so parse growing prefixes cut at blank lines: the
    // first paragraph almost always ends within the first kilobyte.
    let mut limit = 1024;
    loop {
        let mut end = limit.min(markdown.len());
        while !markdown.is_char_boundary(end) {
            end -= 1;
        }
        let prefix = match markdown[..end].rfind("\n\n") {
            Some(cut) if end < markdown.len() => &markdown[..cut],
            _ => markdown,
        };
        if let Some(text) = paragraph_in(prefix) {
            return text;
        }
        if prefix.len() == markdown.len() {
            return String::new();
        }
        limit *= 4;
    }
}

fn paragraph_in(markdown: &str) -> Option<String> {
    let mut text = String::new();
    let mut inside = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => {
                return Some(text.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_first_paragraph_as_plain_text() {
        let body = "\n## Latar\n\nKerja sama *pendidikan*\npemilih `2025`.\n\nKedua.\n";
        assert_eq!(first_paragraph(body), "Kerja sama pendidikan pemilih 2025.");
        assert_eq!(first_paragraph(""), "");
        assert_eq!(first_paragraph("<b>tebal</b> teks\n\nKedua"), "tebal teks");
        assert_eq!(first_paragraph("<div>\nblok\n</div>\n\nTeks"), "Teks");
    }

    #[test]
    fn a_long_opening_block_does_not_hide_the_paragraph() {
        let fence = format!("```\n{}\n```\n\nSetelah kode.", "baris\n\n".repeat(600));
        assert_eq!(first_paragraph(&fence), "Setelah kode.");
        let long = format!("{}\n\nKedua.", "kata ".repeat(1000));
        assert_eq!(first_paragraph(&long), "kata ".repeat(1000).trim());
    }
}
