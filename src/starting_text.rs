//! The file a unit page's "Tambah perjanjian" link proposes on GitHub:
//! the text `pakta new` writes, for a partner and title the editor then
//! replaces, in the site's language. The site is handed this function
//! because the text belongs to `pakta new`, in this binary.

use chrono::NaiveDate;

use crate::scaffold::NewAgreement;
use pakta_content::i18n::Texts;
use pakta_content::message::Message;
use pakta_content::{Category, Kind};
use pakta_site::NewAgreementFile;

pub(crate) fn new_agreement_file(
    unit_path: &str,
    unit_name: &str,
    today: NaiveDate,
    texts: &Texts,
) -> NewAgreementFile {
    let new = NewAgreement {
        unit: unit_path.to_string(),
        unit_name: unit_name.to_string(),
        kind: Kind::Mou,
        partner: Message::new("new-link-partner").render(texts),
        category: Category::Other,
        title: Message::new("new-link-title").render(texts),
        slug: None,
        today,
    };
    NewAgreementFile {
        name: format!("{}.md", new.file_stem()),
        text: new.render(texts, texts),
    }
}
