//! Every human text of a report, by stable key, in Indonesian and English:
//! one table, so it can move into the theme's catalogs in one step. Names
//! of statuses, kinds, categories, flags and results are the site's own
//! (`site::i18n`), so a report and the site never call a thing differently.

pub use pakta_content::i18n::Lang;
use pakta_content::i18n::Texts;

/// The text for `key` in `lang`: this module's table first, then the
/// site's; the key itself when neither has it.
pub fn label(lang: Lang, key: &str) -> &str {
    match TABLE.binary_search_by(|(k, _, _)| (*k).cmp(key)) {
        Ok(i) => match lang {
            Lang::Id => TABLE[i].1,
            Lang::En => TABLE[i].2,
        },
        Err(_) => Texts::default_for(lang).text(key),
    }
}

/// Sorted by key (a unit test keeps it so).
const TABLE: &[(&str, &str, &str)] = &[
    ("activity-type-fasilitasi", "Fasilitasi", "Facilitation"),
    ("activity-type-lainnya", "Lainnya", "Other"),
    (
        "activity-type-narasumber",
        "Narasumber",
        "Speaker or expert",
    ),
    ("activity-type-pelatihan", "Pelatihan", "Training"),
    (
        "activity-type-pendidikan-pemilih",
        "Pendidikan pemilih",
        "Voter education",
    ),
    ("activity-type-penelitian", "Penelitian", "Research"),
    (
        "activity-type-pengawasan-partisipatif",
        "Pengawasan partisipatif",
        "Participatory oversight",
    ),
    (
        "activity-type-pertukaran-data",
        "Pertukaran data",
        "Data exchange",
    ),
    ("activity-type-publikasi", "Publikasi", "Publication"),
    (
        "activity-type-sosialisasi",
        "Sosialisasi",
        "Public outreach",
    ),
    ("method-kuesioner", "Kuesioner", "Questionnaire"),
    ("method-kunjungan", "Kunjungan lapangan", "Field visit"),
    ("method-lainnya", "Lainnya", "Other"),
    (
        "method-penilaian-ahli",
        "Penilaian ahli",
        "Expert assessment",
    ),
    (
        "method-rapat-evaluasi",
        "Rapat evaluasi",
        "Evaluation meeting",
    ),
    ("obstacle-anggaran", "Anggaran", "Budget"),
    (
        "obstacle-jadwal-tahapan",
        "Jadwal tahapan",
        "Election timetable",
    ),
    (
        "obstacle-komitmen-mitra",
        "Komitmen mitra",
        "Partner commitment",
    ),
    ("obstacle-koordinasi", "Koordinasi", "Coordination"),
    ("obstacle-lainnya", "Lainnya", "Other"),
    (
        "obstacle-pergantian-personel",
        "Pergantian personel",
        "Staff turnover",
    ),
    (
        "obstacle-regulasi-netralitas",
        "Regulasi/netralitas",
        "Rules or neutrality",
    ),
    ("recommendation-akhiri", "Akhiri", "End"),
    ("recommendation-lanjutkan", "Lanjutkan", "Continue"),
    ("recommendation-perpanjang", "Perpanjang", "Renew"),
    ("recommendation-revisi", "Revisi", "Revise"),
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
    ("report-expired", "Berakhir", "Expired"),
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
    ("report-in-force", "Berlaku", "In force"),
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
    ("report-renewed", "Diperpanjang", "Renewed"),
    ("report-result", "Hasil", "Result"),
    ("report-signed", "Ditandatangani", "Signed"),
    ("report-started", "Mulai berlaku", "Started"),
    ("report-subject", "Perubahan", "Change"),
    ("report-terminated", "Diakhiri", "Terminated"),
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
        assert_eq!(label(Lang::Id, "status-expired"), "Berakhir");
        assert_eq!(label(Lang::En, "flag-needs-pks"), "Needs a PKS");
    }
}
