//! The one translation table of the site's interface, Indonesian and
//! English, and dates in each language's long form ("10 September 2025").

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Id,
    En,
}

impl Lang {
    /// `language` from pakta.toml; anything but "en" is Indonesian, the
    /// default of the content format.
    pub(crate) fn from_config(language: &str) -> Lang {
        if language.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Id
        }
    }

    pub(crate) fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// The interface text for `key`; the key itself when the table lacks
    /// it, so a theme's typo shows up on the page instead of failing a build.
    pub(crate) fn text(self, key: &str) -> &str {
        match TABLE.binary_search_by(|(k, _, _)| (*k).cmp(key)) {
            Ok(i) => match self {
                Lang::Id => TABLE[i].1,
                Lang::En => TABLE[i].2,
            },
            Err(_) => key,
        }
    }

    pub(crate) fn long_date(self, date: NaiveDate) -> String {
        let months = match self {
            Lang::Id => &ID_MONTHS,
            Lang::En => &EN_MONTHS,
        };
        format!(
            "{} {} {}",
            date.day(),
            months[date.month0() as usize],
            date.year()
        )
    }
}

const ID_MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// (key, Indonesian, English), sorted by key (a unit test keeps it so).
const TABLE: &[(&str, &str, &str)] = &[
    ("activities", "Tindak lanjut", "Activities"),
    (
        "activities-none",
        "Belum ada tindak lanjut yang dicatat.",
        "No activities recorded yet.",
    ),
    ("agreement", "Perjanjian", "Agreement"),
    ("agreements", "Perjanjian", "Agreements"),
    ("all-agreements", "Semua perjanjian", "All agreements"),
    ("amended-by", "Diubah oleh", "Amended by"),
    ("amends", "Mengubah", "Amends"),
    ("author", "Penulis", "Author"),
    ("breadcrumbs", "Navigasi remah roti", "Breadcrumbs"),
    (
        "by-category",
        "Menurut kategori mitra",
        "By partner category",
    ),
    ("by-kind", "Menurut jenis", "By kind"),
    ("by-status", "Menurut status", "By status"),
    ("by-year", "Menurut tahun", "By year"),
    ("calendar", "Kalender (iCalendar)", "Calendar (iCalendar)"),
    ("category", "Kategori", "Category"),
    ("category-company", "Perusahaan", "Company"),
    (
        "category-international",
        "Lembaga internasional",
        "International body",
    ),
    ("category-media", "Media", "Media"),
    ("category-ministry", "Kementerian", "Ministry"),
    (
        "category-ngo",
        "Organisasi masyarakat sipil",
        "Civil society organisation",
    ),
    ("category-other", "Lainnya", "Other"),
    (
        "category-professional-organization",
        "Organisasi profesi",
        "Professional organisation",
    ),
    (
        "category-regional-government",
        "Pemerintah daerah",
        "Regional government",
    ),
    ("category-school", "Lembaga pendidikan", "School"),
    (
        "category-state-institution",
        "Lembaga negara",
        "State institution",
    ),
    (
        "category-student-organization",
        "Organisasi mahasiswa",
        "Student organisation",
    ),
    ("category-university", "Perguruan tinggi", "University"),
    ("child-units", "Satuan kerja di bawahnya", "Units below"),
    ("commit", "Commit", "Commit"),
    ("date", "Tanggal", "Date"),
    ("days-left", "hari lagi", "days left"),
    ("days-over", "hari lalu berakhir", "days since it ended"),
    ("description", "Keterangan", "Description"),
    ("documents", "Dokumen", "Documents"),
    ("documents-none", "Belum ada dokumen.", "No documents yet."),
    ("download", "Unduh", "Download"),
    ("downloads", "Data terbuka", "Open data"),
    (
        "downloads-intro",
        "Semua data situs ini bebas diunduh dan dipakai ulang. Setiap berkas dibuat ulang setiap kali situs diterbitkan.",
        "All data on this site is free to download and reuse. Every file is regenerated each time the site is published.",
    ),
    (
        "eval-not-implemented",
        "Tidak terlaksana",
        "Not implemented",
    ),
    ("eval-on-track", "Sesuai rencana", "On track"),
    ("eval-partial", "Sebagian", "Partial"),
    (
        "evaluations",
        "Monitoring dan evaluasi",
        "Monitoring and evaluation",
    ),
    (
        "evaluations-none",
        "Belum ada evaluasi.",
        "No evaluations yet.",
    ),
    ("expires", "Berakhir", "Expires"),
    ("expiring-soon", "Segera berakhir", "Expiring soon"),
    (
        "expiring-window",
        "berakhir dalam {n} hari ke depan",
        "expiring in the next {n} days",
    ),
    ("feed", "Umpan Atom", "Atom feed"),
    ("field", "Kolom", "Field"),
    (
        "field-activities",
        "Tindak lanjut: tanggal, judul, keterangan, tautan.",
        "Activities: date, title, description, link.",
    ),
    (
        "field-amended_by",
        "Id adendum yang mengubah perjanjian ini.",
        "Ids of addenda that amend this agreement.",
    ),
    (
        "field-amends",
        "Id perjanjian yang diubah adendum ini.",
        "Id of the agreement this addendum amends.",
    ),
    (
        "field-children",
        "Id PKS yang melaksanakan MoU ini.",
        "Ids of the PKSs carrying out this MoU.",
    ),
    (
        "field-csv",
        "Kolom: id, title, kind, number, unit, unit_name, stage, status, flags, signed, starts, expires, partners, partner_categories, activities (jumlah), url. Tanggal berformat YYYY-MM-DD.",
        "Columns: id, title, kind, number, unit, unit_name, stage, status, flags, signed, starts, expires, partners, partner_categories, activities (count), url. Dates are YYYY-MM-DD.",
    ),
    (
        "field-dates",
        "Tanggal setiap tahapan (planning … signed), starts, expires, terminated, duration_months.",
        "The date of each stage (planning … signed), starts, expires, terminated, duration_months.",
    ),
    (
        "field-documents",
        "Dokumen: judul, berkas atau tautan, ukuran dan SHA-256 untuk berkas.",
        "Documents: title, file or link, size and SHA-256 for files.",
    ),
    (
        "field-ends",
        "Hari terakhir berlaku bila diakhiri lebih awal.",
        "The last day in force when ended early.",
    ),
    (
        "field-evaluations",
        "Monev: tanggal, hasil (on-track, partial, not-implemented), catatan, kendala.",
        "Evaluations: date, result (on-track, partial, not-implemented), notes, obstacles.",
    ),
    (
        "field-expires",
        "Tanggal berakhir (YYYY-MM-DD) atau null.",
        "Expiry date (YYYY-MM-DD) or null.",
    ),
    (
        "field-flags",
        "Tanda: needs-pks, no-activity, not-evaluated.",
        "Flags: needs-pks, no-activity, not-evaluated.",
    ),
    (
        "field-generated_on",
        "Tanggal acuan status (YYYY-MM-DD).",
        "The day statuses are computed for (YYYY-MM-DD).",
    ),
    (
        "field-id",
        "Pengenal: jalur berkas di bawah agreements/ tanpa .md; juga alamat halamannya.",
        "Identifier: the file's path below agreements/ without .md; also its page address.",
    ),
    (
        "field-kind",
        "Jenis: mou, pks, addendum, other.",
        "Kind: mou, pks, addendum, other.",
    ),
    (
        "field-number",
        "Nomor dokumen satuan kerja.",
        "The unit's document number.",
    ),
    (
        "field-parent",
        "Id MoU yang dilaksanakan PKS ini.",
        "Id of the MoU this PKS carries out.",
    ),
    (
        "field-partners",
        "Mitra: nama, kategori, penanda tangan, jabatan, nomor, situs web.",
        "Partners: name, category, signatory, title, number, website.",
    ),
    (
        "field-renewed_by",
        "Id perjanjian yang memperpanjangnya.",
        "Ids of the agreements renewing it.",
    ),
    (
        "field-renews",
        "Id perjanjian yang diperpanjang.",
        "Id of the agreement it renews.",
    ),
    (
        "field-scope",
        "Cakupan: domestic atau foreign.",
        "Scope: domestic or foreign.",
    ),
    (
        "field-stage",
        "Tahap terakhir yang dicapai.",
        "The latest stage reached.",
    ),
    (
        "field-starts",
        "Tanggal mulai berlaku atau null.",
        "Start date or null.",
    ),
    (
        "field-status",
        "Status per tanggal acuan: planning … active, expiring, expired, renewed, terminated, cancelled.",
        "Status as of the build date: planning … active, expiring, expired, renewed, terminated, cancelled.",
    ),
    ("field-summary", "Ringkasan singkat.", "Short summary."),
    ("field-title", "Judul perjanjian.", "The agreement's title."),
    ("field-topics", "Topik.", "Topics."),
    (
        "field-unit",
        "Folder satuan kerja (\"\" untuk pusat).",
        "The unit's folder (\"\" for the root).",
    ),
    ("field-unit_name", "Nama satuan kerja.", "The unit's name."),
    ("figures", "Angka utama", "Key figures"),
    (
        "file-agreement-json",
        "Di samping setiap halaman perjanjian: data perjanjian itu saja, dengan bentuk yang sama.",
        "Next to every agreement page: that agreement alone, in the same shape.",
    ),
    (
        "file-agreements-csv",
        "Satu baris per perjanjian, untuk lembar kerja. Sel yang diawali =, +, - atau @ diberi tanda kutip tunggal agar tidak dijalankan sebagai rumus.",
        "One row per agreement, for spreadsheets. Cells beginning with =, +, - or @ are prefixed with a single quote so they never run as formulas.",
    ),
    (
        "file-agreements-json",
        "Semua perjanjian publik dengan seluruh isian, status dan tanda per tanggal pembuatan. Bentuknya stabil dan dapat diandalkan skrip.",
        "Every public agreement with all its fields, status and flags as of the build date. Its shape is stable for scripts.",
    ),
    (
        "file-calendar",
        "Tanggal berakhir dan tenggat PKS yang akan datang, untuk aplikasi kalender. Tersedia juga per satuan kerja dan per mitra.",
        "Upcoming expiry dates and PKS deadlines, for calendar apps. Also available per unit and per partner.",
    ),
    (
        "file-feed",
        "Penandatanganan dan perubahan terbaru, untuk pembaca umpan. Tersedia juga per satuan kerja dan per mitra.",
        "Latest signings and changes, for feed readers. Also available per unit and per partner.",
    ),
    ("findings", "Temuan", "Findings"),
    (
        "findings-intro",
        "Perjanjian yang perlu perhatian: MoU yang belum ditindaklanjuti PKS, yang segera berakhir, yang berakhir tanpa perpanjangan, tanpa kegiatan, atau belum dievaluasi.",
        "Agreements that need attention: MoUs without a PKS, agreements expiring soon, expired without renewal, with no activity, or not evaluated.",
    ),
    ("findings-none", "Tidak ada temuan.", "No findings."),
    (
        "flag-expired",
        "Berakhir tanpa perpanjangan",
        "Expired without renewal",
    ),
    ("flag-expiring", "Segera berakhir", "Expiring soon"),
    ("flag-needs-pks", "Perlu PKS", "Needs a PKS"),
    ("flag-no-activity", "Tanpa kegiatan", "No activity"),
    ("flag-not-evaluated", "Belum dievaluasi", "Not evaluated"),
    (
        "headline-expiring",
        "Berakhir dalam 90 hari",
        "Expiring in 90 days",
    ),
    (
        "headline-in-force",
        "Perjanjian berlaku",
        "Agreements in force",
    ),
    ("headline-needs-pks", "MoU perlu PKS", "MoUs needing a PKS"),
    ("headline-no-activity", "Tanpa kegiatan", "With no activity"),
    (
        "headline-signed-this-year",
        "Ditandatangani tahun ini",
        "Signed this year",
    ),
    ("history", "Riwayat perubahan", "Revision history"),
    (
        "history-none",
        "Riwayat Git tidak tersedia untuk berkas ini.",
        "No Git history is available for this file.",
    ),
    ("home", "Beranda", "Home"),
    (
        "home-intro",
        "Situs ini mencatat setiap nota kesepahaman (MoU) dan perjanjian kerja sama (PKS) beserta mitra, status, tindak lanjut, evaluasi dan dokumennya. Datanya diambil langsung dari repositori sumber dan diperbarui setiap hari.",
        "This site records every memorandum of understanding (MoU) and cooperation agreement (PKS) with its partners, status, activities, evaluations and documents. It is built straight from the source repository and refreshed daily.",
    ),
    ("in-force", "Berlaku", "In force"),
    ("kind", "Jenis", "Kind"),
    ("kind-addendum", "Adendum", "Addendum"),
    (
        "kind-mou",
        "Nota Kesepahaman (MoU)",
        "Memorandum of Understanding (MoU)",
    ),
    ("kind-other", "Perjanjian lain", "Other agreement"),
    (
        "kind-pks",
        "Perjanjian Kerja Sama (PKS)",
        "Cooperation Agreement (PKS)",
    ),
    ("last-updated", "Terakhir diperbarui", "Last updated"),
    (
        "latest-signings",
        "Penandatanganan terbaru",
        "Latest signings",
    ),
    ("level-city", "Kota", "City"),
    ("level-national", "Nasional", "National"),
    ("level-province", "Provinsi", "Province"),
    ("level-regency", "Kabupaten", "Regency"),
    ("lifecycle", "Tahapan", "Lifecycle"),
    ("lists", "Daftar", "Lists"),
    ("main-nav", "Navigasi utama", "Main navigation"),
    ("next", "Berikutnya", "Next"),
    ("no-expiry", "Tanpa batas waktu", "Open-ended"),
    ("none", "Tidak ada.", "None."),
    ("not-found", "Halaman tidak ditemukan", "Page not found"),
    (
        "not-found-text",
        "Alamat ini tidak ada di situs. Mungkin perjanjiannya dipindahkan atau tidak dipublikasikan.",
        "There is no page at this address. The agreement may have moved or is not published.",
    ),
    ("notes", "Catatan", "Notes"),
    ("number", "Nomor", "Number"),
    ("obstacles", "Kendala", "Obstacles"),
    ("of-total", "dari", "of"),
    ("page", "Halaman", "Page"),
    ("pagination", "Halaman daftar", "Pagination"),
    ("partner", "Mitra", "Partner"),
    ("partner-number", "Nomor mitra", "Partner's number"),
    ("partners", "Mitra", "Partners"),
    ("partners-count", "mitra", "partners"),
    ("period", "Masa berlaku", "Period"),
    ("previous", "Sebelumnya", "Previous"),
    ("related", "Perjanjian terkait", "Related agreements"),
    ("renewed-by", "Diperpanjang oleh", "Renewed by"),
    ("renews", "Memperpanjang", "Renews"),
    ("result", "Hasil", "Result"),
    ("search", "Cari", "Search"),
    ("search-label", "Cari perjanjian", "Search agreements"),
    (
        "search-noscript",
        "Pencarian memerlukan JavaScript. Tanpa JavaScript, telusuri daftar perjanjian:",
        "Search needs JavaScript. Without it, browse the lists of agreements:",
    ),
    ("sha256", "SHA-256", "SHA-256"),
    ("signatory", "Penanda tangan", "Signatory"),
    ("signed", "Ditandatangani", "Signed"),
    ("size", "Ukuran", "Size"),
    ("skip", "Langsung ke isi", "Skip to content"),
    ("sort", "Urutkan", "Sort"),
    ("sort-expires", "Segera berakhir", "Expiring first"),
    ("sort-newest", "Terbaru", "Newest"),
    ("stage-approval", "Pengesahan", "Approval"),
    ("stage-drafting", "Perumusan", "Drafting"),
    ("stage-negotiation", "Pembahasan", "Negotiation"),
    ("stage-planning", "Perencanaan", "Planning"),
    ("stage-signed", "Penandatanganan", "Signing"),
    ("starts", "Mulai berlaku", "In force from"),
    ("status", "Status", "Status"),
    ("status-active", "Berlaku", "Active"),
    ("status-approval", "Pengesahan", "Approval"),
    ("status-cancelled", "Dibatalkan", "Cancelled"),
    ("status-drafting", "Perumusan", "Drafting"),
    ("status-expired", "Berakhir", "Expired"),
    ("status-expiring", "Segera berakhir", "Expiring"),
    ("status-negotiation", "Pembahasan", "Negotiation"),
    ("status-planning", "Perencanaan", "Planning"),
    ("status-renewed", "Diperpanjang", "Renewed"),
    (
        "status-signed",
        "Ditandatangani, belum berlaku",
        "Signed, not yet in force",
    ),
    ("status-terminated", "Diakhiri", "Terminated"),
    ("subject", "Perubahan", "Change"),
    ("summary", "Ringkasan", "Summary"),
    ("terminated", "Diakhiri", "Terminated"),
    ("text", "Naskah", "Text"),
    ("timeline-ends", "Berakhir", "Ends"),
    ("title", "Judul", "Title"),
    ("topics", "Topik", "Topics"),
    ("total", "Jumlah", "Total"),
    ("unit", "Satuan kerja", "Unit"),
    ("units", "Satuan kerja", "Units"),
    ("website", "Situs web", "Website"),
    ("year", "Tahun", "Year"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_has_no_duplicates() {
        for pair in TABLE.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
    }

    #[test]
    fn texts_and_dates_follow_the_language() {
        assert_eq!(Lang::Id.text("home"), "Beranda");
        assert_eq!(Lang::En.text("home"), "Home");
        assert_eq!(Lang::En.text("no-such-key"), "no-such-key");
        let date = NaiveDate::from_ymd_opt(2025, 9, 10).unwrap();
        assert_eq!(Lang::Id.long_date(date), "10 September 2025");
        assert_eq!(
            Lang::Id.long_date(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()),
            "1 Maret 2026"
        );
        assert_eq!(Lang::En.long_date(date), "10 September 2025");
        assert_eq!(Lang::from_config("en"), Lang::En);
        assert_eq!(Lang::from_config("id").code(), "id");
    }
}
