//! The typed content of a repository as the loader produces it: what the
//! editors wrote, checked for shape, with the places values came from.
//! Nothing here is computed; see `model` for status and relations.

pub mod csv;
pub mod diagnostics;
pub mod hierarchy;
pub mod i18n;
pub mod message;
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
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// All values, in the order the content format lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as written in the content files.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value written as `text`, if it is one of the list's.
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

closed_list!(
    /// `kind`: what kind of agreement a file records.
    Kind {
        /// Memorandum of understanding: the frame for later agreements.
        Mou = "mou",
        /// Perjanjian kerja sama: the technical agreement carrying out an MoU.
        Pks = "pks",
        /// Changes an existing agreement, named in `amends`.
        Addendum = "addendum",
        /// Any other cooperation document.
        Other = "other",
    }
);

closed_list!(
    /// `scope`: whether the partners are Indonesian or foreign.
    Scope {
        /// With Indonesian partners (the default).
        Domestic = "domestic",
        /// With a foreign or international partner.
        Foreign = "foreign",
    }
);

closed_list!(
    /// A partner's `category`: what kind of organisation it is.
    Category {
        /// A ministry (kementerian).
        Ministry = "ministry",
        /// A state institution (lembaga negara).
        StateInstitution = "state-institution",
        /// A regional government (pemerintah daerah).
        RegionalGovernment = "regional-government",
        /// A university (perguruan tinggi).
        University = "university",
        /// A school or other educational institution.
        School = "school",
        /// A professional organisation.
        ProfessionalOrganization = "professional-organization",
        /// An NGO or civil-society organisation (LSM).
        Ngo = "ngo",
        /// A student organisation.
        StudentOrganization = "student-organization",
        /// A media or press company.
        Media = "media",
        /// A company.
        Company = "company",
        /// An international or foreign institution.
        International = "international",
        /// Any other kind of organisation.
        Other = "other",
    }
);

closed_list!(
    /// An evaluation's `result`: how far the agreement is carried out.
    EvaluationResult {
        /// Carried out as planned.
        OnTrack = "on-track",
        /// Partly carried out.
        Partial = "partial",
        /// Not carried out.
        NotImplemented = "not-implemented",
    }
);

closed_list!(
    /// An activity's `type` (jenis kegiatan).
    ActivityType {
        /// Informing the public about elections or the agreement.
        Sosialisasi = "sosialisasi",
        /// Voter education for a group of voters.
        PendidikanPemilih = "pendidikan-pemilih",
        /// Research or a survey.
        Penelitian = "penelitian",
        /// Training (bimbingan teknis) for staff, volunteers or partners.
        Pelatihan = "pelatihan",
        /// A publication, broadcast or campaign in the media.
        Publikasi = "publikasi",
        /// Data or information exchanged between the parties.
        PertukaranData = "pertukaran-data",
        /// Citizens or partners taking part in election oversight.
        PengawasanPartisipatif = "pengawasan-partisipatif",
        /// A speaker or expert provided by one party.
        Narasumber = "narasumber",
        /// Facilities, venues or logistics provided by one party.
        Fasilitasi = "fasilitasi",
        /// Any other activity.
        Lainnya = "lainnya",
    }
);

closed_list!(
    /// An evaluation's `method` (metode): how it was made.
    EvaluationMethod {
        /// A questionnaire or survey of participants.
        Kuesioner = "kuesioner",
        /// An evaluation meeting of the parties.
        RapatEvaluasi = "rapat-evaluasi",
        /// A field visit.
        Kunjungan = "kunjungan",
        /// An assessment by experts.
        PenilaianAhli = "penilaian-ahli",
        /// Any other method.
        Lainnya = "lainnya",
    }
);

closed_list!(
    /// One of an evaluation's `obstacles` (kendala).
    Obstacle {
        /// No or too little budget.
        Anggaran = "anggaran",
        /// The people responsible changed.
        PergantianPersonel = "pergantian-personel",
        /// The partner did not follow through.
        KomitmenMitra = "komitmen-mitra",
        /// The election timetable left no room.
        JadwalTahapan = "jadwal-tahapan",
        /// Rules or the need for neutrality stood in the way.
        RegulasiNetralitas = "regulasi-netralitas",
        /// Coordination between the parties failed.
        Koordinasi = "koordinasi",
        /// Any other obstacle, described in `obstacle_notes`.
        Lainnya = "lainnya",
    }
);

closed_list!(
    /// An evaluation's `recommendation` (rekomendasi): what to do next.
    Recommendation {
        /// Continue as agreed.
        Lanjutkan = "lanjutkan",
        /// Renew the agreement when it ends.
        Perpanjang = "perpanjang",
        /// Change the agreement with an addendum.
        Revisi = "revisi",
        /// End the agreement.
        Akhiri = "akhiri",
    }
);

closed_list!(
    /// Ordered from the top of the hierarchy down.
    Level {
        /// The national body (KPU RI / Bawaslu RI).
        National = "national",
        /// A provincial body.
        Province = "province",
        /// A regency (kabupaten) body.
        Regency = "regency",
        /// A city (kota) body.
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
        /// Perencanaan: planning started.
        Planning = "planning",
        /// Perumusan: drafting started.
        Drafting = "drafting",
        /// Pembahasan: negotiation started.
        Negotiation = "negotiation",
        /// Pengesahan: approval.
        Approval = "approval",
        /// Penandatanganan: the agreement was signed.
        Signed = "signed",
    }
);

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

/// One `[[activities]]` entry (tindak lanjut): a joint activity carried out.
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
pub struct Period {
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
    pub period: Option<Period>,
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
    /// The Git repository's web address, for links to commits.
    pub repository: Option<String>,
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

/// `pakta.toml`: the repository's settings, defaults where keys are missing.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    /// `[site]`: site settings.
    pub site: SiteConfig,
    /// `[rules]`: compliance rules.
    pub rules: Rules,
    /// `[reports]`: the site's Laporan section.
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
