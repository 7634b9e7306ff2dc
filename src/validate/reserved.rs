//! An agreement's id is its page's path on the site, so an id may not begin
//! with a folder the site itself uses.

use crate::content::AgreementSource;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::site::RESERVED_SEGMENTS;

pub fn check(agreements: &[AgreementSource], out: &mut Diagnostics) {
    for agreement in agreements {
        let first = agreement.id.split('/').next().unwrap_or_default();
        if RESERVED_SEGMENTS.contains(&first) {
            out.push(
                Diagnostic::file_level(
                    Severity::Error,
                    &agreement.source.path,
                    "reserved-id",
                    format!(
                        "the id \"{}\" starts with \"{first}\", which the site uses for its own pages",
                        agreement.id
                    ),
                )
                .with_help(format!(
                    "rename the file or its folder; these names are reserved: {}",
                    RESERVED_SEGMENTS.join(", ")
                )),
            );
        }
    }
}
