//! The content format as data: every table, key, type and allowed value of
//! an agreement's front matter, `_unit.toml` and `pakta.toml`. The reader
//! validates against these tables and `pakta schema` prints them as JSON
//! Schema, so the two can never disagree.

/// One allowed value of a closed list, with what it means to an editor.
#[derive(Debug)]
pub struct Choice {
    pub value: &'static str,
    pub doc: &'static str,
}

#[derive(Debug)]
pub enum FieldType {
    /// A non-empty string.
    Text,
    /// A bare TOML date (`2025-03-10`), no time, no quotes.
    Date,
    Integer {
        min: i64,
    },
    Bool,
    /// An array of non-empty strings.
    TextList,
    /// An array of code owners: `@user`, `@org/team` or an e-mail address
    /// (see `codeowners::is_valid_owner`).
    ReviewerList,
    Choice(&'static [Choice]),
    /// An `http` or `https` address.
    Url,
    /// 64 hexadecimal digits.
    Sha256,
    /// The id of another agreement.
    Reference,
    Table(&'static TableSpec),
    TableList(&'static TableSpec),
}

#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: FieldType,
    pub required: bool,
    pub doc: &'static str,
    /// Text that may break lines (see [`super::characters`]).
    pub multiline: bool,
}

#[derive(Debug)]
pub struct TableSpec {
    /// How messages name this table: "the front matter", "[dates]" ...
    pub title: &'static str,
    pub fields: &'static [Field],
}

impl TableSpec {
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    pub fn field_names(&self) -> impl Iterator<Item = &'static str> {
        self.fields.iter().map(|f| f.name)
    }
}

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

pub const KINDS: &[Choice] = &[
    Choice {
        value: "mou",
        doc: "Nota Kesepahaman (memorandum of understanding): the frame",
    },
    Choice {
        value: "pks",
        doc: "Perjanjian Kerja Sama: the technical agreement carrying out an MoU",
    },
    Choice {
        value: "addendum",
        doc: "Adendum: changes an existing agreement (name it in `amends`)",
    },
    Choice {
        value: "other",
        doc: "any other cooperation document",
    },
];

pub const SCOPES: &[Choice] = &[
    Choice {
        value: "domestic",
        doc: "with Indonesian partners (the default)",
    },
    Choice {
        value: "foreign",
        doc: "with a foreign or international partner",
    },
];

pub const CATEGORIES: &[Choice] = &[
    Choice {
        value: "ministry",
        doc: "kementerian",
    },
    Choice {
        value: "state-institution",
        doc: "lembaga negara",
    },
    Choice {
        value: "regional-government",
        doc: "pemerintah daerah",
    },
    Choice {
        value: "university",
        doc: "perguruan tinggi",
    },
    Choice {
        value: "school",
        doc: "lembaga pendidikan lain",
    },
    Choice {
        value: "professional-organization",
        doc: "organisasi profesi",
    },
    Choice {
        value: "ngo",
        doc: "LSM / organisasi masyarakat sipil",
    },
    Choice {
        value: "student-organization",
        doc: "perkumpulan mahasiswa",
    },
    Choice {
        value: "media",
        doc: "perusahaan media/pers",
    },
    Choice {
        value: "company",
        doc: "perusahaan",
    },
    Choice {
        value: "international",
        doc: "lembaga internasional/luar negeri",
    },
    Choice {
        value: "other",
        doc: "lainnya",
    },
];

pub const RESULTS: &[Choice] = &[
    Choice {
        value: "on-track",
        doc: "carried out as planned",
    },
    Choice {
        value: "partial",
        doc: "partly carried out",
    },
    Choice {
        value: "not-implemented",
        doc: "not carried out",
    },
];

pub const LEVELS: &[Choice] = &[
    Choice {
        value: "national",
        doc: "KPU RI / Bawaslu RI",
    },
    Choice {
        value: "province",
        doc: "provinsi",
    },
    Choice {
        value: "regency",
        doc: "kabupaten",
    },
    Choice {
        value: "city",
        doc: "kota",
    },
];

pub const LANGUAGES: &[Choice] = &[
    Choice {
        value: "id",
        doc: "Bahasa Indonesia (default)",
    },
    Choice {
        value: "en",
        doc: "English",
    },
];

/// Indonesia's three time zones (no daylight saving) and UTC.
pub const TIMEZONES: &[Choice] = &[
    Choice {
        value: "Asia/Jakarta",
        doc: "WIB, UTC+7 (default)",
    },
    Choice {
        value: "Asia/Pontianak",
        doc: "WIB, UTC+7",
    },
    Choice {
        value: "Asia/Makassar",
        doc: "WITA, UTC+8",
    },
    Choice {
        value: "Asia/Jayapura",
        doc: "WIT, UTC+9",
    },
    Choice {
        value: "UTC",
        doc: "UTC",
    },
];

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

/// The lifecycle stages, in order; the stage is the latest one present.
pub const STAGES: [&str; 5] = ["planning", "drafting", "negotiation", "approval", "signed"];

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
            FieldType::Integer { min: 1 },
            "length in calendar months from `starts`; instead of `expires`",
        ),
    ],
};

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
            FieldType::Choice(CATEGORIES),
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

pub static ACTIVITY: TableSpec = TableSpec {
    title: "[[activities]]",
    fields: &[
        required("date", FieldType::Date, "when the activity took place"),
        required("title", FieldType::Text, "what was done"),
        prose("description", "details; Markdown allowed"),
        field("url", FieldType::Url, "a report or news item about it"),
    ],
};

pub static EVALUATION: TableSpec = TableSpec {
    title: "[[evaluations]]",
    fields: &[
        required("date", FieldType::Date, "when the evaluation was made"),
        required(
            "result",
            FieldType::Choice(RESULTS),
            "how far the agreement is carried out",
        ),
        prose("notes", "findings"),
        prose("obstacles", "kendala: what stood in the way"),
    ],
};

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

pub static AGREEMENT: TableSpec = TableSpec {
    title: "the front matter",
    fields: &[
        required("title", FieldType::Text, "the agreement's full title"),
        required(
            "kind",
            FieldType::Choice(KINDS),
            "what kind of agreement this is",
        ),
        field(
            "number",
            FieldType::Text,
            "the unit's document number; unique within the unit",
        ),
        field(
            "scope",
            FieldType::Choice(SCOPES),
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
            "tindak lanjut: concrete joint activities",
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

pub static UNIT: TableSpec = TableSpec {
    title: "_unit.toml",
    fields: &[
        required("name", FieldType::Text, "the unit's full name"),
        required(
            "level",
            FieldType::Choice(LEVELS),
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
            FieldType::Choice(LANGUAGES),
            "the language of the site's interface",
        ),
        field(
            "timezone",
            FieldType::Choice(TIMEZONES),
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
            "the Git repository's web address, for links to commits",
        ),
    ],
};

pub static RULES: TableSpec = TableSpec {
    title: "[rules]",
    fields: &[
        field(
            "expiring_soon_days",
            FieldType::Integer { min: 0 },
            "days before expiry from which an agreement is \"segera berakhir\" (default 90)",
        ),
        field(
            "pks_deadline_months",
            FieldType::Integer { min: 0 },
            "months within which an MoU must be followed by a PKS (default 6)",
        ),
        field(
            "dormant_months",
            FieldType::Integer { min: 0 },
            "months without activity after which an agreement is flagged (default 6)",
        ),
    ],
};

pub static CONFIG: TableSpec = TableSpec {
    title: "pakta.toml",
    fields: &[
        field("site", FieldType::Table(&SITE), "site settings"),
        field("rules", FieldType::Table(&RULES), "compliance rules"),
    ],
};
