//! The plain-text summary of an agreement: its `summary` key, else the
//! first paragraph of its body.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

pub fn first_paragraph(markdown: &str) -> String {
    let mut text = String::new();
    let mut inside = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
}
