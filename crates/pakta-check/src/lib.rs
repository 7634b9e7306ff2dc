//! The validation stage: rules that need more than one key, more than one
//! file, or the file system. Shape problems (unknown keys, wrong types)
//! were already reported by the loader.

mod cms_dates;
mod dates;
mod documents;
mod ids;
mod partners;
mod relations;
mod reserved;
mod text_links;
mod units;

use chrono::NaiveDate;
use rayon::prelude::*;

pub use documents::{Attachment, Attachments, KnownAttachments, attachment_key};

use pakta_content::diagnostics::Diagnostics;
use pakta_load::Sources;

/// Runs every rule and returns the facts about attached files that the
/// checks computed (sizes and SHA-256), so later stages need not hash again.
pub fn validate(sources: &Sources, today: NaiveDate) -> (Attachments, Diagnostics) {
    validate_reusing(sources, today, &mut KnownAttachments::default())
}

/// [`validate`], taking what is known of the document files from `known`
/// (see [`KnownAttachments`] for when) and leaving there what this run
/// learned, for the next: the preview hashes a national repository's
/// scans once, not after every edit.
pub fn validate_reusing(
    sources: &Sources,
    today: NaiveDate,
    known: &mut KnownAttachments,
) -> (Attachments, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let per_file: Vec<Diagnostics> = sources
        .agreements
        .par_iter()
        .filter_map(|a| {
            a.front
                .as_ref()
                .map(|front| dates::check(&a.source, front, today))
        })
        .collect();
    for local in per_file {
        diagnostics.extend(local.into_sorted());
    }
    // The rules run as two halves of about equal length at national scale
    // (the document check waits on the file system). Diagnostics are
    // sorted afterwards, so the order in which the halves finish does not
    // show.
    let ((attachments, documents), across) = rayon::join(
        || {
            let mut found = Diagnostics::new();
            let attachments =
                documents::check(&sources.root, &sources.agreements, known, &mut found);
            relations::check(&sources.agreements, &mut found);
            text_links::check(sources, &attachments, &mut found);
            (attachments, found)
        },
        || {
            let mut found = Diagnostics::new();
            reserved::check(&sources.agreements, &mut found);
            ids::check(sources, &mut found);
            units::check(sources, &mut found);
            partners::check(sources, &mut found);
            if sources.config.cms.is_some() {
                cms_dates::check(&sources.agreements, &mut found);
            }
            found
        },
    );
    diagnostics.extend(across.into_sorted());
    diagnostics.extend(documents.into_sorted());
    (attachments, diagnostics)
}
