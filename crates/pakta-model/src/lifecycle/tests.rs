use super::*;
use pakta_content::diagnostics::Spanned;

fn d(text: &str) -> NaiveDate {
    text.parse().expect("test dates are valid")
}

fn at(text: &str) -> Option<Spanned<NaiveDate>> {
    Some(Spanned::new(d(text), 0..0))
}

/// A builder for the dates of an agreement under test.
#[derive(Default)]
struct Case {
    kind: Option<Kind>,
    dates: Dates,
    activities: Vec<NaiveDate>,
    evaluations: Vec<NaiveDate>,
    related: RelatedSignings,
}

impl Case {
    fn signed(date: &str) -> Self {
        let mut case = Case::default();
        case.dates.signed = at(date);
        case
    }

    fn mou(mut self) -> Self {
        self.kind = Some(Kind::Mou);
        self
    }

    fn starts(mut self, date: &str) -> Self {
        self.dates.starts = at(date);
        self
    }

    fn expires(mut self, date: &str) -> Self {
        self.dates.expires = at(date);
        self
    }

    fn months(mut self, months: u32) -> Self {
        self.dates.duration_months = Some(Spanned::new(months, 0..0));
        self
    }

    fn terminated(mut self, date: &str) -> Self {
        self.dates.terminated = at(date);
        self
    }

    fn activity(mut self, date: &str) -> Self {
        self.activities.push(d(date));
        self
    }

    fn evaluation(mut self, date: &str) -> Self {
        self.evaluations.push(d(date));
        self
    }

    fn renewal_signed(mut self, date: &str) -> Self {
        self.related.first_renewal_signed = Some(d(date));
        self
    }

    fn pks_signed(mut self, date: &str) -> Self {
        self.related.first_child_signed = Some(d(date));
        self
    }

    fn on(&self, today: &str) -> Lifecycle {
        let subject = Subject {
            kind: self.kind.unwrap_or(Kind::Other),
            dates: &self.dates,
            activity_dates: &self.activities,
            evaluation_dates: &self.evaluations,
        };
        compute(&subject, self.related, &Rules::default(), d(today))
    }

    fn status_on(&self, today: &str) -> Status {
        self.on(today).status
    }
}

#[test]
fn stage_is_the_latest_stage_with_a_date() {
    let mut case = Case::default();
    case.dates.planning = at("2025-01-06");
    case.dates.negotiation = at("2025-02-03");
    let lifecycle = case.on("2025-03-01");
    assert_eq!(lifecycle.stage, Stage::Negotiation);
    assert_eq!(lifecycle.status, Status::Negotiation);
    assert_eq!((lifecycle.starts, lifecycle.expires), (None, None));
}

#[test]
fn every_unsigned_stage_is_its_own_status() {
    for (stage, status) in [
        (Stage::Planning, Status::Planning),
        (Stage::Drafting, Status::Drafting),
        (Stage::Negotiation, Status::Negotiation),
        (Stage::Approval, Status::Approval),
    ] {
        let mut case = Case::default();
        match stage {
            Stage::Planning => case.dates.planning = at("2025-01-01"),
            Stage::Drafting => case.dates.drafting = at("2025-01-01"),
            Stage::Negotiation => case.dates.negotiation = at("2025-01-01"),
            Stage::Approval => case.dates.approval = at("2025-01-01"),
            Stage::Signed => unreachable!(),
        }
        assert_eq!(case.status_on("2025-06-01"), status);
    }
}

#[test]
fn in_force_on_the_expiry_day_itself_and_expired_the_day_after() {
    let case = Case::signed("2025-01-01").expires("2026-12-31");
    assert_eq!(case.status_on("2026-12-31"), Status::Expiring);
    assert_eq!(case.status_on("2027-01-01"), Status::Expired);
}

#[test]
fn expiring_window_opens_exactly_expiring_soon_days_before_the_end() {
    let case = Case::signed("2025-01-01").expires("2027-03-31");
    // 2027-03-31 minus 90 days is 2026-12-31.
    assert_eq!(case.status_on("2026-12-30"), Status::Active);
    assert_eq!(case.status_on("2026-12-31"), Status::Expiring);
}

#[test]
fn signed_until_the_day_it_starts() {
    let case = Case::signed("2026-11-01")
        .starts("2026-12-01")
        .expires("2028-11-30");
    assert_eq!(case.status_on("2026-11-30"), Status::Signed);
    assert_eq!(case.status_on("2026-12-01"), Status::Active);
}

#[test]
fn open_ended_agreements_stay_active() {
    let case = Case::signed("2015-01-01");
    let lifecycle = case.on("2030-01-01");
    assert_eq!(lifecycle.status, Status::Active);
    assert_eq!((lifecycle.expires, lifecycle.end), (None, None));
}

#[test]
fn duration_months_clamps_to_the_end_of_the_month() {
    // Jan 31 + 1 month = Feb 28, minus one day.
    let case = Case::signed("2025-01-31").months(1);
    assert_eq!(case.on("2025-02-01").expires, Some(d("2025-02-27")));
    // Mar 31 + 11 months = Feb 29 in a leap year.
    let case = Case::signed("2023-03-31").months(11);
    assert_eq!(case.on("2023-04-01").expires, Some(d("2024-02-28")));
    // From `starts`, not `signed`.
    let case = Case::signed("2025-01-10").starts("2025-02-01").months(24);
    assert_eq!(case.on("2025-03-01").expires, Some(d("2027-01-31")));
}

#[test]
fn leap_day_signings_add_months_to_the_last_day_of_february() {
    let case = Case::signed("2024-02-29").months(12);
    assert_eq!(case.on("2024-03-01").expires, Some(d("2025-02-27")));
    assert_eq!(case.status_on("2025-02-27"), Status::Expiring);
    assert_eq!(case.status_on("2025-02-28"), Status::Expired);
}

#[test]
fn needs_pks_from_the_day_after_the_deadline() {
    // 2024-02-29 + 6 months = 2024-08-29.
    let case = Case::signed("2024-02-29").expires("2029-02-28").mou();
    assert!(!case.on("2024-08-29").flags.contains(&Flag::NeedsPks));
    assert!(case.on("2024-08-30").flags.contains(&Flag::NeedsPks));
}

#[test]
fn needs_pks_only_for_mous() {
    let mut case = Case::signed("2024-01-01").expires("2029-01-01");
    case.kind = Some(Kind::Pks);
    assert!(!case.on("2025-01-01").flags.contains(&Flag::NeedsPks));
}

#[test]
fn a_pks_signed_by_today_satisfies_the_mou() {
    let case = Case::signed("2024-01-15")
        .expires("2029-01-14")
        .mou()
        .pks_signed("2025-03-01");
    assert!(case.on("2025-02-28").flags.contains(&Flag::NeedsPks));
    assert!(!case.on("2025-03-01").flags.contains(&Flag::NeedsPks));
}

#[test]
fn needs_pks_also_while_signed_but_not_started() {
    let case = Case::signed("2024-01-01")
        .starts("2025-01-01")
        .expires("2029-12-31")
        .mou();
    let lifecycle = case.on("2024-08-01");
    assert_eq!(lifecycle.status, Status::Signed);
    assert_eq!(lifecycle.flags, vec![Flag::NeedsPks]);
}

#[test]
fn past_termination_ends_a_signed_agreement_and_cancels_an_unsigned_one() {
    let signed = Case::signed("2024-01-01")
        .expires("2027-12-31")
        .terminated("2026-06-01");
    assert_eq!(signed.status_on("2026-06-01"), Status::Terminated);

    let mut unsigned = Case::default();
    unsigned.dates.planning = at("2026-01-01");
    unsigned.dates.terminated = at("2026-03-01");
    assert_eq!(unsigned.status_on("2026-02-28"), Status::Planning);
    assert_eq!(unsigned.status_on("2026-03-01"), Status::Cancelled);
}

#[test]
fn future_termination_brings_the_end_forward() {
    let case = Case::signed("2024-01-01")
        .expires("2027-12-31")
        .terminated("2026-06-01");
    let lifecycle = case.on("2026-02-01");
    assert_eq!(lifecycle.end, Some(d("2026-05-31")));
    assert_eq!(lifecycle.expires, Some(d("2027-12-31")));
    // 2026-05-31 minus 90 days is 2026-03-02.
    assert_eq!(case.status_on("2026-03-01"), Status::Active);
    assert_eq!(case.status_on("2026-03-02"), Status::Expiring);
    assert_eq!(case.status_on("2026-05-31"), Status::Expiring);
}

#[test]
fn future_termination_of_an_open_ended_agreement_sets_its_end() {
    let case = Case::signed("2024-01-01").terminated("2027-01-01");
    assert_eq!(case.on("2026-11-22").end, Some(d("2026-12-31")));
    assert_eq!(case.status_on("2026-11-22"), Status::Expiring);
}

#[test]
fn renewed_only_once_the_renewal_is_signed() {
    let case = Case::signed("2021-02-01")
        .expires("2026-01-31")
        .renewal_signed("2026-12-01");
    assert_eq!(case.status_on("2026-11-22"), Status::Expired);
    assert_eq!(case.status_on("2026-12-01"), Status::Renewed);
}

#[test]
fn a_renewal_signed_early_does_not_end_the_old_agreement_before_its_end() {
    let case = Case::signed("2021-02-01")
        .expires("2026-01-31")
        .renewal_signed("2025-12-01");
    assert_eq!(case.status_on("2026-01-31"), Status::Expiring);
    assert_eq!(case.status_on("2026-02-01"), Status::Renewed);
}

#[test]
fn no_activity_counts_the_cutoff_day_itself() {
    // today 2026-11-22: cutoff = 2026-05-22.
    let quiet = Case::signed("2025-01-01").expires("2028-12-31");
    assert!(quiet.on("2026-11-22").flags.contains(&Flag::NoActivity));
    let at_cutoff = Case::signed("2025-01-01")
        .expires("2028-12-31")
        .activity("2026-05-22");
    assert!(!at_cutoff.on("2026-11-22").flags.contains(&Flag::NoActivity));
    let before_cutoff = Case::signed("2025-01-01")
        .expires("2028-12-31")
        .activity("2026-05-21");
    assert!(
        before_cutoff
            .on("2026-11-22")
            .flags
            .contains(&Flag::NoActivity)
    );
    let future_only = Case::signed("2025-01-01")
        .expires("2028-12-31")
        .activity("2026-12-01");
    assert!(
        future_only
            .on("2026-11-22")
            .flags
            .contains(&Flag::NoActivity)
    );
}

#[test]
fn no_activity_waits_until_the_agreement_is_old_enough() {
    let young = Case::signed("2026-05-23").expires("2028-12-31");
    assert!(!young.on("2026-11-22").flags.contains(&Flag::NoActivity));
    let old_enough = Case::signed("2026-05-22").expires("2028-12-31");
    assert!(
        old_enough
            .on("2026-11-22")
            .flags
            .contains(&Flag::NoActivity)
    );
}

#[test]
fn not_evaluated_looks_back_twelve_months() {
    let case = Case::signed("2024-01-01")
        .expires("2028-12-31")
        .activity("2026-11-01");
    assert_eq!(case.on("2026-11-22").flags, vec![Flag::NotEvaluated]);
    let evaluated = Case::signed("2024-01-01")
        .expires("2028-12-31")
        .activity("2026-11-01")
        .evaluation("2025-11-22");
    assert!(evaluated.on("2026-11-22").flags.is_empty());
    // A leap-day today: 12 months back is 2023-02-28.
    let leap = Case::signed("2020-01-01")
        .expires("2028-12-31")
        .activity("2024-02-01")
        .evaluation("2023-02-28");
    assert!(leap.on("2024-02-29").flags.is_empty());
}

#[test]
fn flags_come_in_the_documented_order_and_only_in_force() {
    let case = Case::signed("2020-01-01").expires("2030-12-31").mou();
    assert_eq!(
        case.on("2026-11-22").flags,
        vec![Flag::NeedsPks, Flag::NoActivity, Flag::NotEvaluated]
    );
    assert!(case.on("2031-01-01").flags.is_empty());
}

/// `unevaluated_from` names exactly the first day the flag's own test is on,
/// across month ends and a leap day.
#[test]
fn the_evaluation_due_is_the_last_day_before_the_not_evaluated_flag() {
    let cases: [(&str, &[&str], &str, &str); 5] = [
        // Started 31 Aug 2025, never evaluated: started 12 months before
        // 31 Aug 2026, flagged from that day.
        ("2025-08-31", &[], "2026-01-01", "2026-08-31"),
        // Started on a leap day: the window clamps to 28 Feb, so the flag
        // is on from 1 March.
        ("2024-02-29", &[], "2024-06-01", "2025-03-01"),
        // Evaluated on 31 March 2026: a year later, from 1 April 2027.
        ("2025-01-15", &["2026-03-31"], "2026-11-01", "2027-04-01"),
        // Evaluated on 29 Feb 2028: 28 Feb 2029 is still in the window.
        ("2027-01-01", &["2028-02-29"], "2028-03-01", "2029-03-01"),
        // An evaluation dated after today does not count yet.
        ("2025-08-31", &["2026-12-01"], "2026-11-01", "2026-08-31"),
    ];
    for (starts, evaluations, today, expected) in cases {
        let dates: Vec<NaiveDate> = evaluations.iter().map(|e| d(e)).collect();
        let from = unevaluated_from(d(starts), &dates, d(today));
        assert_eq!(from, Some(d(expected)), "{starts} {evaluations:?}");
        let known: Vec<NaiveDate> = dates.iter().copied().filter(|x| *x <= d(today)).collect();
        let day_before = d(expected).pred_opt().expect("a day");
        assert!(!quiet_since(d(starts), &known, 12, day_before));
        assert!(quiet_since(d(starts), &known, 12, d(expected)));
    }
}
