//! The file a unit page's "Tambah perjanjian" link proposes on GitHub:
//! the text `pakta new` writes, for a partner and title the editor then
//! replaces, in the site's language. The site is handed this function
//! because the file's name belongs to `pakta new`, in this binary.

use chrono::{Datelike, NaiveDate};

use crate::scaffold::{derived_stem, partner_slug};
use pakta_content::i18n::Texts;
use pakta_content::message::Message;
use pakta_content::starting_text::{NewAgreementFacts, starting_text};
use pakta_content::{Category, Kind, Stage};
use pakta_site::NewAgreementFile;

pub(crate) fn new_agreement_file(
    _unit_path: &str,
    unit_name: &str,
    today: NaiveDate,
    texts: &Texts,
) -> NewAgreementFile {
    let partner = Message::new("new-link-partner").render(texts);
    let facts = NewAgreementFacts {
        title: Message::new("new-link-title").render(texts),
        kind: Kind::Mou,
        partner: partner.clone(),
        category: Category::Other,
        unit_name: unit_name.to_string(),
        stage: Stage::Planning,
        date: today,
    };
    NewAgreementFile {
        name: format!(
            "{}.md",
            derived_stem(today.year(), Kind::Mou, &partner_slug(&partner))
        ),
        text: starting_text(&facts, texts, texts),
    }
}
