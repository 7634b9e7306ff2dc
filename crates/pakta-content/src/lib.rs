//! The typed content of a repository as the loader produces it: what the
//! editors wrote, checked for shape, with the places values came from.
//! Nothing here is computed; see `model` for status and relations.

#![expect(
    missing_docs,
    reason = "the records mirror the content format, which README.md and the format spec describe key by key; their item docs are still to be written"
)]

pub mod csv;
pub mod diagnostics;
pub mod hierarchy;
pub mod i18n;
pub mod reserved;
pub mod reviewers;
pub mod schema;
pub mod slug;
pub mod term;

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostics::{SourceFile, Span, Spanned};

macro_rules! closed_list {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

closed_list!(Kind {
    Mou = "mou",
    Pks = "pks",
    Addendum = "addendum",
    Other = "other",
});

closed_list!(Scope {
    Domestic = "domestic",
    Foreign = "foreign",
});

closed_list!(Category {
    Ministry = "ministry",
    StateInstitution = "state-institution",
    RegionalGovernment = "regional-government",
    University = "university",
    School = "school",
    ProfessionalOrganization = "professional-organization",
    Ngo = "ngo",
    StudentOrganization = "student-organization",
    Media = "media",
    Company = "company",
    International = "international",
    Other = "other",
});

closed_list!(EvaluationResult {
    OnTrack = "on-track",
    Partial = "partial",
    NotImplemented = "not-implemented",
});

closed_list!(ActivityType {
    Sosialisasi = "sosialisasi",
    PendidikanPemilih = "pendidikan-pemilih",
    Penelitian = "penelitian",
    Pelatihan = "pelatihan",
    Publikasi = "publikasi",
    PertukaranData = "pertukaran-data",
    PengawasanPartisipatif = "pengawasan-partisipatif",
    Narasumber = "narasumber",
    Fasilitasi = "fasilitasi",
    Lainnya = "lainnya",
});

closed_list!(EvaluationMethod {
    Kuesioner = "kuesioner",
    RapatEvaluasi = "rapat-evaluasi",
    Kunjungan = "kunjungan",
    PenilaianAhli = "penilaian-ahli",
    Lainnya = "lainnya",
});

closed_list!(Obstacle {
    Anggaran = "anggaran",
    PergantianPersonel = "pergantian-personel",
    KomitmenMitra = "komitmen-mitra",
    JadwalTahapan = "jadwal-tahapan",
    RegulasiNetralitas = "regulasi-netralitas",
    Koordinasi = "koordinasi",
    Lainnya = "lainnya",
});

closed_list!(Recommendation {
    Lanjutkan = "lanjutkan",
    Perpanjang = "perpanjang",
    Revisi = "revisi",
    Akhiri = "akhiri",
});

closed_list!(
    /// Ordered from the top of the hierarchy down.
    Level {
        National = "national",
        Province = "province",
        Regency = "regency",
        City = "city",
    }
);

impl Level {
    /// How far down the hierarchy the level sits; regencies and cities are
    /// peers.
    pub fn depth(self) -> u8 {
        match self {
            Level::National => 0,
            Level::Province => 1,
            Level::Regency | Level::City => 2,
        }
    }
}

closed_list!(
    /// The lifecycle stages in order; an agreement's stage is the latest
    /// one with a date.
    Stage {
        Planning = "planning",
        Drafting = "drafting",
        Negotiation = "negotiation",
        Approval = "approval",
        Signed = "signed",
    }
);

#[derive(Debug, Clone, Default, Serialize)]
pub struct Dates {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planning: Option<Spanned<NaiveDate>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drafting: Option<Spanned<NaiveDate>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub negotiation: Option<Spanned<NaiveDate>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval: Option<Spanned<NaiveDate>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed: Option<Spanned<NaiveDate>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starts: Option<Spanned<NaiveDate>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<Spanned<NaiveDate>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminated: Option<Spanned<NaiveDate>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_months: Option<Spanned<u32>>,
}

impl Dates {
    pub fn stage_date(&self, stage: Stage) -> Option<&Spanned<NaiveDate>> {
        match stage {
            Stage::Planning => self.planning.as_ref(),
            Stage::Drafting => self.drafting.as_ref(),
            Stage::Negotiation => self.negotiation.as_ref(),
            Stage::Approval => self.approval.as_ref(),
            Stage::Signed => self.signed.as_ref(),
        }
    }

    /// The stages that have a date, in lifecycle order.
    pub fn stages(&self) -> impl Iterator<Item = (Stage, &Spanned<NaiveDate>)> {
        Stage::ALL
            .iter()
            .filter_map(|&s| self.stage_date(s).map(|d| (s, d)))
    }

    pub fn signed(&self) -> Option<NaiveDate> {
        self.signed.as_ref().map(|d| d.value)
    }

    /// The dates as they stood at the end of `day`: stages dated later
    /// were not reached yet, and an agreement not yet signed has no term.
    pub fn known_on(&self, day: NaiveDate) -> Dates {
        let reached = |d: &Option<Spanned<NaiveDate>>| d.clone().filter(|d| d.value <= day);
        let signed = reached(&self.signed);
        let term = |d: &Option<Spanned<NaiveDate>>| d.clone().filter(|_| signed.is_some());
        Dates {
            planning: reached(&self.planning),
            drafting: reached(&self.drafting),
            negotiation: reached(&self.negotiation),
            approval: reached(&self.approval),
            starts: term(&self.starts),
            expires: term(&self.expires),
            terminated: reached(&self.terminated),
            duration_months: self.duration_months.clone().filter(|_| signed.is_some()),
            signed,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Partner {
    pub name: String,
    /// Where `name` is written, for the register's close-name warning.
    #[serde(skip)]
    pub name_span: Span,
    pub category: Category,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signatory: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signatory_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Activity {
    pub date: Spanned<NaiveDate>,
    pub title: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub activity_type: Option<ActivityType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benefit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participants: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// Proof of an activity: a file in the repository or a link, checked like
/// a document's.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<Spanned<String>>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Period {
    pub from: Spanned<NaiveDate>,
    pub to: Spanned<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub date: Spanned<NaiveDate>,
    pub result: EvaluationResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<EvaluationMethod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Categories; empty when none were given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub obstacles: Vec<Obstacle>,
    /// `obstacle_notes`, or the text of the older string form of
    /// `obstacles`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub obstacle_notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommendation: Option<Recommendation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<Spanned<String>>,
    #[serde(skip)]
    pub span: Span,
}

/// An agreement's front matter, complete enough to take part in the model:
/// the required keys were present and valid.
#[derive(Debug, Clone, Serialize)]
pub struct FrontMatter {
    pub title: String,
    pub kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<Spanned<String>>,
    pub scope: Scope,
    pub topics: Vec<String>,
    /// As written; the model falls back to the body's first paragraph.
    #[serde(skip)]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renews: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amends: Option<Spanned<String>>,
    pub public: bool,
    pub dates: Dates,
    pub partners: Vec<Partner>,
    pub activities: Vec<Activity>,
    pub evaluations: Vec<Evaluation>,
    pub documents: Vec<Document>,
    /// Where `kind` is written, for relation errors that concern it.
    #[serde(skip)]
    pub kind_span: Span,
}

/// The agreements a file names, read even when the rest of its front
/// matter is incomplete, so that a wrong reference is reported in the same
/// run as the file's other mistakes.
#[derive(Debug, Clone, Default)]
pub struct References {
    pub parent: Option<Spanned<String>>,
    pub renews: Option<Spanned<String>>,
    pub amends: Option<Spanned<String>>,
}

/// One agreement file. `front` is `None` when the front matter was too
/// broken to use; the id still exists so that references to it do not
/// cascade into further errors.
#[derive(Debug, Clone)]
pub struct AgreementSource {
    pub id: String,
    /// The file's text up to and including the closing `+++` line.
    pub source: SourceFile,
    pub front: Option<Arc<FrontMatter>>,
    /// As in `front`, also when `front` is `None`.
    pub references: References,
    /// The Markdown after the closing `+++`, when the run asked for it.
    pub body: Arc<str>,
}

/// One `_unit.toml`. The unit's path is its folder below `agreements/`,
/// `""` for the root.
#[derive(Debug, Clone)]
pub struct UnitSource {
    pub path: String,
    pub source: SourceFile,
    pub name: String,
    pub level: Option<Spanned<Level>>,
    pub short: Option<String>,
    pub website: Option<String>,
    pub region_code: Option<String>,
    pub reviewers: Vec<String>,
}

/// One entry of the partner register, `partners/<key>.toml`: the one
/// spelling of an organisation that agreements may name in several ways.
#[derive(Debug, Clone)]
pub struct PartnerSource {
    /// The file name without `.toml`: the partner's address on the site.
    pub key: String,
    pub source: SourceFile,
    /// Empty when missing; the file's diagnostics say so.
    pub name: Spanned<String>,
    pub acronym: Option<Spanned<String>>,
    pub aliases: Vec<Spanned<String>>,
    /// The register key of the organisation this one belongs to.
    pub parent: Option<Spanned<String>>,
    pub category: Option<Category>,
    pub website: Option<String>,
}

impl PartnerSource {
    /// Every way an agreement may name this partner: its key, name,
    /// acronym and aliases, each with where it is written (the key at the
    /// top of the file).
    pub fn names(&self) -> impl Iterator<Item = Spanned<&str>> {
        std::iter::once(Spanned::new(self.key.as_str(), 0..0)).chain(
            std::iter::once(&self.name)
                .chain(&self.acronym)
                .chain(&self.aliases)
                .filter(|n| !n.value.is_empty())
                .map(|n| Spanned::new(n.value.as_str(), n.span.clone())),
        )
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    pub title: String,
    pub base_url: String,
    pub language: String,
    pub timezone: String,
    pub theme: Option<String>,
    pub repository: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rules {
    pub expiring_soon_days: u32,
    pub pks_deadline_months: u32,
    pub dormant_months: u32,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            expiring_soon_days: 90,
            pks_deadline_months: 6,
            dormant_months: 6,
        }
    }
}

/// `[reports]`: which periods the site's Laporan section covers.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Reports {
    /// Recent months, ending with today's, reported month by month;
    /// earlier ones are reported year by year.
    pub months: u32,
}

impl Default for Reports {
    fn default() -> Self {
        Reports { months: 12 }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub site: SiteConfig,
    pub rules: Rules,
    pub reports: Reports,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            site: SiteConfig {
                title: "Transparansi Kerja Sama".into(),
                base_url: "/".into(),
                language: "id".into(),
                timezone: "Asia/Jakarta".into(),
                theme: None,
                repository: None,
            },
            rules: Rules::default(),
            reports: Reports::default(),
        }
    }
}
