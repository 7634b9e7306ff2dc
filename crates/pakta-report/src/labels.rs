//! The report's own texts (headings, column names), by stable key, in
//! Indonesian and English. Names of statuses, kinds, categories, flags,
//! results, activity types, methods, obstacles and recommendations come
//! from the glossary of the message catalogs, so a report and the site
//! never call a thing differently.

pub use pakta_content::i18n::Lang;
use pakta_content::i18n::Texts;

/// The text for `key` in `lang`: this module's table first, then the
/// site's; the key itself when neither has it.
pub fn label(lang: Lang, key: &str) -> &str {
    let key = SITE_NAMES
        .iter()
        .find(|(own, _)| *own == key)
        .map_or(key, |(_, site)| site);
    match TABLE.binary_search_by(|(k, _, _)| (*k).cmp(key)) {
        Ok(i) => match lang {
            Lang::Id => TABLE[i].1,
            Lang::En => TABLE[i].2,
        },
        Err(_) => Texts::default_for(lang).text(key),
    }
}

/// The report's columns that count agreements by what happened to them
/// take the site's names for it.
const SITE_NAMES: &[(&str, &str)] = &[
    ("report-expired", "status-expired"),
    ("report-in-force", "in-force"),
    ("report-renewed", "status-renewed"),
    ("report-signed", "signed"),
    ("report-terminated", "status-terminated"),
];

/// Sorted by key (a unit test keeps it so).
const TABLE: &[(&str, &str, &str)] = &[
    ("report-activities", "Tindak lanjut", "Activities"),
    ("report-agreement", "Perjanjian", "Agreement"),
    ("report-agreements", "Perjanjian", "Agreements"),
    ("report-as-of", "Keadaan per", "As of"),
    ("report-by-unit", "Rincian per satuan kerja", "By unit"),
    (
        "report-changes",
        "Perubahan yang digabungkan",
        "Changes merged",
    ),
    ("report-commit", "Komit", "Commit"),
    ("report-count", "Jumlah", "Count"),
    ("report-date", "Tanggal", "Date"),
    (
        "report-evaluations",
        "Monitoring dan evaluasi",
        "Monitoring and evaluation",
    ),
    ("report-events", "Peristiwa bulan ini", "This month"),
    (
        "report-figures",
        "Angka per akhir bulan",
        "Figures at the month's end",
    ),
    (
        "report-findings",
        "Temuan per akhir bulan",
        "Findings at the month's end",
    ),
    ("report-method", "Metode", "Method"),
    ("report-month", "Bulan", "Month"),
    (
        "report-no-history",
        "Riwayat perubahan tidak tersedia",
        "No change history",
    ),
    ("report-none", "Tidak ada.", "None."),
    ("report-obstacles", "Kendala", "Obstacles"),
    ("report-participants", "Peserta", "Participants"),
    ("report-recommendation", "Rekomendasi", "Recommendation"),
    ("report-result", "Hasil", "Result"),
    ("report-started", "Mulai berlaku", "Started"),
    ("report-subject", "Perubahan", "Change"),
    ("report-title", "Laporan Kerja Sama", "Cooperation Report"),
    ("report-total", "Jumlah seluruhnya", "Total"),
    ("report-type", "Jenis", "Type"),
    ("report-unit", "Satuan kerja", "Unit"),
    ("report-unit-path", "Folder", "Folder"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use pakta_content::{ActivityType, EvaluationMethod, Obstacle, Recommendation};

    #[test]
    fn the_table_is_sorted_and_every_list_value_has_a_label() {
        assert!(
            TABLE.windows(2).all(|w| w[0].0 < w[1].0),
            "keep TABLE sorted"
        );
        let keys = ActivityType::ALL
            .iter()
            .map(|t| format!("activity-type-{t}"))
            .chain(EvaluationMethod::ALL.iter().map(|m| format!("method-{m}")))
            .chain(Obstacle::ALL.iter().map(|o| format!("obstacle-{o}")))
            .chain(
                Recommendation::ALL
                    .iter()
                    .map(|r| format!("recommendation-{r}")),
            );
        for key in keys {
            assert_ne!(label(Lang::Id, &key), key, "no Indonesian label for {key}");
            assert_ne!(label(Lang::En, &key), key, "no English label for {key}");
        }
    }

    #[test]
    fn names_the_site_already_has_come_from_the_site() {
        for lang in [Lang::Id, Lang::En] {
            let site = Texts::default_for(lang);
            assert_eq!(label(lang, "status-expired"), site.text("status-expired"));
            assert_eq!(label(lang, "flag-needs-pks"), site.text("flag-needs-pks"));
            assert_eq!(label(lang, "report-expired"), site.text("status-expired"));
            assert_eq!(label(lang, "report-in-force"), site.text("in-force"));
        }
    }
}
