//! The text of local PDF documents, page by page, as `pakta build` read
//! it (outside the model, in a bounded child process). The model only
//! carries it to the search index and the agreement pages.

use std::collections::BTreeMap;
use std::sync::Arc;

/// What was read from one document file. Cloned cheaply: the preview
/// keeps the texts of one rebuild for the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentText {
    /// The text of each page, the first page first.
    Pages(Arc<[String]>),
    /// The file is a PDF whose pages hold no text (a scan without a text
    /// layer): nothing to search, and editors are told.
    NoText,
}

impl DocumentText {
    /// The pages, when any holds text.
    pub fn pages(&self) -> Option<&[String]> {
        match self {
            DocumentText::Pages(pages) => Some(pages),
            DocumentText::NoText => None,
        }
    }

    /// Sorts pages without a letter or digit as [`DocumentText::NoText`].
    pub fn from_pages(pages: Vec<String>) -> DocumentText {
        if pages
            .iter()
            .any(|page| page.chars().any(char::is_alphanumeric))
        {
            DocumentText::Pages(pages.into())
        } else {
            DocumentText::NoText
        }
    }
}

/// Document texts by [`pakta_check::attachment_key`]; a file that could
/// not be read in time or memory is absent.
pub type DocumentTexts = BTreeMap<String, DocumentText>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_blanks_are_a_scan() {
        assert_eq!(
            DocumentText::from_pages(vec![" \n".into(), String::new()]),
            DocumentText::NoText
        );
        assert!(
            DocumentText::from_pages(vec![String::new(), "Pasal 1".into()])
                .pages()
                .is_some()
        );
    }
}
