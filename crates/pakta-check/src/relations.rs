//! `parent`, `renews` and `amends` must name real agreements of the right
//! kind, a signed PKS needs an MoU signed no later than itself, and
//! renewals must not go round in circles.

use foldhash::HashMap;

use pakta_content::diagnostics::{Diagnostic, Diagnostics, Spanned, nearest};
use pakta_content::hierarchy::folder_of;
use pakta_content::message::Message;
use pakta_content::{AgreementSource, Kind};

pub(crate) fn check(agreements: &[AgreementSource], out: &mut Diagnostics) {
    let by_id: HashMap<&str, &AgreementSource> =
        agreements.iter().map(|a| (a.id.as_str(), a)).collect();
    for agreement in agreements {
        let references = &agreement.references;
        for (key, reference) in [
            ("parent", &references.parent),
            ("renews", &references.renews),
            ("amends", &references.amends),
        ] {
            let Some(reference) = reference else { continue };
            check_reference(agreement, key, reference, &by_id, out);
        }
        let Some(front) = &agreement.front else {
            continue;
        };
        if let Some(amends) = &front.amends
            && front.kind != Kind::Addendum
        {
            out.push(
                Diagnostic::error(
                    &agreement.source,
                    amends.span.clone(),
                    "amends-not-addendum",
                    Message::new("amends-not-addendum").arg("kind", front.kind),
                )
                .with_help(Message::new("amends-not-addendum.help")),
            );
        }
    }
    renewal_cycles(agreements, &by_id, out);
}

fn check_reference(
    agreement: &AgreementSource,
    key: &str,
    reference: &Spanned<String>,
    by_id: &HashMap<&str, &AgreementSource>,
    out: &mut Diagnostics,
) {
    let span = reference.span.clone();
    let target_id = reference.value.trim_end_matches(".md");
    if target_id == agreement.id {
        out.push(Diagnostic::error(
            &agreement.source,
            span,
            "self-reference",
            Message::new("self-reference").arg("key", key),
        ));
        return;
    }
    let Some(target) = by_id.get(reference.value.as_str()) else {
        let mut diagnostic = Diagnostic::error(
            &agreement.source,
            span,
            "unknown-reference",
            Message::new("unknown-reference")
                .arg("key", key)
                .arg("value", &reference.value),
        );
        diagnostic = match nearest_id(&reference.value, &agreement.id, by_id) {
            Some(guess) => diagnostic.with_help(Message::new("did-you-mean").arg("guess", guess)),
            None => diagnostic.with_help(Message::new("unknown-reference.help")),
        };
        out.push(diagnostic);
        return;
    };
    if key == "parent"
        && let Some(kind) = target.front.as_ref().map(|f| f.kind)
        && kind != Kind::Mou
    {
        out.push(
            Diagnostic::error(
                &agreement.source,
                span,
                "parent-not-mou",
                Message::new("parent-not-mou")
                    .arg("value", &reference.value)
                    .arg("kind", kind),
            )
            .with_help(Message::new("parent-not-mou.help")),
        );
    }
    if key == "parent" {
        signed_after_parent(agreement, &reference.value, target, out);
    }
    if let (Some(front), Some(target_front)) = (&agreement.front, &target.front)
        && front.public
        && !target_front.public
    {
        // The open data leaves the reference out: a private agreement's
        // id is its file name, which can say what the agreement is.
        out.push(
            Diagnostic::warning(
                &agreement.source,
                reference.span.clone(),
                "reference-to-private",
                Message::new("reference-to-private")
                    .arg("key", key)
                    .arg("value", &reference.value),
            )
            .with_help(
                Message::new("reference-to-private.help")
                    .arg("key", key)
                    .arg("value", &reference.value),
            ),
        );
    }
}

/// A PKS carries out a signed MoU, so it cannot be signed before it, nor
/// while the MoU is still unsigned. An unsigned PKS may be prepared
/// alongside an MoU still in negotiation, which is common.
fn signed_after_parent(
    agreement: &AgreementSource,
    parent_id: &str,
    parent: &AgreementSource,
    out: &mut Diagnostics,
) {
    let (Some(front), Some(parent_front)) = (&agreement.front, &parent.front) else {
        return;
    };
    let Some(signed) = &front.dates.signed else {
        return;
    };
    let Some(reference) = &front.parent else {
        return;
    };
    match &parent_front.dates.signed {
        None => out.push(
            Diagnostic::error(
                &agreement.source,
                reference.span.clone(),
                "parent-not-signed",
                Message::new("parent-not-signed")
                    .arg("signed", signed.value)
                    .arg("parent", parent_id),
            )
            .with_help(Message::new("parent-not-signed.help").arg("file", &parent.source.path)),
        ),
        Some(parent_signed) if signed.value < parent_signed.value => out.push(
            Diagnostic::error(
                &agreement.source,
                signed.span.clone(),
                "signed-before-parent",
                Message::new("signed-before-parent")
                    .arg("signed", signed.value)
                    .arg("parent", parent_id)
                    .arg("parent_signed", parent_signed.value),
            )
            .with_help(Message::new("signed-before-parent.help")),
        ),
        Some(_) => {}
    }
}

/// The id an unknown reference most likely meant. Editors often write the
/// file name alone, so an agreement in the referring file's own folder
/// wins over a closer spelling elsewhere in the country.
fn nearest_id<'a>(
    reference: &str,
    referrer: &str,
    by_id: &HashMap<&'a str, &AgreementSource>,
) -> Option<&'a str> {
    let folder = folder_of(referrer);
    if !folder.is_empty()
        && let Some((id, _)) = by_id.get_key_value(format!("{folder}/{reference}").as_str())
    {
        return Some(id);
    }
    let prefix = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };
    // The referring agreement itself is never the answer: naming it is
    // its own mistake (`self-reference`).
    let others = || by_id.keys().copied().filter(|id| *id != referrer);
    let siblings: HashMap<&str, &'a str> = others()
        .filter(|id| folder_of(id) == folder)
        .map(|id| (&id[prefix.len()..], id))
        .collect();
    let short = reference.strip_prefix(prefix.as_str()).unwrap_or(reference);
    if let Some(sibling) = nearest(short, siblings.keys().copied()) {
        return siblings.get(sibling).copied();
    }
    nearest(reference, others())
}

/// Follows `renews` from every agreement; a chain that comes back to where
/// it started is reported on each of its members.
fn renewal_cycles(
    agreements: &[AgreementSource],
    by_id: &HashMap<&str, &AgreementSource>,
    out: &mut Diagnostics,
) {
    let renews = |id: &str| -> Option<&str> {
        by_id
            .get(id)?
            .front
            .as_ref()?
            .renews
            .as_ref()
            .map(|r| r.value.as_str())
    };
    // Most agreements renew nothing: no chain is started for them.
    for agreement in agreements.iter().filter(|a| renews(&a.id).is_some()) {
        let start = agreement.id.as_str();
        let mut chain = vec![start];
        let mut current = start;
        while let Some(next) = renews(current) {
            if next == start && chain.len() > 1 {
                let Some(span) = agreement
                    .front
                    .as_ref()
                    .and_then(|f| f.renews.as_ref())
                    .map(|r| r.span.clone())
                else {
                    break;
                };
                chain.push(start);
                out.push(
                    Diagnostic::error(
                        &agreement.source,
                        span,
                        "renewal-cycle",
                        Message::new("renewal-cycle").arg("chain", chain.join(" -> ")),
                    )
                    .with_help(Message::new("renewal-cycle.help")),
                );
                break;
            }
            if chain.contains(&next) || !by_id.contains_key(next) {
                break;
            }
            chain.push(next);
            current = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nearest_among(
        reference: &str,
        referrer: &str,
        ids: &[&'static str],
    ) -> Option<&'static str> {
        let source = AgreementSource {
            id: "x".into(),
            source: pakta_content::diagnostics::SourceFile::new("agreements/x.md", ""),
            front: None,
            references: pakta_content::References::default(),
            body: "".into(),
            text_links: Vec::new(),
        };
        let by_id: HashMap<&'static str, &AgreementSource> =
            ids.iter().map(|id| (*id, &source)).collect();
        nearest_id(reference, referrer, &by_id)
    }

    #[test]
    fn a_bare_file_name_finds_the_agreement_in_the_same_folder() {
        let ids = ["2022-mou-bssn", "jawa-tengah/karanganyar/2026-mou-uns"];
        assert_eq!(
            nearest_among("2026-mou-uns", "jawa-tengah/karanganyar/2026-pks-uns", &ids),
            Some("jawa-tengah/karanganyar/2026-mou-uns")
        );
    }

    #[test]
    fn a_typo_prefers_an_agreement_of_the_same_folder() {
        let ids = [
            "2026-mou-unsa",
            "jateng/2026-mou-uns",
            "jateng/2024-pks-uns",
        ];
        assert_eq!(
            nearest_among("2026-mou-unz", "jateng/2026-pks-uns", &ids),
            Some("jateng/2026-mou-uns")
        );
        assert_eq!(
            nearest_among("2026-mou-unz", "2026-pks-uns", &ids),
            Some("2026-mou-unsa")
        );
    }

    #[test]
    fn the_referring_agreement_is_never_suggested() {
        let ids = ["jateng/2024-pks-uns", "jateng/2021-mou-bawaslu-jateng"];
        assert_eq!(
            nearest_among("2024-mou-uns", "jateng/2024-pks-uns", &ids),
            None
        );
        assert_eq!(
            nearest_among("jateng/2024-mou-uns", "jateng/2024-pks-uns", &ids),
            None
        );
    }

    #[test]
    fn nothing_close_suggests_nothing() {
        let ids = ["jateng/2026-mou-uns"];
        assert_eq!(
            nearest_among("kemendagri", "jateng/2026-pks-uns", &ids),
            None
        );
    }
}
