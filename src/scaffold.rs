//! A new agreement file, valid from the first save: the editor fills in a
//! few facts on the command line and gets front matter that `pakta check`
//! accepts, at the `planning` stage dated today, with a body to complete.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use pakta_content::i18n::Texts;
use pakta_content::message::Message;
use pakta_content::slug::slugify;
use pakta_content::{Category, Kind, Stage};
use pakta_load::CONTENT_DIR;

/// What the editor said about the new agreement.
#[derive(Debug, Clone)]
pub(crate) struct NewAgreement {
    /// The unit's folder below `agreements/`, "" for the root unit.
    pub unit: String,
    pub unit_name: String,
    pub kind: Kind,
    pub partner: String,
    pub category: Category,
    pub title: String,
    /// The file name without `.md`; derived from year, kind and partner
    /// when absent.
    pub slug: Option<String>,
    pub today: NaiveDate,
}

impl NewAgreement {
    /// The file's name without `.md`: `<year>-<kind>-<partner slug>`.
    pub(crate) fn file_stem(&self) -> String {
        self.slug.clone().unwrap_or_else(|| {
            format!(
                "{}-{}-{}",
                self.today.year(),
                self.kind,
                partner_slug(&self.partner)
            )
        })
    }

    /// The agreement's id (its path below `agreements/` without `.md`).
    pub(crate) fn id(&self) -> String {
        join_unit(&self.unit, &self.file_stem())
    }

    /// The file, relative to the repository root.
    pub(crate) fn relative_path(&self) -> String {
        format!("{CONTENT_DIR}/{}.md", self.id())
    }

    pub(crate) fn absolute_path(&self, root: &Path) -> PathBuf {
        root.join(self.relative_path())
    }

    /// The file's text: the hints in the comments speak the editor's
    /// language (`hints`), the text to complete is published and so is in
    /// the site's (`content`).
    pub(crate) fn render(&self, hints: &Texts, content: &Texts) -> String {
        let hint = |message: Message| message.render(hints);
        let stage = |stage: Stage| hints.text(&format!("stage-{}", stage.code())).to_string();
        let mut out = String::from("+++\n");
        let _ = writeln!(out, "title = {}", toml_string(&self.title));
        let _ = writeln!(out, "kind = \"{}\"", self.kind);
        let _ = writeln!(
            out,
            "# number = \"\"            # {}",
            hint(Message::new("scaffold-hint-number"))
        );
        match self.kind {
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
        let _ = writeln!(
            out,
            "planning = {}        # {}",
            self.today,
            stage(Stage::Planning)
        );
        for (key, name) in [
            ("drafting", Stage::Drafting),
            ("negotiation", Stage::Negotiation),
            ("approval", Stage::Approval),
            ("signed", Stage::Signed),
        ] {
            let line = format!("# {key} = YYYY-MM-DD");
            let _ = writeln!(out, "{line:<27} # {}", stage(name));
        }
        let _ = writeln!(
            out,
            "# duration_months = 60      # {}",
            hint(Message::new("scaffold-hint-duration"))
        );
        out.push_str("\n[[partners]]\n");
        let _ = writeln!(out, "name = {}", toml_string(&self.partner));
        let _ = writeln!(out, "category = \"{}\"", self.category);
        out.push_str("+++\n\n");
        let summary = Message::new("scaffold-summary")
            .arg("title", self.title.trim_end_matches('.'))
            .arg("unit", &self.unit_name)
            .arg("partner", &self.partner);
        let _ = writeln!(out, "{}", summary.render(content));
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
}

/// Normalises what an editor may type for a unit: `agreements/jawa-tengah/`,
/// `./jawa-tengah`, `jawa-tengah`; `.`, `/` or nothing is the root unit.
pub(crate) fn normalise_unit_path(input: &str) -> String {
    let path = input.trim().replace('\\', "/");
    let path = path.trim_start_matches("./").trim_matches('/');
    let path = path
        .strip_prefix(CONTENT_DIR)
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
        .unwrap_or(path)
        .trim_matches('/');
    if path == "." {
        String::new()
    } else {
        path.to_string()
    }
}

/// A short file-name part for a partner: an acronym in parentheses when
/// there is one ("Universitas Sebelas Maret (UNS)" -> "uns"), else the
/// name's first words.
pub(crate) fn partner_slug(partner: &str) -> String {
    let abbreviation = partner
        .rfind('(')
        .and_then(|open| {
            partner[open + 1..]
                .find(')')
                .map(|close| &partner[open + 1..open + 1 + close])
        })
        .filter(|inner| !slugify(inner).is_empty() && !inner.chars().any(char::is_lowercase));
    let slug = slugify(abbreviation.unwrap_or(partner));
    let mut short = String::new();
    for word in slug.split('-') {
        if !short.is_empty() && short.len() + word.len() + 1 > 40 {
            break;
        }
        if !short.is_empty() {
            short.push('-');
        }
        short.push_str(word);
    }
    if short.is_empty() {
        "mitra".to_string()
    } else {
        short
    }
}

fn join_unit(unit: &str, stem: &str) -> String {
    if unit.is_empty() {
        stem.to_string()
    } else {
        format!("{unit}/{stem}")
    }
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pakta_content::i18n::Lang;

    fn request() -> NewAgreement {
        NewAgreement {
            unit: "jawa-tengah/karanganyar".into(),
            unit_name: "KPU Kabupaten Karanganyar".into(),
            kind: Kind::Mou,
            partner: "Universitas Sebelas Maret (UNS)".into(),
            category: Category::University,
            title: "Nota Kesepahaman tentang \"Pendidikan\" Pemilih".into(),
            slug: None,
            today: NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date"),
        }
    }

    #[test]
    fn file_name_is_year_kind_and_partner() {
        let new = request();
        assert_eq!(
            new.relative_path(),
            "agreements/jawa-tengah/karanganyar/2026-mou-uns.md"
        );
        let named = NewAgreement {
            slug: Some("2026-mou-uns-kkn".into()),
            unit: String::new(),
            ..request()
        };
        assert_eq!(named.relative_path(), "agreements/2026-mou-uns-kkn.md");
    }

    #[test]
    fn partner_slugs_are_short_and_ascii() {
        assert_eq!(
            partner_slug("Badan Siber dan Sandi Negara"),
            "badan-siber-dan-sandi-negara"
        );
        assert_eq!(
            partner_slug("PT Telkom Indonesia (Persero) Tbk"),
            "pt-telkom-indonesia-persero-tbk"
        );
        assert_eq!(
            partner_slug(
                "Kementerian Komunikasi dan Digital Republik Indonesia Bagian Hubungan Masyarakat"
            ),
            "kementerian-komunikasi-dan-digital"
        );
        assert_eq!(partner_slug("«»"), "mitra");
        assert_eq!(
            partner_slug("Universitas Émile Durkheim"),
            "universitas-emile-durkheim"
        );
    }

    #[test]
    fn unit_paths_are_normalised() {
        assert_eq!(
            normalise_unit_path("agreements/jawa-tengah/"),
            "jawa-tengah"
        );
        assert_eq!(normalise_unit_path("./jawa-tengah"), "jawa-tengah");
        assert_eq!(normalise_unit_path("."), "");
        assert_eq!(normalise_unit_path("agreements"), "");
        assert_eq!(
            normalise_unit_path("agreements-lama/x"),
            "agreements-lama/x"
        );
    }

    #[test]
    fn quotes_in_titles_are_escaped() {
        let indonesian = Texts::default_for(Lang::Id);
        let text = request().render(Texts::default_for(Lang::En), indonesian);
        let front = text
            .strip_prefix("+++\n")
            .and_then(|rest| rest.split("+++\n").next())
            .expect("front matter");
        let parsed: toml::Table = toml::from_str(front).expect("valid TOML");
        assert_eq!(
            parsed["title"].as_str(),
            Some("Nota Kesepahaman tentang \"Pendidikan\" Pemilih")
        );
        assert!(text.contains("planning = 2026-11-22"));
        assert!(text.contains(&format!(
            "## {}\n",
            indonesian.message("scaffold-heading-scope").unwrap()
        )));
        assert!(
            text.contains(" antara KPU Kabupaten Karanganyar dan Universitas Sebelas Maret (UNS)."),
            "{text}"
        );
        assert!(
            text.contains("# number = \"\"            # the unit's document number"),
            "{text}"
        );
        assert!(
            text.contains("# negotiation = YYYY-MM-DD  # Negotiation\n"),
            "{text}"
        );
    }
}
