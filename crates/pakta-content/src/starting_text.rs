//! The text a new agreement file starts from: front matter that `pakta
//! check` accepts, at the stage it has reached, with commented hints for
//! the keys to add later, and a body with the usual sections. `pakta new`
//! writes it; a site page may offer it to start a file on the forge.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::i18n::Texts;
use crate::message::Message;
use crate::{Category, Kind, Stage};

/// What is known about an agreement when its file is started.
#[derive(Debug, Clone)]
pub struct NewAgreementFacts {
    /// The agreement's full title.
    pub title: String,
    /// What kind of agreement it is.
    pub kind: Kind,
    /// The partner's name as it will be published.
    pub partner: String,
    /// The partner's category.
    pub category: Category,
    /// The unit's full name, for the opening sentence.
    pub unit_name: String,
    /// The latest stage reached.
    pub stage: Stage,
    /// The day that stage was reached.
    pub date: NaiveDate,
}

/// The file's text: the hints in its comments speak the editor's language
/// (`hints`); the text to complete is published, so it is in the site's
/// (`content`).
pub fn starting_text(facts: &NewAgreementFacts, hints: &Texts, content: &Texts) -> String {
    let hint = |message: Message| message.render(hints);
    let stage_name = |stage: Stage| hints.text(&format!("stage-{}", stage.code())).to_string();
    let mut out = String::from("+++\n");
    let _ = writeln!(out, "title = {}", toml_string(&facts.title));
    let _ = writeln!(out, "kind = \"{}\"", facts.kind);
    let _ = writeln!(
        out,
        "# number = \"\"            # {}",
        hint(Message::new("scaffold-hint-number"))
    );
    match facts.kind {
        Kind::Pks => {
            let _ = writeln!(
                out,
                "# parent = \"\"            # {}",
                hint(Message::new("scaffold-hint-parent"))
            );
        }
        Kind::Addendum => {
            let _ = writeln!(
                out,
                "# amends = \"\"            # {}",
                hint(Message::new("scaffold-hint-amends"))
            );
        }
        Kind::Mou | Kind::Other => {}
    }
    out.push_str("topics = []\n");
    out.push_str("\n[dates]\n");
    for stage in Stage::ALL.iter().copied() {
        let line = if stage == facts.stage {
            format!("{} = {}", stage.code(), facts.date)
        } else {
            format!("# {} = YYYY-MM-DD", stage.code())
        };
        let _ = writeln!(out, "{line:<27} # {}", stage_name(stage));
    }
    let _ = writeln!(
        out,
        "# duration_months = 60      # {}",
        hint(Message::new("scaffold-hint-duration"))
    );
    out.push_str("\n[[partners]]\n");
    let _ = writeln!(out, "name = {}", toml_string(&facts.partner));
    let _ = writeln!(out, "category = \"{}\"", facts.category);
    out.push_str("+++\n\n");
    let summary = Message::new("scaffold-summary")
        .arg("title", facts.title.trim_end_matches('.'))
        .arg("unit", &facts.unit_name)
        .arg("partner", &facts.partner);
    let _ = writeln!(out, "{}", summary.render(content));
    // Sections left empty are not published and `check` points at them.
    for heading in [
        Message::new("scaffold-heading-background"),
        Message::new("scaffold-heading-purpose"),
        Message::new("scaffold-heading-scope"),
        Message::new("scaffold-heading-obligations"),
        Message::new("scaffold-heading-term"),
    ] {
        let _ = write!(out, "\n## {}\n\n", heading.render(content));
    }
    out
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn facts() -> NewAgreementFacts {
        NewAgreementFacts {
            title: "Nota Kesepahaman tentang \"Pendidikan\" Pemilih".into(),
            kind: Kind::Mou,
            partner: "Universitas Sebelas Maret".into(),
            category: Category::University,
            unit_name: "KPU Kabupaten Karanganyar".into(),
            stage: Stage::Drafting,
            date: NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date"),
        }
    }

    #[test]
    fn the_stage_reached_is_dated_and_the_others_are_hints() {
        let indonesian = Texts::default_for(Lang::Id);
        let text = starting_text(&facts(), Texts::default_for(Lang::En), indonesian);
        let front = text
            .strip_prefix("+++\n")
            .and_then(|rest| rest.split("+++\n").next())
            .expect("front matter");
        let parsed: toml::Table = toml::from_str(front).expect("valid TOML");
        assert_eq!(
            parsed["title"].as_str(),
            Some("Nota Kesepahaman tentang \"Pendidikan\" Pemilih")
        );
        assert!(
            text.contains("drafting = 2026-03-02       # Drafting\n"),
            "{text}"
        );
        assert!(
            text.contains("# planning = YYYY-MM-DD     # Planning\n"),
            "{text}"
        );
        assert!(
            text.contains("# negotiation = YYYY-MM-DD  # Negotiation\n"),
            "{text}"
        );
        assert!(text.contains(&format!(
            "## {}\n",
            indonesian.message("scaffold-heading-scope").expect("a heading")
        )));
        assert!(
            text.contains(" antara KPU Kabupaten Karanganyar dan Universitas Sebelas Maret."),
            "{text}"
        );
        assert!(
            text.contains("# number = \"\"            # the unit's document number"),
            "{text}"
        );
    }
}
