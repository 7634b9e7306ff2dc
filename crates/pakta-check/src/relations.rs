//! `parent`, `renews` and `amends` must name real agreements of the right
//! kind, and renewals must not go round in circles.

use std::collections::HashMap;

use pakta_content::diagnostics::{Diagnostic, Diagnostics, Spanned, nearest};
use pakta_content::{AgreementSource, Kind};

pub(crate) fn check(agreements: &[AgreementSource], out: &mut Diagnostics) {
    let by_id: HashMap<&str, &AgreementSource> =
        agreements.iter().map(|a| (a.id.as_str(), a)).collect();
    for agreement in agreements {
        let Some(front) = &agreement.front else {
            continue;
        };
        for (key, reference) in [
            ("parent", &front.parent),
            ("renews", &front.renews),
            ("amends", &front.amends),
        ] {
            let Some(reference) = reference else { continue };
            check_reference(agreement, key, reference, &by_id, out);
        }
        if let Some(amends) = &front.amends
            && front.kind != Kind::Addendum
        {
            out.push(
                Diagnostic::error(
                    &agreement.source,
                    amends.span.clone(),
                    "amends-not-addendum",
                    format!(
                        "only an addendum can amend another agreement, but this is kind \"{}\"",
                        front.kind
                    ),
                )
                .with_help("set `kind = \"addendum\"`, or use `renews` for an extension or `parent` for a PKS"),
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
            format!("`{key}` names this agreement itself"),
        ));
        return;
    }
    let Some(target) = by_id.get(reference.value.as_str()) else {
        let mut diagnostic = Diagnostic::error(
            &agreement.source,
            span,
            "unknown-reference",
            format!(
                "`{key}` names \"{}\", but there is no such agreement",
                reference.value
            ),
        );
        diagnostic = match nearest(&reference.value, by_id.keys().copied()) {
            Some(guess) => diagnostic.with_help(format!("did you mean \"{guess}\"?")),
            None => diagnostic.with_help(
                "an id is the file's path below agreements/ without .md, e.g. \"jawa-tengah/2025-mou-undip\"",
            ),
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
                format!(
                    "`parent` must name an MoU, but \"{}\" is kind \"{kind}\"",
                    reference.value
                ),
            )
            .with_help(
                "a PKS carries out an MoU; to change an agreement use an addendum with `amends`",
            ),
        );
    }
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
    for agreement in agreements {
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
                        format!("`renews` goes round in a circle: {}", chain.join(" -> ")),
                    )
                    .with_help("a renewal names the earlier agreement it extends; the earliest one has no `renews`"),
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
