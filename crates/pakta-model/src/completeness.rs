//! What a record lacks that the rules expect, published so that units see
//! what to fill in and the public sees who keeps records well (as
//! contract-register watchdogs do). A gap is never an error: the agreement
//! is valid, only less useful to read.

use serde::Serialize;

use pakta_content::FrontMatter;

/// One thing a record lacks, with a stable kebab-case key for the catalog
/// (`gap-<key>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Gap {
    /// Signed, but no document (the signed text) is attached or linked.
    SignedText,
    /// Signed, but without the unit's document number.
    Number,
    /// Signed, but a partner's signatory is not named.
    Signatories,
    /// Signed, but neither `expires` nor `duration_months` is written.
    Term,
    /// An evaluation does not say which days it covers.
    EvaluationPeriod,
}

impl Gap {
    /// Every gap, in display order.
    pub const ALL: [Gap; 5] = [
        Gap::SignedText,
        Gap::Number,
        Gap::Signatories,
        Gap::Term,
        Gap::EvaluationPeriod,
    ];

    /// The gap's name in the data, e.g. `signed-text`.
    pub fn as_str(self) -> &'static str {
        match self {
            Gap::SignedText => "signed-text",
            Gap::Number => "number",
            Gap::Signatories => "signatories",
            Gap::Term => "term",
            Gap::EvaluationPeriod => "evaluation-period",
        }
    }
}

/// The gaps of one record, in [`Gap::ALL`] order. An agreement not yet
/// signed is expected to lack its signed text, number, signatories and
/// term, so only an evaluation without a period counts against it.
pub fn gaps(front: &FrontMatter) -> Vec<Gap> {
    let mut gaps = Vec::new();
    if front.dates.signed().is_some() {
        if front.documents.is_empty() {
            gaps.push(Gap::SignedText);
        }
        if front.number.is_none() {
            gaps.push(Gap::Number);
        }
        if front.partners.iter().any(|p| p.signatory.is_none()) {
            gaps.push(Gap::Signatories);
        }
        if front.dates.expires.is_none() && front.dates.duration_months.is_none() {
            gaps.push(Gap::Term);
        }
    }
    if front.evaluations.iter().any(|e| e.period.is_none()) {
        gaps.push(Gap::EvaluationPeriod);
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;
    use pakta_content::diagnostics::Spanned;
    use pakta_content::{Document, Evaluation, EvaluationPeriod, EvaluationResult, Kind};

    use crate::fixture::{self, at};

    /// An MoU with one partner, signed on 2025-01-10 or not signed at all.
    fn front(signed: bool) -> FrontMatter {
        let mut front = fixture::signed(Kind::Mou, "2025-01-10");
        if !signed {
            front.dates.signed = None;
        }
        front
    }

    /// An on-track evaluation, with or without the period it covers.
    fn evaluation(period: bool) -> Evaluation {
        let mut evaluation = fixture::evaluation("2025-06-01", EvaluationResult::OnTrack, &[]);
        evaluation.period = period.then(|| EvaluationPeriod {
            from: at("2025-01-10").expect("a date"),
            to: at("2025-05-31").expect("a date"),
        });
        evaluation
    }

    #[test]
    fn a_bare_signed_record_lacks_text_number_signatories_and_term() {
        assert_eq!(
            gaps(&front(true)),
            vec![Gap::SignedText, Gap::Number, Gap::Signatories, Gap::Term]
        );
    }

    #[test]
    fn a_record_not_yet_signed_lacks_nothing_it_could_have() {
        assert!(gaps(&front(false)).is_empty());
    }

    #[test]
    fn a_full_signed_record_is_complete() {
        let mut f = front(true);
        f.number = Some(Spanned::new("01/NK/2025".into(), 0..0));
        f.partners[0].signatory = Some("Rektor".into());
        f.dates.duration_months = Some(Spanned::new(24, 0..0));
        f.documents.push(Document {
            title: "Naskah".into(),
            file: None,
            url: Some("https://example.org/a.pdf".into()),
            sha256: None,
            span: 0..0,
        });
        f.evaluations.push(evaluation(true));
        assert!(gaps(&f).is_empty());
    }

    #[test]
    fn one_partner_without_a_signatory_is_a_gap() {
        let mut f = front(true);
        f.partners[0].signatory = Some("Rektor".into());
        let mut second = f.partners[0].clone();
        second.signatory = None;
        f.partners.push(second);
        assert!(gaps(&f).contains(&Gap::Signatories));
    }

    #[test]
    fn an_evaluation_without_a_period_is_a_gap_even_before_signing() {
        let mut f = front(false);
        f.evaluations.push(evaluation(true));
        assert!(gaps(&f).is_empty());
        f.evaluations.push(evaluation(false));
        assert_eq!(gaps(&f), vec![Gap::EvaluationPeriod]);
    }

    #[test]
    fn an_expiry_date_is_a_term() {
        let mut f = front(true);
        f.dates.expires = at("2027-01-09");
        assert!(!gaps(&f).contains(&Gap::Term));
    }
}
