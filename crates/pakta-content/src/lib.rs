//! The typed content of a repository as the loader produces it: what the
//! editors wrote, checked for shape, with the places values came from.
//! Nothing here is computed; see `model` for status and relations.

pub mod closed;
pub mod csv;
pub mod diagnostics;
pub mod escape;
pub mod fold;
pub mod hierarchy;
pub mod i18n;
pub mod licence;
pub mod message;
pub mod reserved;
pub mod reviewers;
pub mod schema;
pub mod slug;
pub mod starting_text;
pub mod term;

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

pub use crate::closed::{
    ActivityType, Category, ClosedValue, EvaluationMethod, EvaluationResult, Kind, Level, Obstacle,
    Recommendation, Scope, Stage,
};
use crate::diagnostics::{SourceFile, Span, Spanned};

/// An agreement's `[dates]`: its lifecycle and its term.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Dates {
    /// Perencanaan: the day planning started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planning: Option<Spanned<NaiveDate>>,
    /// Perumusan: the day drafting started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drafting: Option<Spanned<NaiveDate>>,
    /// Pembahasan: the day negotiation started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub negotiation: Option<Spanned<NaiveDate>>,
    /// Pengesahan: the day of approval.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval: Option<Spanned<NaiveDate>>,
    /// Penandatanganan: the signing day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed: Option<Spanned<NaiveDate>>,
    /// First day in force, as written (defaults to `signed` in the model).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starts: Option<Spanned<NaiveDate>>,
    /// Last day in force, as written; the alternative to `duration_months`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<Spanned<NaiveDate>>,
    /// The day it ended early (diakhiri) or, if never signed, was dropped (dibatalkan).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminated: Option<Spanned<NaiveDate>>,
    /// Length of the term in calendar months from `starts`; instead of `expires`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_months: Option<Spanned<u32>>,
}

impl Dates {
    /// The date written for `stage`, if any.
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

    /// The signing day, if the agreement was signed.
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

/// One `[[partners]]` entry: a counterparty of the agreement.
#[derive(Debug, Clone, Serialize)]
pub struct Partner {
    /// The partner organisation's full name, or a register key, name, acronym or alias.
    pub name: String,
    /// Where `name` is written, for the register's close-name warning.
    #[serde(skip)]
    pub name_span: Span,
    /// What kind of organisation the partner is.
    pub category: Category,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Who signed for the partner.
    pub signatory: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The signatory's position.
    pub signatory_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The partner's own number for the document.
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The partner's website, an `http`/`https` address.
    pub website: Option<String>,
}

/// One `[[activities]]` entry (kegiatan): a joint activity carried out.
#[derive(Debug, Clone, Serialize)]
pub struct Activity {
    /// The day the activity took place.
    pub date: Spanned<NaiveDate>,
    /// What was done.
    pub title: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    /// `type`: what kind of activity it was.
    pub activity_type: Option<ActivityType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Details, in Markdown.
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Luaran: what it produced (a module, a report, trained people).
    pub output: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Manfaat: what it achieved for voters or the election.
    pub benefit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Jumlah peserta: how many people took part.
    pub participants: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// A report or news item about it, an `http`/`https` address.
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Bukti: a file or link proving it took place.
    pub evidence: Option<Evidence>,
}

/// Proof of an activity: a file in the repository or a link, checked like
/// a document's.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Path of the file in the repository, e.g. `files/2025-sosialisasi.pdf`.
    pub file: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// A link to the proof, an `http`/`https` address.
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The file's SHA-256 as 64 hex digits, checked when present.
    pub sha256: Option<Spanned<String>>,
    #[serde(skip)]
    /// Where the `evidence` table is written.
    pub span: Span,
}

/// An evaluation's `period`: the days it covers, both inclusive.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationPeriod {
    /// The first day evaluated.
    pub from: Spanned<NaiveDate>,
    /// The last day evaluated.
    pub to: Spanned<NaiveDate>,
}

/// One `[[evaluations]]` entry (monitoring dan evaluasi).
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// The day the evaluation was made.
    pub date: Spanned<NaiveDate>,
    /// How far the agreement is carried out.
    pub result: EvaluationResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Periode: the days the evaluation covers.
    pub period: Option<EvaluationPeriod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Metode: how the evaluation was made.
    pub method: Option<EvaluationMethod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Findings, in the evaluators' words.
    pub notes: Option<String>,
    /// Categories; empty when none were given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub obstacles: Vec<Obstacle>,
    /// `obstacle_notes`, or the text of the older string form of
    /// `obstacles`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub obstacle_notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Rekomendasi: what to do with the agreement next.
    pub recommendation: Option<Recommendation>,
}

/// One `[[documents]]` entry: a signed scan or other document.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// What the document is.
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Path of the file in the repository, e.g. `files/2025-mou-uns.pdf`.
    pub file: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// A link to the document, an `http`/`https` address.
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The file's SHA-256 as 64 hex digits, checked when present.
    pub sha256: Option<Spanned<String>>,
    #[serde(skip)]
    /// Where the entry is written.
    pub span: Span,
}

/// An agreement's front matter, complete enough to take part in the model:
/// the required keys were present and valid.
#[derive(Debug, Clone, Serialize)]
pub struct FrontMatter {
    /// The agreement's full title.
    pub title: String,
    /// What kind of agreement this is.
    pub kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The unit's document number; unique within the unit.
    pub number: Option<Spanned<String>>,
    /// Whether the partners are domestic (the default) or foreign.
    pub scope: Scope,
    /// Subjects, e.g. `pendidikan pemilih`; empty when none were given.
    pub topics: Vec<String>,
    /// As written; the model falls back to the body's first paragraph.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Id of the MoU this PKS carries out.
    pub parent: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Id of the earlier agreement this one extends (perpanjangan).
    pub renews: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Id of the agreement this addendum changes.
    pub amends: Option<Spanned<String>>,
    /// False keeps the agreement off the site (default true).
    pub public: bool,
    /// The lifecycle dates and the term.
    pub dates: Dates,
    /// The counterparties; at least one.
    pub partners: Vec<Partner>,
    /// Tindak lanjut: the concrete joint activities, as listed.
    pub activities: Vec<Activity>,
    /// Monitoring and evaluation entries, as listed.
    pub evaluations: Vec<Evaluation>,
    /// Signed scans and other documents, as listed.
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
    /// `parent`: id of the MoU this PKS carries out.
    pub parent: Option<Spanned<String>>,
    /// `renews`: id of the earlier agreement this one extends.
    pub renews: Option<Spanned<String>>,
    /// `amends`: id of the agreement this addendum changes.
    pub amends: Option<Spanned<String>>,
}

/// One agreement file. `front` is `None` when the front matter was too
/// broken to use; the id still exists so that references to it do not
/// cascade into further errors.
#[derive(Debug, Clone)]
pub struct AgreementSource {
    /// The agreement's id: its path below `agreements/` without `.md`.
    pub id: String,
    /// The file's text up to and including the closing `+++` line.
    pub source: SourceFile,
    /// The checked front matter; `None` when it was too broken to use.
    pub front: Option<Arc<FrontMatter>>,
    /// As in `front`, also when `front` is `None`.
    pub references: References,
    /// The Markdown after the closing `+++`, when the run asked for it.
    pub body: Arc<str>,
    /// The relative links and images written in the text, which check
    /// resolves against the site.
    pub text_links: Vec<TextLink>,
}

/// A relative link or image written in an agreement's text.
#[derive(Debug, Clone)]
pub struct TextLink {
    /// The address as written.
    pub target: String,
    /// The warning to give when it leads to nothing the site publishes,
    /// already located at the link (the text itself is not kept).
    pub unresolved: diagnostics::Diagnostic,
}

/// One `_unit.toml`. The unit's path is its folder below `agreements/`,
/// `""` for the root.
#[derive(Debug, Clone)]
pub struct UnitSource {
    /// The unit's folder below `agreements/`; `""` for the root.
    pub path: String,
    /// The file's text.
    pub source: SourceFile,
    /// The unit's full name.
    pub name: String,
    /// National, province, regency or city; `None` when missing or invalid.
    pub level: Option<Spanned<Level>>,
    /// A short display name.
    pub short: Option<String>,
    /// The unit's website, an `http`/`https` address.
    pub website: Option<String>,
    /// Kemendagri region code, e.g. `33.13`.
    pub region_code: Option<String>,
    /// Code owners who review changes to the unit: `@user`, `@org/team` or an e-mail address.
    pub reviewers: Vec<String>,
}

impl UnitSource {
    /// The unit of `path` before its file gave anything: no name, level,
    /// reviewers or other keys. A file that cannot be read leaves it so.
    pub fn unnamed(path: String, source: SourceFile) -> UnitSource {
        UnitSource {
            path,
            source,
            name: String::new(),
            level: None,
            short: None,
            website: None,
            region_code: None,
            reviewers: Vec::new(),
        }
    }
}

/// One entry of the partner register, `partners/<key>.toml`: the one
/// spelling of an organisation that agreements may name in several ways.
#[derive(Debug, Clone)]
pub struct PartnerSource {
    /// The file name without `.toml`: the partner's address on the site.
    pub key: String,
    /// The file's text.
    pub source: SourceFile,
    /// Empty when missing; the file's diagnostics say so.
    pub name: Spanned<String>,
    /// Singkatan, e.g. `UNDIP`; agreements may name the partner by it.
    pub acronym: Option<Spanned<String>>,
    /// Other names agreements use for the same organisation.
    pub aliases: Vec<Spanned<String>>,
    /// The register key of the organisation this one belongs to.
    pub parent: Option<Spanned<String>>,
    /// What kind of organisation the partner is.
    pub category: Option<Category>,
    /// The organisation's website, an `http`/`https` address.
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

/// `[site]` in `pakta.toml`: how the site presents itself.
#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    /// The site's title.
    pub title: String,
    /// Where the site is published, with any sub-path.
    pub base_url: String,
    /// The language of the site's interface: `id` (default) or `en`.
    pub language: String,
    /// The IANA time zone that decides what "today" is (default `Asia/Jakarta`).
    pub timezone: String,
    /// A folder under `themes/` whose files override the default theme.
    pub theme: Option<String>,
    /// The Git repository's web address, for links to commits and, on
    /// GitHub, to edit, add and upload files.
    pub repository: Option<String>,
    /// The branch the site is published from, which the edit links
    /// propose changes to (default `main`).
    pub branch: String,
    /// Who publishes the site (an office's name), for the "Tentang" page.
    pub publisher: Option<String>,
    /// The publisher's e-mail address for questions and corrections.
    pub contact_email: Option<String>,
    /// The publisher's postal address.
    pub contact_address: Option<String>,
    /// A logo file, relative to the repository's root, copied into the site.
    pub logo: Option<String>,
}

/// `[rules]` in `pakta.toml`: the thresholds of the compliance checks.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rules {
    /// Days before expiry from which an agreement is "segera berakhir" (default 90).
    pub expiring_soon_days: u32,
    /// Months within which an MoU must be followed by a PKS (default 6).
    pub pks_deadline_months: u32,
    /// Months without activity after which an agreement is flagged (default 6).
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

/// `[data]` in `pakta.toml`: the terms of the site's open data.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct DataConfig {
    /// The licence the data is published under (default CC-BY-4.0).
    pub license: &'static licence::Licence,
}

impl Default for DataConfig {
    fn default() -> Self {
        DataConfig {
            license: licence::Licence::default_licence(),
        }
    }
}

/// `pakta.toml`: the repository's settings, defaults where keys are missing.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    /// `[site]`: site settings.
    pub site: SiteConfig,
    /// `[rules]`: compliance rules.
    pub rules: Rules,
    /// `[reports]`: the site's Laporan section.
    pub reports: Reports,
    /// `[data]`: the open data's licence.
    pub data: DataConfig,
    /// `[cms]`: the editing forms under `admin/`, when the table is there.
    pub cms: Option<CmsConfig>,
}

/// `[cms]` in `pakta.toml`: where the admin page loads the CMS from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CmsConfig {
    /// The CMS script's address (default: a pinned Decap CMS release).
    pub script_url: String,
    /// Its Subresource Integrity hash, e.g. `sha384-…`.
    pub script_integrity: String,
}

impl Default for CmsConfig {
    /// Decap CMS 3.16.3 from unpkg. To move to another release, change the
    /// version in the address and, together with it, the hash: the
    /// `sha384-` and the Base64 SHA-384 digest of `dist/decap-cms.js` in
    /// that release's npm tarball (`npm pack decap-cms@VERSION`, then
    /// `openssl dgst -sha384 -binary package/dist/decap-cms.js | base64`).
    /// A browser refuses a script whose hash differs, so the two can only
    /// change together; `tests/browser/package.json` pins the same release.
    fn default() -> Self {
        CmsConfig {
            script_url: "https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js".into(),
            script_integrity:
                "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p".into(),
        }
    }
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
                branch: "main".into(),
                publisher: None,
                contact_email: None,
                contact_address: None,
                logo: None,
            },
            rules: Rules::default(),
            reports: Reports::default(),
            data: DataConfig::default(),
            cms: None,
        }
    }
}
