//! Views of the evaluation analytics and unit scorecards: the monev page,
//! the scorecard section of unit pages, the ranking of the units below
//! one, and the short analytics block of the home page. Every figure comes
//! from `pakta_model::scorecard` and `pakta_model::monev`; this module only
//! arranges and labels them.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::charts::{Bar, Chart, StackedBar, bar_chart, stacked_chart};
use super::views::Links;
use pakta_content::i18n::{Lang, Texts};
use pakta_content::{EvaluationResult, Kind, Obstacle, Recommendation, Rules};
use pakta_model::monev::{ranked_obstacles, results_by_category};
use pakta_model::scorecard::{Ratio, Scorecard};
use pakta_model::{AgreementIx, Model, Status, UnitIx};

/// Agreements listed under each obstacle on the monev page; the rest are
/// counted, so a national page stays small at any size.
const AGREEMENTS_PER_OBSTACLE: usize = 20;
/// Months the expiry and activity charts cover.
const CHART_MONTHS: u32 = 12;

#[derive(Serialize)]
pub(crate) struct RatioView {
    pub part: usize,
    pub whole: usize,
    pub percent: Option<usize>,
}

impl From<Ratio> for RatioView {
    fn from(r: Ratio) -> RatioView {
        RatioView {
            part: r.part,
            whole: r.whole,
            percent: r.percent(),
        }
    }
}

/// A scorecard with its rules, for the formulas written beside it.
#[derive(Serialize)]
pub(crate) struct ScorecardView {
    pub pks_on_time: RatioView,
    pub active: RatioView,
    pub evaluated: RatioView,
    pub complete: RatioView,
    pub expiring_without_renewal: usize,
    /// The mean of the percentages above that apply, for the ranking.
    pub score: Option<usize>,
    pub pks_deadline_months: u32,
    pub dormant_months: u32,
    /// Agreements by the result of their latest recent evaluation.
    pub results: Vec<KeyCount>,
}

#[derive(Serialize)]
pub(crate) struct KeyCount {
    pub key: &'static str,
    pub count: usize,
}

pub(crate) fn scorecard_view(card: &Scorecard, rules: &Rules) -> ScorecardView {
    let ratios = [card.pks_on_time, card.active, card.evaluated, card.complete];
    let percents: Vec<usize> = ratios.iter().filter_map(Ratio::percent).collect();
    let score = (!percents.is_empty())
        .then(|| (percents.iter().sum::<usize>() * 2 + percents.len()) / (percents.len() * 2));
    ScorecardView {
        pks_on_time: card.pks_on_time.into(),
        active: card.active.into(),
        evaluated: card.evaluated.into(),
        complete: card.complete.into(),
        expiring_without_renewal: card.expiring_without_renewal,
        score,
        pks_deadline_months: rules.pks_deadline_months,
        dormant_months: rules.dormant_months,
        results: EvaluationResult::ALL
            .iter()
            .zip(card.evaluations.results)
            .map(|(r, count)| KeyCount {
                key: r.code(),
                count,
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub(crate) struct RankedUnit {
    pub rank: usize,
    pub name: String,
    pub href: String,
    pub card: ScorecardView,
}

/// The `units`, best score first; units with nothing to score come last,
/// then by name, so equal units always stand in the same order.
pub(crate) fn ranking(
    model: &Model,
    links: &Links,
    cards: &[Scorecard],
    units: &[UnitIx],
) -> Vec<RankedUnit> {
    let mut ranked: Vec<RankedUnit> = units
        .iter()
        .map(|&u| RankedUnit {
            rank: 0,
            name: model.units[u].display_name().to_string(),
            href: links.unit(&model.units[u].path),
            card: scorecard_view(&cards[u], &model.config.rules),
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.card
            .score
            .cmp(&a.card.score)
            .then_with(|| a.name.cmp(&b.name))
    });
    for (i, unit) in ranked.iter_mut().enumerate() {
        unit.rank = i + 1;
    }
    ranked
}

/// The site-wide card: every top unit's subtree.
pub(crate) fn site_card(model: &Model, cards: &[Scorecard]) -> Scorecard {
    let mut total = Scorecard::default();
    for (ix, unit) in model.units.iter().enumerate() {
        if unit.parent.is_none() {
            total.merge(&cards[ix]);
        }
    }
    total
}

#[derive(Serialize)]
pub(crate) struct HomeMonev {
    pub card: ScorecardView,
    pub obstacles: Vec<KeyCount>,
}

/// The home page's block: the evaluated share and the three obstacles
/// named most.
pub(crate) fn home_block(model: &Model, card: &Scorecard) -> HomeMonev {
    HomeMonev {
        card: scorecard_view(card, &model.config.rules),
        obstacles: obstacle_counts(card).into_iter().take(3).collect(),
    }
}

/// The obstacles recent evaluations name, most often named first.
pub(crate) fn obstacle_counts(card: &Scorecard) -> Vec<KeyCount> {
    let mut counts: Vec<KeyCount> = Obstacle::ALL
        .iter()
        .zip(card.evaluations.obstacles)
        .filter(|(_, n)| *n > 0)
        .map(|(o, count)| KeyCount {
            key: o.code(),
            count,
        })
        .collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.count));
    counts
}

#[derive(Serialize)]
pub(crate) struct AgreementLink<'a> {
    pub title: &'a str,
    pub href: String,
}

#[derive(Serialize)]
pub(crate) struct ObstacleView<'a> {
    pub key: &'static str,
    pub evaluations: usize,
    pub agreement_count: usize,
    pub agreements: Vec<AgreementLink<'a>>,
    pub more: usize,
}

#[derive(Serialize)]
pub(crate) struct CategoryResults {
    pub key: &'static str,
    pub results: [usize; EvaluationResult::ALL.len()],
}

#[derive(Serialize)]
pub(crate) struct MonevPage<'a> {
    pub card: ScorecardView,
    pub charts: Vec<Chart>,
    pub by_category: Vec<CategoryResults>,
    pub obstacles: Vec<ObstacleView<'a>>,
    pub recommendations: Vec<KeyCount>,
    pub units: Vec<RankedUnit>,
    pub window_from: Option<NaiveDate>,
}

pub(crate) fn page<'a>(
    model: &'a Model,
    links: &Links,
    (texts, lang): (&Texts, Lang),
    cards: &[Scorecard],
    public: &[AgreementIx],
) -> MonevPage<'a> {
    let card = site_card(model, cards);
    let obstacles = ranked_obstacles(model, public.iter().copied())
        .into_iter()
        .map(|rank| ObstacleView {
            key: rank.obstacle.code(),
            evaluations: rank.evaluations,
            agreement_count: rank.agreements.len(),
            more: rank
                .agreements
                .len()
                .saturating_sub(AGREEMENTS_PER_OBSTACLE),
            agreements: rank
                .agreements
                .iter()
                .take(AGREEMENTS_PER_OBSTACLE)
                .map(|&i| AgreementLink {
                    title: &model.agreements[i].front.title,
                    href: links.agreement(&model.agreements[i].id),
                })
                .collect(),
        })
        .collect();
    let top: Vec<UnitIx> = (0..model.units.len())
        .filter(|&u| model.units[u].parent.is_none())
        .flat_map(|u| model.units[u].children.iter().copied())
        .collect();
    MonevPage {
        charts: charts(model, (texts, lang), &card, public),
        card: scorecard_view(&card, &model.config.rules),
        by_category: results_by_category(model, public.iter().copied())
            .into_iter()
            .map(|(c, results)| CategoryResults {
                key: c.code(),
                results,
            })
            .collect(),
        obstacles,
        recommendations: Recommendation::ALL
            .iter()
            .zip(card.evaluations.recommendations)
            .map(|(r, count)| KeyCount {
                key: r.code(),
                count,
            })
            .collect(),
        units: ranking(model, links, cards, &top),
        window_from: model.today.checked_sub_months(Months::new(12)),
    }
}

/// A month as the site writes it elsewhere: "Desember 2026".
fn month_label(lang: Lang, first_day: NaiveDate) -> String {
    let code = format!("{:04}-{:02}", first_day.year(), first_day.month());
    lang.long_month(&code).unwrap_or(code)
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).expect("every month has a first day")
}

/// The charts of the monev page, each over the public agreements.
fn charts(
    model: &Model,
    (texts, lang): (&Texts, Lang),
    card: &Scorecard,
    public: &[AgreementIx],
) -> Vec<Chart> {
    let today = model.today;
    let agreements = || public.iter().map(|&i| &model.agreements[i]);
    let text = |key: &str| texts.text(key).to_string();
    let label = |field: &str, value: &str| texts.text(&format!("{field}-{value}")).to_string();

    // Signings per year, one bar a year with the kinds stacked in it.
    let mut signings: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for a in agreements() {
        if let Some(signed) = a.front.dates.signed().filter(|&s| s <= today) {
            let kind = Kind::ALL
                .iter()
                .position(|&k| k == a.front.kind)
                .expect("every kind is listed");
            signings
                .entry(signed.year())
                .or_insert_with(|| vec![0; Kind::ALL.len()])[kind] += 1;
        }
    }
    let signings_chart = stacked_chart(
        "chart-signings",
        &text("chart-signings"),
        &text("chart-signings-desc"),
        Kind::ALL.iter().map(|k| label("kind", k.code())).collect(),
        signings
            .into_iter()
            .map(|(year, values)| StackedBar {
                label: year.to_string(),
                total: values.iter().sum(),
                values,
            })
            .collect(),
    );

    let status_bars = Status::ALL
        .iter()
        .map(|&s| Bar {
            label: label("status", s.as_str()),
            value: agreements().filter(|a| a.status() == s).count(),
        })
        .filter(|b| b.value > 0)
        .collect();

    let this_month = first_of_month(today);
    let coming: Vec<NaiveDate> = (0..CHART_MONTHS)
        .filter_map(|m| this_month.checked_add_months(Months::new(m)))
        .collect();
    let mut expiries = vec![0usize; coming.len()];
    for a in agreements() {
        let upcoming = a.status() == Status::Signed || a.status().in_force();
        if let Some(end) = a.lifecycle.end.filter(|&e| upcoming && e >= today)
            && let Some(i) = coming.iter().position(|&m| m == first_of_month(end))
        {
            expiries[i] += 1;
        }
    }
    let expiry_bars = coming
        .iter()
        .zip(expiries)
        .map(|(&m, value)| Bar {
            label: month_label(lang, m),
            value,
        })
        .collect();

    let past: Vec<NaiveDate> = (0..CHART_MONTHS)
        .rev()
        .filter_map(|m| this_month.checked_sub_months(Months::new(m)))
        .collect();
    let mut activities = vec![0usize; past.len()];
    for a in agreements() {
        for activity in &a.front.activities {
            let date = activity.date.value;
            if date <= today
                && let Some(i) = past.iter().position(|&m| m == first_of_month(date))
            {
                activities[i] += 1;
            }
        }
    }
    let activity_bars = past
        .iter()
        .zip(activities)
        .map(|(&m, value)| Bar {
            label: month_label(lang, m),
            value,
        })
        .collect();

    let obstacle_bars = obstacle_counts(card)
        .into_iter()
        .map(|c| Bar {
            label: label("obstacle", c.key),
            value: c.count,
        })
        .collect();
    let result_bars = EvaluationResult::ALL
        .iter()
        .zip(card.evaluations.results)
        .map(|(r, value)| Bar {
            label: label("eval", r.code()),
            value,
        })
        .collect();

    let mut charts = vec![signings_chart];
    charts.extend(
        [
            ("chart-statuses", status_bars),
            ("chart-expiries", expiry_bars),
            ("chart-activities", activity_bars),
            ("chart-obstacles", obstacle_bars),
            ("chart-results", result_bars),
        ]
        .into_iter()
        .map(|(key, bars)| bar_chart(key, &text(key), &text(&format!("{key}-desc")), bars)),
    );
    charts
}
