//! An agreement's id is its page's path on the site, so an id may not begin
//! with a folder the site itself uses.

use pakta_content::AgreementSource;
use pakta_content::diagnostics::{Diagnostic, Diagnostics, Severity};
use pakta_content::message::Message;
use pakta_content::reserved::{RESERVED_SEGMENTS, is_reserved_segment};

pub(crate) fn check(agreements: &[AgreementSource], out: &mut Diagnostics) {
    for agreement in agreements {
        let first = agreement.id.split('/').next().unwrap_or_default();
        if is_reserved_segment(first) {
            out.push(
                Diagnostic::file_level(
                    Severity::Error,
                    &agreement.source.path,
                    "reserved-id",
                    Message::new("reserved-id")
                        .arg("id", &agreement.id)
                        .arg("first", first),
                )
                .with_help(
                    Message::new("reserved-id.help").list("reserved", RESERVED_SEGMENTS.iter()),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use pakta_content::reserved::is_reserved_segment;

    #[test]
    fn site_folders_and_numbered_sitemaps_are_reserved() {
        for name in [
            "assets",
            "search",
            "sitemap.xml",
            "sitemap-1.xml",
            "sitemap-12.xml",
        ] {
            assert!(is_reserved_segment(name), "{name}");
        }
        for name in [
            "jawa-tengah",
            "2025-mou-uns",
            "sitemap-x.xml",
            "sitemap-.xml",
            "sitemaps",
        ] {
            assert!(!is_reserved_segment(name), "{name}");
        }
    }
}
