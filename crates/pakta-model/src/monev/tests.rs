use super::*;
use crate::fixture::{day, evaluation, model, signed};
use pakta_content::{EvaluationResult as R, Kind, Obstacle as O};

#[test]
fn the_window_holds_both_of_its_ends_and_nothing_after_today() {
    let today = day("2026-11-01");
    assert!(dated_within([day("2025-11-01")], 12, today));
    assert!(!dated_within([day("2025-10-31")], 12, today));
    assert!(dated_within([today], 12, today));
    assert!(!dated_within([day("2026-11-02")], 12, today));
}

#[test]
fn months_are_clamped_to_the_end_of_a_shorter_month() {
    // 31 March minus one month is 28 February in 2027.
    let today = day("2027-03-31");
    assert!(dated_within([day("2027-02-28")], 1, today));
    assert!(!dated_within([day("2027-02-27")], 1, today));
}

#[test]
fn the_latest_recent_evaluation_gives_the_result() {
    let mut f = signed(Kind::Pks, "2024-01-01");
    f.evaluations = vec![
        evaluation("2026-06-01", R::NotImplemented, &[]),
        evaluation("2026-09-01", R::OnTrack, &[]),
        evaluation("2026-03-01", R::Partial, &[]),
    ];
    let m = model(vec![("b/one", f)], "2026-11-01");
    let latest = latest_recent_evaluation(&m.agreements[0], m.today).expect("evaluated");
    assert_eq!(latest.result, R::OnTrack);
    let mut tally = EvaluationTally::default();
    tally.add(&m.agreements[0], m.today);
    assert_eq!(tally.results, [1, 0, 0]);
    assert_eq!(tally.evaluated(), 1);
}

#[test]
fn obstacles_are_ranked_by_how_often_recent_evaluations_name_them() {
    let mut first = signed(Kind::Pks, "2024-01-01");
    first.evaluations = vec![
        evaluation("2026-02-01", R::Partial, &[O::Koordinasi, O::Anggaran]),
        evaluation("2026-08-01", R::Partial, &[O::Koordinasi]),
        // Outside the window: not counted.
        evaluation("2025-01-01", R::Partial, &[O::JadwalTahapan]),
    ];
    let mut second = signed(Kind::Pks, "2024-01-01");
    second.evaluations = vec![evaluation("2026-05-01", R::Partial, &[O::Anggaran])];
    let m = model(vec![("a/first", first), ("b/second", second)], "2026-11-01");
    let ranks = ranked_obstacles(&m, 0..m.agreements.len());
    let summary: Vec<(O, usize, Vec<usize>)> = ranks
        .into_iter()
        .map(|r| (r.obstacle, r.evaluations, r.agreements))
        .collect();
    // Equal counts keep the format's order: anggaran before koordinasi.
    assert_eq!(
        summary,
        vec![(O::Anggaran, 2, vec![0, 1]), (O::Koordinasi, 2, vec![0])]
    );
}

#[test]
fn results_by_category_count_an_agreement_under_each_of_its_categories() {
    let mut f = signed(Kind::Pks, "2024-01-01");
    let mut media = f.partners[0].clone();
    media.category = pakta_content::Category::Media;
    f.partners.push(media);
    f.evaluations = vec![evaluation("2026-06-01", R::Partial, &[])];
    let m = model(vec![("b/one", f)], "2026-11-01");
    assert_eq!(
        results_by_category(&m, [0]),
        vec![
            (pakta_content::Category::University, [0, 1, 0]),
            (pakta_content::Category::Media, [0, 1, 0]),
        ]
    );
}
