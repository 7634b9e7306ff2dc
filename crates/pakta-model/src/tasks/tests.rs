use super::*;
use crate::fixture::{at, day, model, signed};
use pakta_content::diagnostics::Spanned;
use pakta_content::{Activity, Kind};

/// (kind, due, agreement id or report's addressee) of every task of `unit`.
fn listed(model: &Model, unit: &str) -> Vec<(TaskKind, Option<NaiveDate>, String)> {
    let ix = model
        .units
        .iter()
        .position(|u| u.path == unit)
        .expect("a unit");
    tasks(model, &[ix])[0]
        .tasks
        .iter()
        .map(|t| {
            let name = match (t.agreement, t.report_to) {
                (Some(a), _) => model.agreements[a].id.clone(),
                (None, Some(u)) => format!("to:{}", model.units[u].path),
                (None, None) => String::new(),
            };
            (t.kind, t.due, name)
        })
        .collect()
}

/// A record with nothing missing: number, document, signatory, term.
fn complete(kind: Kind, signed_on: &str, expires: &str) -> pakta_content::FrontMatter {
    let mut front = signed(kind, signed_on);
    front.number = Some(Spanned::new("1/2025".into(), 0..0));
    front.dates.expires = at(expires);
    front.partners[0].signatory = Some("Rektor".into());
    front.documents = vec![pakta_content::Document {
        title: "Naskah".into(),
        file: None,
        url: Some("https://example.org/naskah.pdf".into()),
        sha256: None,
        span: 0..0,
    }];
    front
}

#[test]
fn a_pks_is_due_six_months_after_its_mou_clamped_to_february() {
    let model = model(
        vec![
            (
                "a/2025-mou",
                complete(Kind::Mou, "2025-08-31", "2029-08-30"),
            ),
            (
                "b/2027-mou",
                complete(Kind::Mou, "2027-08-31", "2031-08-30"),
            ),
        ],
        "2027-09-01",
    );
    // The 2025 MoU's PKS was due on 28 February 2026, long past; the 2027
    // one is due on 29 February 2028, a leap year.
    let a = listed(&model, "a");
    assert_eq!(
        a[0],
        (TaskKind::Pks, Some(day("2026-02-28")), "a/2025-mou".into())
    );
    let b = listed(&model, "b");
    assert_eq!(
        b[0],
        (TaskKind::Pks, Some(day("2028-02-29")), "b/2027-mou".into())
    );
    let ix = model.units.iter().position(|u| u.path == "a").expect("a");
    assert!(tasks(&model, &[ix])[0].tasks[0].overdue(model.today));
}

#[test]
fn an_agreement_ending_soon_is_reviewed_unless_a_renewal_is_under_way() {
    let mut renewal = complete(Kind::Other, "2026-01-10", "2028-01-09");
    renewal.dates.signed = None;
    renewal.dates.planning = at("2025-11-01");
    renewal.renews = Some(Spanned::new("a/2024-renewed".into(), 0..0));
    let model = model(
        vec![
            (
                "a/2024-ending",
                complete(Kind::Other, "2024-01-01", "2026-01-31"),
            ),
            (
                "a/2024-renewed",
                complete(Kind::Other, "2024-01-01", "2026-01-31"),
            ),
            ("a/2025-renewal", renewal),
        ],
        "2025-12-01",
    );
    let a = listed(&model, "a");
    assert!(a.contains(&(
        TaskKind::Review,
        Some(day("2026-01-31")),
        "a/2024-ending".into()
    )));
    assert!(
        !a.iter()
            .any(|t| t.0 == TaskKind::Review && t.2 == "a/2024-renewed")
    );
}

#[test]
fn an_evaluation_is_listed_once_due_within_the_window_of_what_is_soon() {
    let model = model(
        vec![
            // Started 31 Aug 2025: flagged from 31 Aug 2026, due 30 Aug.
            ("a/soon", complete(Kind::Other, "2025-08-31", "2029-08-30")),
            // Started 1 Jan 2026: due 31 Dec 2026, beyond 90 days.
            ("a/later", complete(Kind::Other, "2026-01-01", "2029-08-30")),
        ],
        "2026-06-15",
    );
    let a = listed(&model, "a");
    assert_eq!(
        a,
        vec![(
            TaskKind::Evaluation,
            Some(day("2026-08-30")),
            "a/soon".into()
        )]
    );
}

#[test]
fn records_to_complete_have_no_due_day_and_come_last() {
    let model = model(
        vec![
            ("a/bare", signed(Kind::Other, "2025-01-10")),
            ("a/mou", complete(Kind::Mou, "2025-08-31", "2029-08-30")),
        ],
        "2025-09-30",
    );
    let a = listed(&model, "a");
    assert_eq!(
        a,
        vec![
            (TaskKind::Pks, Some(day("2026-02-28")), "a/mou".into()),
            (TaskKind::Records, None, "a/bare".into()),
        ]
    );
    let ix = model.units.iter().position(|u| u.path == "a").expect("a");
    let records = &tasks(&model, &[ix])[0].tasks[1];
    assert_eq!(
        records.gaps,
        vec![Gap::SignedText, Gap::Number, Gap::Signatories, Gap::Term]
    );
}

#[test]
fn units_whose_subtree_was_busy_this_month_report_up_by_its_last_day() {
    // Started in June 2025: their evaluation is due after the window.
    let mut busy = complete(Kind::Other, "2025-06-01", "2029-01-09");
    busy.activities = vec![Activity {
        date: Spanned::new(day("2026-02-03"), 0..0),
        title: "Pelatihan petugas".into(),
        activity_type: None,
        description: None,
        output: None,
        benefit: None,
        participants: None,
        url: None,
        evidence: None,
    }];
    let model = model(
        vec![
            ("a/x/busy", busy),
            ("b/quiet", complete(Kind::Other, "2025-06-01", "2029-01-09")),
        ],
        "2026-02-10",
    );
    let due = Some(day("2026-02-28"));
    assert_eq!(
        listed(&model, "a/x"),
        vec![(TaskKind::Report, due, "to:a".into())]
    );
    assert_eq!(
        listed(&model, "a"),
        vec![(TaskKind::Report, due, "to:".into())]
    );
    assert_eq!(listed(&model, "b"), vec![]);
    // The root reports to no one.
    assert_eq!(listed(&model, ""), vec![]);
}
