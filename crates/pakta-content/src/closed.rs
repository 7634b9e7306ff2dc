//! Every closed list of the content format, each defined once as an enum:
//! its codes (as written in the files), what each value means to an editor,
//! and the glossary section (`[terms.<section>]` in the message catalogs)
//! that names its values. The checker's spec, the JSON Schemas, the loader
//! and the catalogs' glossary checks all read these definitions.
//!
//! Tools built on the content format (an editing interface's field
//! options, an import mapping) iterate [`LISTS`]:
//!
//! ```
//! use pakta_content::closed::LISTS;
//!
//! for list in LISTS {
//!     for choice in list.choices {
//!         // `list.glossary`: the catalog section naming `choice.code`.
//!         let _ = (list.name, list.glossary, choice.code, choice.doc);
//!     }
//! }
//! ```
//!
//! In typed code, [`ClosedValue`] gives the same per enum.

use serde::Serialize;

/// One allowed value of a closed list, with what it means to an editor.
#[derive(Debug, PartialEq, Eq)]
pub struct Choice {
    /// The value as written in the content files.
    pub code: &'static str,
    /// What the value means, for editors (the glossary gives its name).
    pub doc: &'static str,
}

/// A closed list as data: the values of one enum, in order.
#[derive(Debug, PartialEq, Eq)]
pub struct ClosedList {
    /// The enum's name, e.g. `Kind`.
    pub name: &'static str,
    /// The glossary section naming each value (`[terms.<glossary>]` in
    /// `themes/default/i18n/*.toml`); `None` for lists the site never
    /// names (languages, time zones).
    pub glossary: Option<&'static str>,
    /// Every value, in the order the content format lists them.
    pub choices: &'static [Choice],
}

impl ClosedList {
    /// The codes, in order.
    pub fn codes(&self) -> impl Iterator<Item = &'static str> + use<> {
        self.choices.iter().map(|c| c.code)
    }

    /// The choice written as `code`, if it is one of the list's.
    pub fn choice(&self, code: &str) -> Option<&'static Choice> {
        self.choices.iter().find(|c| c.code == code)
    }

    /// The flattened catalog key naming `code` (`kind-mou`), for lists
    /// the glossary names.
    pub fn term_key(&self, code: &str) -> Option<String> {
        self.glossary.map(|section| format!("{section}-{code}"))
    }
}

/// A value of a closed list, for code generic over the lists (the
/// loader's typed reads, tests tying the lists to the catalogs).
pub trait ClosedValue: Copy + Sized + 'static {
    /// Every value, in the order of [`ClosedValue::list`].
    const ALL: &'static [Self];
    /// The list as data.
    fn list() -> &'static ClosedList;
    /// The value as written in the content files.
    fn code(self) -> &'static str;
    /// The value written as `code`, if it is one of the list's.
    fn parse(code: &str) -> Option<Self>;
}

/// Defines a closed list: the enum (each variant with its code and its
/// editor doc, which is also its rustdoc), its data as a `static`, and
/// [`ClosedValue`].
macro_rules! closed_list {
    (
        $(#[$meta:meta])*
        $name:ident in $list:ident, glossary $glossary:expr,
        { $($variant:ident = $code:literal : $doc:literal),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum $name {
            $(#[doc = $doc] #[serde(rename = $code)] $variant),+
        }

        #[doc = concat!("The values of [`", stringify!($name), "`] as data.")]
        pub static $list: ClosedList = ClosedList {
            name: stringify!($name),
            glossary: $glossary,
            choices: &[$(Choice { code: $code, doc: $doc }),+],
        };

        impl $name {
            /// All values, in the order the content format lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as written in the content files.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// The value written as `code`, if it is one of the list's.
            pub fn parse(code: &str) -> Option<Self> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl ClosedValue for $name {
            const ALL: &'static [Self] = $name::ALL;
            fn list() -> &'static ClosedList {
                &$list
            }
            fn code(self) -> &'static str {
                $name::code(self)
            }
            fn parse(code: &str) -> Option<Self> {
                $name::parse(code)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

/// Every closed list of the content format, in the order the format
/// introduces them.
pub static LISTS: [&ClosedList; 13] = [
    &KINDS,
    &SCOPES,
    &CATEGORIES,
    &RESULTS,
    &ACTIVITY_TYPES,
    &EVALUATION_METHODS,
    &OBSTACLES,
    &RECOMMENDATIONS,
    &LEVELS,
    &STAGES,
    &LANGUAGES,
    &TIME_ZONES,
    &LICENSES,
];

closed_list!(
    /// `kind`: what kind of agreement a file records.
    Kind in KINDS, glossary Some("kind"), {
        Mou = "mou": "memorandum of understanding: the frame",
        Pks = "pks": "the technical agreement carrying out an MoU",
        Addendum = "addendum": "changes an existing agreement (name it in `amends`)",
        Other = "other": "any other cooperation document",
    }
);

closed_list!(
    /// `scope`: whether the partners are Indonesian or foreign.
    Scope in SCOPES, glossary Some("scope"), {
        Domestic = "domestic": "with Indonesian partners (the default)",
        Foreign = "foreign": "with a foreign or international partner",
    }
);

closed_list!(
    /// A partner's `category`: what kind of organisation it is.
    Category in CATEGORIES, glossary Some("category"), {
        Ministry = "ministry": "a ministry",
        StateInstitution = "state-institution": "a state institution",
        RegionalGovernment = "regional-government": "a regional government",
        University = "university": "a university",
        School = "school": "a school or other educational institution (lembaga pendidikan lain)",
        ProfessionalOrganization = "professional-organization": "a professional organisation",
        Ngo = "ngo": "an NGO or civil-society organisation (LSM)",
        StudentOrganization = "student-organization": "a student organisation (perkumpulan mahasiswa)",
        Media = "media": "a media or press company (perusahaan media/pers)",
        Company = "company": "a company",
        International = "international": "an international or foreign institution",
        Other = "other": "any other kind of organisation",
    }
);

closed_list!(
    /// An evaluation's `result`: how far the agreement is carried out.
    EvaluationResult in RESULTS, glossary Some("eval"), {
        OnTrack = "on-track": "carried out as planned",
        Partial = "partial": "partly carried out",
        NotImplemented = "not-implemented": "not carried out",
    }
);

closed_list!(
    /// An activity's `type` (jenis kegiatan).
    ActivityType in ACTIVITY_TYPES, glossary Some("activity-type"), {
        Sosialisasi = "sosialisasi": "informing the public about elections or the agreement",
        PendidikanPemilih = "pendidikan-pemilih": "voter education for a group of voters",
        Penelitian = "penelitian": "research or a survey",
        Pelatihan = "pelatihan": "training (bimbingan teknis) for staff, volunteers or partners",
        Publikasi = "publikasi": "a publication, broadcast or campaign in the media",
        PertukaranData = "pertukaran-data": "data or information exchanged between the parties",
        PengawasanPartisipatif = "pengawasan-partisipatif": "citizens or partners taking part in election oversight",
        Narasumber = "narasumber": "a speaker or expert provided by one party",
        Fasilitasi = "fasilitasi": "facilities, venues or logistics provided by one party",
        Lainnya = "lainnya": "any other activity",
    }
);

closed_list!(
    /// An evaluation's `method` (metode): how it was made.
    EvaluationMethod in EVALUATION_METHODS, glossary Some("method"), {
        Kuesioner = "kuesioner": "a questionnaire or survey of participants",
        RapatEvaluasi = "rapat-evaluasi": "an evaluation meeting of the parties",
        Kunjungan = "kunjungan": "a field visit",
        PenilaianAhli = "penilaian-ahli": "an assessment by experts",
        Lainnya = "lainnya": "any other method",
    }
);

closed_list!(
    /// One of an evaluation's `obstacles` (kendala).
    Obstacle in OBSTACLES, glossary Some("obstacle"), {
        Anggaran = "anggaran": "no or too little budget",
        PergantianPersonel = "pergantian-personel": "the people responsible changed",
        KomitmenMitra = "komitmen-mitra": "the partner did not follow through",
        JadwalTahapan = "jadwal-tahapan": "the election timetable left no room",
        RegulasiNetralitas = "regulasi-netralitas": "rules or the need for neutrality stood in the way",
        Koordinasi = "koordinasi": "coordination between the parties failed",
        Lainnya = "lainnya": "any other obstacle (describe it in `obstacle_notes`)",
    }
);

closed_list!(
    /// An evaluation's `recommendation` (rekomendasi): what to do next.
    Recommendation in RECOMMENDATIONS, glossary Some("recommendation"), {
        Lanjutkan = "lanjutkan": "continue as agreed",
        Perpanjang = "perpanjang": "renew the agreement when it ends",
        Revisi = "revisi": "change the agreement (an addendum)",
        Akhiri = "akhiri": "end the agreement",
    }
);

closed_list!(
    /// A unit's `level`, ordered from the top of the hierarchy down.
    Level in LEVELS, glossary Some("level"), {
        National = "national": "KPU RI / Bawaslu RI",
        Province = "province": "a provincial body",
        Regency = "regency": "a regency (kabupaten) body",
        City = "city": "a city (kota) body",
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
    /// The lifecycle stages in order, each a key of `[dates]`; an
    /// agreement's stage is the latest one with a date.
    Stage in STAGES, glossary Some("stage"), {
        Planning = "planning": "perencanaan: planning started",
        Drafting = "drafting": "perumusan: drafting started",
        Negotiation = "negotiation": "pembahasan: negotiation started",
        Approval = "approval": "pengesahan: approval",
        Signed = "signed": "penandatanganan: signing day",
    }
);

closed_list!(
    /// `[site] language`: a language of the interface.
    Lang in LANGUAGES, glossary None, {
        Id = "id": "Bahasa Indonesia (default)",
        En = "en": "English",
    }
);

closed_list!(
    /// `[site] timezone`: Indonesia's three time zones (no daylight
    /// saving) and UTC.
    TimeZone in TIME_ZONES, glossary None, {
        AsiaJakarta = "Asia/Jakarta": "WIB, UTC+7 (default)",
        AsiaPontianak = "Asia/Pontianak": "WIB, UTC+7",
        AsiaMakassar = "Asia/Makassar": "WITA, UTC+8",
        AsiaJayapura = "Asia/Jayapura": "WIT, UTC+9",
        Utc = "UTC": "UTC",
    }
);

closed_list!(
    /// `[data] license`: the open licence of the site's data, by its SPDX
    /// id (titles and addresses in [`crate::licence::LICENCES`]).
    DataLicence in LICENSES, glossary None, {
        CcBy40 = "CC-BY-4.0": "Creative Commons Attribution 4.0 (default)",
        CcBySa40 = "CC-BY-SA-4.0": "Creative Commons Attribution-ShareAlike 4.0",
        Cc010 = "CC0-1.0": "Creative Commons Zero 1.0: no rights reserved",
        Odbl10 = "ODbL-1.0": "Open Data Commons Open Database License 1.0",
        OdcBy10 = "ODC-By-1.0": "Open Data Commons Attribution License 1.0",
        Pddl10 = "PDDL-1.0": "Open Data Commons Public Domain Dedication and License 1.0",
    }
);

impl TimeZone {
    /// Hours ahead of UTC; the zones keep no daylight saving.
    pub fn utc_offset_hours(self) -> i32 {
        match self {
            TimeZone::AsiaJakarta | TimeZone::AsiaPontianak => 7,
            TimeZone::AsiaMakassar => 8,
            TimeZone::AsiaJayapura => 9,
            TimeZone::Utc => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T: ClosedValue + PartialEq + std::fmt::Debug>() {
        let codes: Vec<&str> = T::ALL.iter().map(|v| v.code()).collect();
        assert_eq!(codes, T::list().codes().collect::<Vec<_>>());
        for value in T::ALL {
            assert_eq!(T::parse(value.code()), Some(*value));
        }
        assert!(LISTS.iter().any(|l| std::ptr::eq(*l, T::list())));
    }

    #[test]
    fn every_enum_and_its_list_agree_value_by_value() {
        round_trips::<Kind>();
        round_trips::<Scope>();
        round_trips::<Category>();
        round_trips::<EvaluationResult>();
        round_trips::<ActivityType>();
        round_trips::<EvaluationMethod>();
        round_trips::<Obstacle>();
        round_trips::<Recommendation>();
        round_trips::<Level>();
        round_trips::<Stage>();
        round_trips::<Lang>();
        round_trips::<TimeZone>();
    }

    #[test]
    fn lists_have_distinct_names_and_documented_distinct_codes() {
        let mut names: Vec<&str> = LISTS.iter().map(|l| l.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), LISTS.len());
        for list in LISTS {
            let mut codes: Vec<&str> = list.codes().collect();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), list.choices.len(), "{}", list.name);
            assert!(list.choices.iter().all(|c| !c.doc.trim().is_empty()));
        }
    }

    #[test]
    fn a_code_outside_the_list_parses_to_nothing() {
        assert_eq!(Kind::parse("MoU"), None);
        assert_eq!(KINDS.choice("mou").map(|c| c.code), Some("mou"));
        assert_eq!(KINDS.term_key("mou").as_deref(), Some("kind-mou"));
        assert_eq!(LANGUAGES.term_key("id"), None);
    }
}
