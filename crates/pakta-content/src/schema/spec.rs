//! The content format as data: every table, key, type and allowed value of
//! an agreement's front matter, `_unit.toml` and `pakta.toml`. The reader
//! validates against these tables and `pakta schema` prints them as JSON
//! Schema, so the two can never disagree.

use crate::closed::{self, ClosedList};

/// The type of a key's value, as the reader checks it.
#[derive(Debug)]
pub enum FieldType {
    /// A non-empty string.
    Text,
    /// A bare TOML date (`2025-03-10`), no time, no quotes.
    Date,
    /// A TOML integer.
    Integer {
        /// The smallest value allowed.
        min: i64,
        /// The largest value allowed.
        max: i64,
    },
    /// `true` or `false`.
    Bool,
    /// An array of non-empty strings.
    TextList,
    /// An array of code owners: `@user`, `@org/team` or an e-mail address
    /// (see [`crate::reviewers::is_valid_owner`]).
    ReviewerList,
    /// One value from a closed list (see [`crate::closed`]).
    Choice(&'static ClosedList),
    /// An array of values from a closed list, each at most once.
    ChoiceList {
        /// The values allowed.
        choices: &'static ClosedList,
        /// Older files wrote free text here; it is accepted with a warning
        /// that shows how to move it to its own key.
        legacy_text: Option<LegacyText>,
    },
    /// An `http` or `https` address.
    Url,
    /// 64 hexadecimal digits.
    Sha256,
    /// The id of another agreement.
    Reference,
    /// A table of keys, checked against the spec.
    Table(&'static TableSpec),
    /// An array of tables, each checked against the spec.
    TableList(&'static TableSpec),
}

/// Where the free text once written under a list key now belongs.
#[derive(Debug)]
pub struct LegacyText {
    /// The key the text now belongs under.
    pub key: &'static str,
    /// The warning's code.
    pub code: &'static str,
}

/// One key of a table: its name, type and meaning.
#[derive(Debug)]
pub struct Field {
    /// The key as written.
    pub name: &'static str,
    /// The type its value must have.
    pub ty: FieldType,
    /// Whether the table is incomplete without it.
    pub required: bool,
    /// What the key means, for editors and the JSON Schema.
    pub doc: &'static str,
    /// Text that may break lines (see [`super::characters`]).
    pub multiline: bool,
}

/// The keys of one table of the content format.
#[derive(Debug)]
pub struct TableSpec {
    /// How messages name this table: "the front matter", "[dates]" ...
    pub title: &'static str,
    /// Every key the table allows, in the order the format lists them.
    pub fields: &'static [Field],
}

impl TableSpec {
    /// The key called `name`, if the table allows it.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The names of the keys the table allows, in order.
    pub fn field_names(&self) -> impl Iterator<Item = &'static str> {
        self.fields.iter().map(|f| f.name)
    }
}

/// The most people one activity can count: more than any event of an
/// election body, and small enough that no sum of them over the
/// activities of a repository comes near `u64::MAX`.
pub const MAX_PARTICIPANTS: i64 = 10_000_000;

const fn field(name: &'static str, ty: FieldType, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        doc,
        multiline: false,
    }
}

/// An optional text of paragraphs: line breaks allowed.
const fn prose(name: &'static str, doc: &'static str) -> Field {
    Field {
        multiline: true,
        ..field(name, FieldType::Text, doc)
    }
}

const fn required(name: &'static str, ty: FieldType, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: true,
        doc,
        multiline: false,
    }
}

/// Indonesian words editors naturally type for a key, so a message can
/// name the key they meant even when the spelling is nowhere near.
pub const ALIASES: &[(&str, &str)] = &[
    ("judul", "title"),
    ("nama", "name"),
    ("jenis", "kind"),
    ("nomor", "number"),
    ("lingkup", "scope"),
    ("topik", "topics"),
    ("ringkasan", "summary"),
    ("induk", "parent"),
    ("perpanjangan", "renews"),
    ("mengubah", "amends"),
    ("publik", "public"),
    ("tanggal", "dates"),
    ("mitra", "partners"),
    ("kegiatan", "activities"),
    ("tindak_lanjut", "activities"),
    ("evaluasi", "evaluations"),
    ("monev", "evaluations"),
    ("dokumen", "documents"),
    ("kategori", "category"),
    ("penandatangan", "signatory"),
    ("jabatan", "signatory_title"),
    ("situs", "website"),
    ("keterangan", "description"),
    ("tautan", "url"),
    ("hasil", "result"),
    ("catatan", "notes"),
    ("kendala", "obstacles"),
    ("jenis_kegiatan", "type"),
    ("tipe", "type"),
    ("luaran", "output"),
    ("keluaran", "output"),
    ("hasil_kegiatan", "output"),
    ("manfaat", "benefit"),
    ("peserta", "participants"),
    ("jumlah_peserta", "participants"),
    ("bukti", "evidence"),
    ("periode", "period"),
    ("dari", "from"),
    ("sampai", "to"),
    ("metode", "method"),
    ("catatan_kendala", "obstacle_notes"),
    ("rekomendasi", "recommendation"),
    ("berkas", "file"),
    ("tingkat", "level"),
    ("perencanaan", "planning"),
    ("perumusan", "drafting"),
    ("pembahasan", "negotiation"),
    ("pengesahan", "approval"),
    ("penandatanganan", "signed"),
    ("ditandatangani", "signed"),
    ("mulai", "starts"),
    ("berakhir", "expires"),
    ("diakhiri", "terminated"),
    ("durasi", "duration_months"),
    ("jangka_waktu", "duration_months"),
];

/// `[dates]` in an agreement's front matter.
pub static DATES: TableSpec = TableSpec {
    title: "[dates]",
    fields: &[
        field("planning", FieldType::Date, "perencanaan: planning started"),
        field("drafting", FieldType::Date, "perumusan: drafting started"),
        field(
            "negotiation",
            FieldType::Date,
            "pembahasan: negotiation started",
        ),
        field("approval", FieldType::Date, "pengesahan: approval"),
        field("signed", FieldType::Date, "penandatanganan: signing day"),
        field(
            "starts",
            FieldType::Date,
            "first day in force; defaults to `signed`",
        ),
        field(
            "expires",
            FieldType::Date,
            "last day in force; or give `duration_months`",
        ),
        field(
            "terminated",
            FieldType::Date,
            "ended early (diakhiri) or, if never signed, dropped (dibatalkan)",
        ),
        field(
            "duration_months",
            FieldType::Integer {
                min: 1,
                max: i64::MAX,
            },
            "length in calendar months from `starts`; instead of `expires`",
        ),
    ],
};

/// One `[[partners]]` entry of an agreement.
pub static PARTNER: TableSpec = TableSpec {
    title: "[[partners]]",
    fields: &[
        required(
            "name",
            FieldType::Text,
            "the partner organisation's full name",
        ),
        required(
            "category",
            FieldType::Choice(&closed::CATEGORIES),
            "what kind of organisation the partner is",
        ),
        field("signatory", FieldType::Text, "who signed for the partner"),
        field(
            "signatory_title",
            FieldType::Text,
            "the signatory's position",
        ),
        field("number", FieldType::Text, "the partner's document number"),
        field("website", FieldType::Url, "the partner's website"),
    ],
};

/// Proof that an activity happened (bukti): a file here or a link,
/// checked exactly like a document.
pub static EVIDENCE: TableSpec = TableSpec {
    title: "evidence",
    fields: &[
        field(
            "file",
            FieldType::Text,
            "a file in the repository, e.g. files/2025-sosialisasi.pdf; or give `url`",
        ),
        field("url", FieldType::Url, "a link to the proof; or give `file`"),
        field(
            "sha256",
            FieldType::Sha256,
            "SHA-256 of the file, checked when present",
        ),
    ],
};

/// One `[[activities]]` entry of an agreement.
pub static ACTIVITY: TableSpec = TableSpec {
    title: "[[activities]]",
    fields: &[
        required("date", FieldType::Date, "when the activity took place"),
        required("title", FieldType::Text, "what was done"),
        field(
            "type",
            FieldType::Choice(&closed::ACTIVITY_TYPES),
            "jenis kegiatan: what kind of activity it was",
        ),
        prose("description", "details; Markdown allowed"),
        prose(
            "output",
            "luaran: what it produced (a module, a report, trained people)",
        ),
        prose(
            "benefit",
            "manfaat: what it achieved for voters or the election",
        ),
        field(
            "participants",
            FieldType::Integer {
                min: 0,
                max: MAX_PARTICIPANTS,
            },
            "jumlah peserta: how many people took part",
        ),
        field("url", FieldType::Url, "a report or news item about it"),
        field(
            "evidence",
            FieldType::Table(&EVIDENCE),
            "bukti: a file under files/ or a link proving it took place",
        ),
    ],
};

/// The days an evaluation looks back on.
pub static PERIOD: TableSpec = TableSpec {
    title: "period",
    fields: &[
        required("from", FieldType::Date, "the first day evaluated"),
        required("to", FieldType::Date, "the last day evaluated"),
    ],
};

/// One `[[evaluations]]` entry of an agreement.
pub static EVALUATION: TableSpec = TableSpec {
    title: "[[evaluations]]",
    fields: &[
        required("date", FieldType::Date, "when the evaluation was made"),
        required(
            "result",
            FieldType::Choice(&closed::RESULTS),
            "how far the agreement is carried out",
        ),
        field(
            "period",
            FieldType::Table(&PERIOD),
            "periode: the days the evaluation covers, `{ from = ..., to = ... }`",
        ),
        field(
            "method",
            FieldType::Choice(&closed::EVALUATION_METHODS),
            "metode: how the evaluation was made",
        ),
        prose("notes", "findings"),
        field(
            "obstacles",
            FieldType::ChoiceList {
                choices: &closed::OBSTACLES,
                legacy_text: Some(LegacyText {
                    key: "obstacle_notes",
                    code: "obstacles-text",
                }),
            },
            "kendala: what stood in the way, from a closed list",
        ),
        prose(
            "obstacle_notes",
            "catatan kendala: the obstacles in the evaluators' own words",
        ),
        field(
            "recommendation",
            FieldType::Choice(&closed::RECOMMENDATIONS),
            "rekomendasi: what to do with the agreement next",
        ),
    ],
};

/// One `[[documents]]` entry of an agreement.
pub static DOCUMENT: TableSpec = TableSpec {
    title: "[[documents]]",
    fields: &[
        required("title", FieldType::Text, "what the document is"),
        field(
            "file",
            FieldType::Text,
            "a file in the repository, e.g. files/2025-mou-uns.pdf; or give `url`",
        ),
        field(
            "url",
            FieldType::Url,
            "a link to the document; or give `file`",
        ),
        field(
            "sha256",
            FieldType::Sha256,
            "SHA-256 of the file, checked when present",
        ),
    ],
};

/// An agreement's front matter: the TOML between the `+++` lines.
pub static AGREEMENT: TableSpec = TableSpec {
    title: "the front matter",
    fields: &[
        required("title", FieldType::Text, "the agreement's full title"),
        required(
            "kind",
            FieldType::Choice(&closed::KINDS),
            "what kind of agreement this is",
        ),
        field(
            "number",
            FieldType::Text,
            "the unit's document number; unique within the unit",
        ),
        field(
            "scope",
            FieldType::Choice(&closed::SCOPES),
            "domestic (default) or foreign",
        ),
        field(
            "topics",
            FieldType::TextList,
            "subjects, e.g. [\"pendidikan pemilih\"]",
        ),
        prose(
            "summary",
            "one or two sentences for listings and search; else the first paragraph",
        ),
        field(
            "parent",
            FieldType::Reference,
            "id of the MoU this PKS carries out",
        ),
        field(
            "renews",
            FieldType::Reference,
            "id of the earlier agreement this one extends (perpanjangan)",
        ),
        field(
            "amends",
            FieldType::Reference,
            "id of the agreement this addendum changes",
        ),
        field(
            "public",
            FieldType::Bool,
            "false keeps the agreement off the site (default true)",
        ),
        required(
            "dates",
            FieldType::Table(&DATES),
            "the lifecycle dates; at least one stage date",
        ),
        required(
            "partners",
            FieldType::TableList(&PARTNER),
            "the counterparties; at least one",
        ),
        field(
            "activities",
            FieldType::TableList(&ACTIVITY),
            "kegiatan: concrete joint activities",
        ),
        field(
            "evaluations",
            FieldType::TableList(&EVALUATION),
            "monitoring dan evaluasi (monev)",
        ),
        field(
            "documents",
            FieldType::TableList(&DOCUMENT),
            "signed scans and other documents",
        ),
    ],
};

/// A unit's `_unit.toml`.
pub static UNIT: TableSpec = TableSpec {
    title: "_unit.toml",
    fields: &[
        required("name", FieldType::Text, "the unit's full name"),
        required(
            "level",
            FieldType::Choice(&closed::LEVELS),
            "national > province > regency/city",
        ),
        field("short", FieldType::Text, "a short display name"),
        field("website", FieldType::Url, "the unit's website"),
        field(
            "region_code",
            FieldType::Text,
            "Kemendagri region code, e.g. 33.13",
        ),
        field(
            "reviewers",
            FieldType::ReviewerList,
            "GitHub users (@user), teams (@org/team) or e-mail addresses who review changes to this unit",
        ),
    ],
};

/// A `partners/<key>.toml` file of the partner register.
pub static REGISTERED_PARTNER: TableSpec = TableSpec {
    title: "the partner register entry",
    fields: &[
        required(
            "name",
            FieldType::Text,
            "the organisation's canonical full name, as the site shows it",
        ),
        field(
            "acronym",
            FieldType::Text,
            "singkatan, e.g. \"UNDIP\"; agreements may name the partner by it and search finds it",
        ),
        field(
            "aliases",
            FieldType::TextList,
            "other names agreements use for the same organisation",
        ),
        field(
            "parent",
            FieldType::Text,
            "the register key (file name without .toml) of the organisation this one is part of",
        ),
        field(
            "category",
            FieldType::Choice(&closed::CATEGORIES),
            "what kind of organisation the partner is",
        ),
        field("website", FieldType::Url, "the organisation's website"),
    ],
};

/// `[site]` in `pakta.toml`.
pub static SITE: TableSpec = TableSpec {
    title: "[site]",
    fields: &[
        field("title", FieldType::Text, "the site's title"),
        field(
            "base_url",
            FieldType::Url,
            "where the site is published, with any sub-path",
        ),
        field(
            "language",
            FieldType::Choice(&closed::LANGUAGES),
            "the language of the site's interface",
        ),
        field(
            "timezone",
            FieldType::Choice(&closed::TIME_ZONES),
            "decides what \"today\" is",
        ),
        field(
            "theme",
            FieldType::Text,
            "a folder under themes/ whose files override the default theme",
        ),
        field(
            "repository",
            FieldType::Url,
            "the Git repository's web address, for links to commits; on GitHub (https://github.com/OWNER/REPO) pages also link to edit, add and upload files",
        ),
        field(
            "branch",
            FieldType::Text,
            "the branch the site is published from, which the edit links propose changes to (default main)",
        ),
        field(
            "publisher",
            FieldType::Text,
            "who publishes the site, e.g. the office's name, shown on the About page",
        ),
        field(
            "contact_email",
            FieldType::Text,
            "an e-mail address for questions and corrections, shown on the About page",
        ),
        field(
            "contact_address",
            FieldType::Text,
            "the publisher's postal address, shown on the About page",
        ),
        field(
            "logo",
            FieldType::Text,
            "a logo image in the repository, e.g. files/logo.png, copied into the site and shown on the About page",
        ),
    ],
};

/// `[rules]` in `pakta.toml`: thresholds of the compliance checks.
pub static RULES: TableSpec = TableSpec {
    title: "[rules]",
    fields: &[
        field(
            "expiring_soon_days",
            FieldType::Integer { min: 0, max: 3650 },
            "days before expiry from which an agreement is \"segera berakhir\" (default 90)",
        ),
        field(
            "pks_deadline_months",
            FieldType::Integer { min: 0, max: 120 },
            "months within which an MoU must be followed by a PKS (default 6)",
        ),
        field(
            "dormant_months",
            FieldType::Integer { min: 0, max: 120 },
            "months without activity after which an agreement is flagged (default 6)",
        ),
    ],
};

/// `[reports]` in `pakta.toml`.
pub static REPORTS: TableSpec = TableSpec {
    title: "[reports]",
    fields: &[field(
        "months",
        FieldType::Integer { min: 1, max: 120 },
        "how many recent months, ending with today's, get a report page per unit; earlier ones get one per year (default 12)",
    )],
};

/// `[data]` in `pakta.toml`.
pub static DATA: TableSpec = TableSpec {
    title: "[data]",
    fields: &[field(
        "license",
        FieldType::Choice(&closed::LICENSES),
        "the licence of the open data under data/, by its SPDX id (default CC-BY-4.0)",
    )],
};

/// `[cms]` in `pakta.toml`: the editing forms `pakta build` writes under
/// `admin/`.
pub static CMS: TableSpec = TableSpec {
    title: "[cms]",
    fields: &[
        field(
            "script_url",
            FieldType::Url,
            "where the admin page loads the CMS script from (default: a pinned Decap CMS release on unpkg)",
        ),
        field(
            "script_integrity",
            FieldType::Text,
            "the script's Subresource Integrity hash, sha256-, sha384- or sha512- and the Base64 digest; required with `script_url`",
        ),
    ],
};

/// `pakta.toml`, the repository's settings.
pub static CONFIG: TableSpec = TableSpec {
    title: "pakta.toml",
    fields: &[
        field("site", FieldType::Table(&SITE), "site settings"),
        field("rules", FieldType::Table(&RULES), "compliance rules"),
        field(
            "reports",
            FieldType::Table(&REPORTS),
            "the site's Laporan section",
        ),
        field("data", FieldType::Table(&DATA), "the open data's licence"),
        field(
            "cms",
            FieldType::Table(&CMS),
            "editing forms under admin/ (Decap CMS); needs [site] repository",
        ),
    ],
};
