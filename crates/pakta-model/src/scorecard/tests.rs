use super::*;
use crate::fixture::{at, day, evaluation, model, signed};
use pakta_content::diagnostics::Spanned;
use pakta_content::{Activity, EvaluationResult};

#[test]
fn a_pks_signed_on_the_deadline_day_is_on_time() {
    // Signed 31 Jan, six months: due 31 Jul.
    let due = pks_outcome(
        day("2026-01-31"),
        Some(day("2026-07-31")),
        6,
        day("2026-11-01"),
    );
    assert_eq!(due, Some(true));
    let late = pks_outcome(
        day("2026-01-31"),
        Some(day("2026-08-01")),
        6,
        day("2026-11-01"),
    );
    assert_eq!(late, Some(false));
}

#[test]
fn without_a_pks_an_mou_is_late_only_after_the_deadline_day() {
    let signed = day("2026-01-31");
    assert_eq!(pks_outcome(signed, None, 6, day("2026-07-31")), None);
    assert_eq!(pks_outcome(signed, None, 6, day("2026-08-01")), Some(false));
}

#[test]
fn a_pks_dated_after_today_has_not_happened_yet() {
    let signed = day("2026-01-31");
    assert_eq!(
        pks_outcome(signed, Some(day("2026-07-01")), 6, day("2026-06-30")),
        None
    );
    assert_eq!(pks_outcome(signed, None, 6, day("2026-01-30")), None);
}

#[test]
fn ratios_round_half_up_and_an_empty_ratio_has_no_percentage() {
    assert_eq!(Ratio { part: 1, whole: 8 }.percent(), Some(13));
    assert_eq!(Ratio { part: 1, whole: 3 }.percent(), Some(33));
    assert_eq!(Ratio { part: 2, whole: 3 }.percent(), Some(67));
    assert_eq!(Ratio { part: 0, whole: 0 }.percent(), None);
}

fn activity(date: &str) -> Activity {
    Activity {
        date: Spanned::new(day(date), 0..0),
        title: "A".into(),
        activity_type: None,
        description: None,
        output: None,
        benefit: None,
        participants: None,
        url: None,
        evidence: None,
    }
}

#[test]
fn an_activity_exactly_dormant_months_ago_still_counts() {
    // dormant_months is 6 by default: the window opens 1 May for 1 Nov.
    let mut inside = signed(Kind::Pks, "2024-01-01");
    inside.activities.push(activity("2026-05-01"));
    let mut outside = signed(Kind::Pks, "2024-01-01");
    outside.activities.push(activity("2026-04-30"));
    let m = model(vec![("a/in", inside), ("a/out", outside)], "2026-11-01");
    let cards = scorecards(&m);
    let a = m.units.iter().position(|u| u.path == "a").expect("unit a");
    assert_eq!(cards[a].active, Ratio { part: 1, whole: 2 });
}

#[test]
fn an_evaluation_exactly_twelve_months_ago_still_counts() {
    let mut inside = signed(Kind::Pks, "2024-01-01");
    inside
        .evaluations
        .push(evaluation("2025-11-01", EvaluationResult::OnTrack, &[]));
    let mut outside = signed(Kind::Pks, "2024-01-01");
    outside
        .evaluations
        .push(evaluation("2025-10-31", EvaluationResult::Partial, &[]));
    let m = model(vec![("b/in", inside), ("b/out", outside)], "2026-11-01");
    let cards = scorecards(&m);
    let b = m.units.iter().position(|u| u.path == "b").expect("unit b");
    assert_eq!(cards[b].evaluated, Ratio { part: 1, whole: 2 });
    assert_eq!(cards[b].evaluations.results, [1, 0, 0]);
}

#[test]
fn agreements_not_in_force_are_outside_the_activity_and_evaluation_ratios() {
    let mut expired = signed(Kind::Pks, "2020-01-01");
    expired.dates.expires = at("2021-01-01");
    let m = model(vec![("b/old", expired)], "2026-11-01");
    let cards = scorecards(&m);
    assert_eq!(cards[0].active, Ratio::default());
    assert_eq!(cards[0].evaluated, Ratio::default());
    assert_eq!(cards[0].complete, Ratio { part: 0, whole: 1 });
}

#[test]
fn cards_roll_up_to_every_unit_above() {
    let mou = signed(Kind::Mou, "2025-01-01");
    let mut pks = signed(Kind::Pks, "2025-03-01");
    pks.parent = Some(Spanned::new("a/x/mou".into(), 0..0));
    let late = signed(Kind::Mou, "2025-01-01");
    let m = model(
        vec![("a/x/mou", mou), ("a/x/pks", pks), ("b/late", late)],
        "2026-11-01",
    );
    let cards = scorecards(&m);
    let position = |path: &str| m.units.iter().position(|u| u.path == path).expect("unit");
    assert_eq!(
        cards[position("a/x")].pks_on_time,
        Ratio { part: 1, whole: 1 }
    );
    assert_eq!(
        cards[position("a")].pks_on_time,
        Ratio { part: 1, whole: 1 }
    );
    assert_eq!(
        cards[position("b")].pks_on_time,
        Ratio { part: 0, whole: 1 }
    );
    assert_eq!(cards[position("")].pks_on_time, Ratio { part: 1, whole: 2 });
}

#[test]
fn an_expiring_agreement_counts_until_a_renewal_is_prepared() {
    let mut ending = signed(Kind::Mou, "2025-01-01");
    ending.dates.expires = at("2026-12-01");
    let alone = model(vec![("b/ending", ending.clone())], "2026-11-01");
    assert_eq!(scorecards(&alone)[0].expiring_without_renewal, 1);

    let mut renewal = signed(Kind::Mou, "2026-01-01");
    renewal.dates = pakta_content::Dates {
        planning: at("2026-10-01"),
        ..Default::default()
    };
    renewal.renews = Some(Spanned::new("b/ending".into(), 0..0));
    let prepared = model(
        vec![("b/ending", ending), ("b/renewal", renewal)],
        "2026-11-01",
    );
    assert_eq!(scorecards(&prepared)[0].expiring_without_renewal, 0);
}

#[test]
fn private_agreements_stay_off_the_card() {
    let mut private = signed(Kind::Mou, "2025-01-01");
    private.public = false;
    let m = model(vec![("b/private", private)], "2026-11-01");
    assert_eq!(scorecards(&m)[0], Scorecard::default());
}
