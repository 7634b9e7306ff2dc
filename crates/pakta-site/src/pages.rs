//! Views of the overview pages: home, units, partners and findings.

use super::edit_links::UnitEditLinks;
use chrono::NaiveDate;
use serde::Serialize;

use super::monev::{self, HomeMonev, KeyCount, RankedUnit, ScorecardView};
use super::reports::PeriodLink;

use super::views::{
    AgreementRow, Count, Crumb, HeadlineFigures, Links, PartnerEntry, RowHtml, Rows, breadcrumbs,
    findings,
};
use pakta_content::{Category, Kind};
use pakta_model::scorecard::Scorecard;
use pakta_model::{AgreementIx, Model, Status, UnitIx};

fn rows_of<'a>(rows: &Rows<'a>, ixs: impl IntoIterator<Item = AgreementIx>) -> Vec<RowHtml<'a>> {
    ixs.into_iter().filter_map(|i| rows.cell(i)).collect()
}

#[derive(Serialize)]
pub(crate) struct CategoryCount {
    pub key: &'static str,
    pub partners: usize,
    pub agreements: usize,
    pub href: String,
}

#[derive(Serialize)]
pub(crate) struct HomePage<'a> {
    pub figures: HeadlineFigures,
    pub partner_total: usize,
    pub categories: Vec<CategoryCount>,
    pub statuses: Vec<Count>,
    pub kinds: Vec<Count>,
    pub latest: Vec<RowHtml<'a>>,
    pub expiring: Vec<RowHtml<'a>>,
    pub monev: HomeMonev,
}

/// How many agreements the home page lists as newest and as expiring.
const HOME_LIST: usize = 8;

pub(crate) fn home<'a>(
    model: &Model,
    links: &Links,
    rows: &Rows<'a>,
    partners: &[PartnerEntry],
    public: &[AgreementIx],
    cards: &[Scorecard],
) -> HomePage<'a> {
    let today = model.today;
    // One pass over the public agreements for the three tallies, each
    // kept in the order of its closed list.
    let mut by_category = [0usize; Category::ALL.len()];
    let mut by_status = [0usize; Status::ALL.len()];
    let mut by_kind = [0usize; Kind::ALL.len()];
    for &i in public {
        let agreement = &model.agreements[i];
        for category in agreement.partner_categories() {
            if let Some(at) = Category::ALL.iter().position(|&c| c == category) {
                by_category[at] += 1;
            }
        }
        if let Some(at) = Status::ALL.iter().position(|&s| s == agreement.status()) {
            by_status[at] += 1;
        }
        if let Some(at) = Kind::ALL.iter().position(|&k| k == agreement.front.kind) {
            by_kind[at] += 1;
        }
    }
    let categories = Category::ALL
        .iter()
        .zip(by_category)
        .map(|(&c, agreements)| CategoryCount {
            key: c.code(),
            partners: partners
                .iter()
                .filter(|p| p.categories.contains(&c))
                .count(),
            agreements,
            href: format!("{}lists/category/{c}/", links.base),
        })
        .filter(|c| c.agreements > 0)
        .collect();
    let statuses = Status::ALL
        .iter()
        .zip(by_status)
        .map(|(&s, count)| Count {
            key: s.as_str(),
            count,
            href: format!("{}lists/status/{s}/", links.base),
        })
        .filter(|c| c.count > 0)
        .collect();
    let kinds = Kind::ALL
        .iter()
        .zip(by_kind)
        .map(|(&k, count)| Count {
            key: k.code(),
            count,
            href: format!("{}lists/kind/{k}/", links.base),
        })
        .filter(|c| c.count > 0)
        .collect();
    // The eight newest signatures: each date read once, and only the
    // newest put in order (ties by position, so the choice is the same).
    let mut signed: Vec<(std::cmp::Reverse<NaiveDate>, AgreementIx)> = public
        .iter()
        .filter_map(|&i| {
            let signed = model.agreements[i].front.dates.signed()?;
            (signed <= today).then_some((std::cmp::Reverse(signed), i))
        })
        .collect();
    if signed.len() > HOME_LIST {
        signed.select_nth_unstable(HOME_LIST);
        signed.truncate(HOME_LIST);
    }
    signed.sort_unstable();
    let mut expiring: Vec<AgreementIx> = public
        .iter()
        .copied()
        .filter(|&i| model.agreements[i].status() == Status::Expiring)
        .collect();
    expiring.sort_by_key(|&i| (model.agreements[i].lifecycle.end, i));
    HomePage {
        figures: HeadlineFigures::of(public.iter().map(|&i| &model.agreements[i]), today),
        partner_total: partners.len(),
        categories,
        statuses,
        kinds,
        latest: rows_of(rows, signed.into_iter().map(|(_, i)| i)),
        expiring: rows_of(rows, expiring.into_iter().take(HOME_LIST)),
        monev: monev::home_block(model, &monev::site_card(model, cards)),
    }
}

#[derive(Serialize)]
pub(crate) struct Finding<'a> {
    pub agreement: &'a AgreementRow,
    pub findings: Vec<&'static str>,
}

fn findings_of<'a>(model: &Model, rows: &Rows<'a>, ixs: &[AgreementIx]) -> Vec<Finding<'a>> {
    ixs.iter()
        .filter_map(|&i| {
            let found = findings(&model.agreements[i]);
            let row = rows.row(i)?;
            (!found.is_empty()).then_some(Finding {
                agreement: row,
                findings: found,
            })
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct ChildUnit {
    pub name: String,
    pub href: String,
    pub level: &'static str,
    pub figures: HeadlineFigures,
}

#[derive(Serialize)]
pub(crate) struct UnitPage<'a> {
    pub name: &'a str,
    pub short: Option<&'a str>,
    pub level: &'static str,
    pub website: Option<&'a str>,
    pub region_code: Option<&'a str>,
    pub breadcrumbs: Vec<Crumb>,
    /// The unit and every unit below it.
    pub figures: HeadlineFigures,
    /// The unit's own agreements only (in its folder, not below it), so
    /// the page can offer both counts side by side.
    pub own_figures: HeadlineFigures,
    /// How many units are below the unit, at every depth.
    pub units_below: usize,
    pub children: Vec<ChildUnit>,
    /// The scorecard of the unit and every unit below it.
    pub scorecard: ScorecardView,
    /// Where that scorecard ranks among the units beside it (the units
    /// directly below the same parent); `None` for the root.
    pub standing: Option<Standing>,
    /// The units directly below, ranked by their scorecards.
    pub ranking: Vec<RankedUnit>,
    /// Obstacles named by recent evaluations in the subtree.
    pub obstacles: Vec<KeyCount>,
    pub agreements: Vec<RowHtml<'a>>,
    pub findings: Vec<Finding<'a>>,
    pub feed_href: String,
    pub calendar_href: String,
    /// The bulk document of the unit and every unit below it.
    pub json_href: String,
    /// The same agreements as the `agreements` table.
    pub csv_href: String,
    /// The unit's newest report (the site fills it in).
    pub latest_report: Option<PeriodLink>,
    /// The unit's list of reports, when it has any.
    pub reports_href: Option<String>,
    /// GitHub's pages to add an agreement and upload documents (the site
    /// fills them in).
    pub edit: Option<UnitEditLinks>,
}

/// A unit's place in its parent's ranking.
#[derive(Serialize)]
pub(crate) struct Standing {
    pub rank: usize,
    /// How many units the parent ranks.
    pub of: usize,
    pub parent_name: String,
    pub parent_href: String,
}

fn standing(model: &Model, links: &Links, cards: &[Scorecard], ix: UnitIx) -> Option<Standing> {
    let parent = model.units[ix].parent?;
    let ranking = monev::ranking(model, links, cards, &model.units[parent].children);
    let href = links.unit(&model.units[ix].path);
    let rank = ranking.iter().find(|u| u.href == href)?.rank;
    Some(Standing {
        rank,
        of: ranking.len(),
        parent_name: model.units[parent].display_name().to_string(),
        parent_href: links.unit(&model.units[parent].path),
    })
}

pub(crate) fn unit<'a>(
    model: &'a Model,
    links: &Links,
    rows: &Rows<'a>,
    rollups: &[HeadlineFigures],
    cards: &[Scorecard],
    ix: UnitIx,
) -> UnitPage<'a> {
    let unit = &model.units[ix];
    let mut own = unit.agreements.clone();
    own.sort_by_key(|&i| (std::cmp::Reverse(model.agreements[i].milestone_date()), i));
    // The root unit's subtree is the whole site: its feed, calendar and
    // downloads are the site's, published once under data/.
    let dir = if unit.parent.is_none() {
        format!("{}data/", links.base)
    } else {
        links.unit(&unit.path)
    };
    UnitPage {
        name: &unit.name,
        short: unit.short.as_deref(),
        level: unit.level.code(),
        website: unit.website.as_deref(),
        region_code: unit.region_code.as_deref(),
        breadcrumbs: breadcrumbs(model, links, ix),
        figures: rollups[ix],
        own_figures: HeadlineFigures::of(
            unit.agreements
                .iter()
                .map(|&i| &model.agreements[i])
                .filter(|a| a.is_public()),
            model.today,
        ),
        units_below: model.subtree(ix).len() - 1,
        children: unit
            .children
            .iter()
            .map(|&c| ChildUnit {
                name: model.units[c].display_name().to_string(),
                href: links.unit(&model.units[c].path),
                level: model.units[c].level.code(),
                figures: rollups[c],
            })
            .collect(),
        scorecard: monev::scorecard_view(&cards[ix], &model.config.rules),
        standing: standing(model, links, cards, ix),
        ranking: monev::ranking(model, links, cards, &unit.children),
        obstacles: monev::obstacle_counts(&cards[ix]),
        findings: findings_of(model, rows, &own),
        agreements: rows_of(rows, own),
        feed_href: format!("{dir}feed.xml"),
        calendar_href: format!("{dir}calendar.ics"),
        json_href: format!("{dir}agreements.json.gz"),
        csv_href: format!("{dir}agreements.csv"),
        latest_report: None,
        reports_href: None,
        edit: None,
    }
}

/// Another registered partner named on a partner's page; `href` is empty
/// when it has no page (no public agreement of its own or below it).
#[derive(Serialize)]
pub(crate) struct RelatedPartner<'a> {
    pub name: &'a str,
    pub href: String,
}

#[derive(Serialize)]
pub(crate) struct PartnerPage<'a> {
    pub name: &'a str,
    pub acronym: Option<&'a str>,
    pub parent: Option<RelatedPartner<'a>>,
    pub sub_units: Vec<RelatedPartner<'a>>,
    pub categories: Vec<&'static str>,
    pub websites: Vec<&'a str>,
    pub figures: HeadlineFigures,
    pub agreements: Vec<RowHtml<'a>>,
    pub feed_href: String,
    pub calendar_href: String,
}

pub(crate) fn partner<'a>(
    model: &Model,
    links: &Links,
    rows: &Rows<'a>,
    entry: &'a PartnerEntry,
) -> PartnerPage<'a> {
    let mut ixs = entry.agreements.clone();
    ixs.sort_by_key(|&i| (std::cmp::Reverse(model.agreements[i].milestone_date()), i));
    let dir = links.partner(&entry.slug);
    let related = |(name, slug): &'a (String, Option<String>)| RelatedPartner {
        name,
        href: slug
            .as_deref()
            .map(|s| links.partner(s))
            .unwrap_or_default(),
    };
    PartnerPage {
        name: &entry.name,
        acronym: entry.acronym.as_deref(),
        parent: entry.parent.as_ref().map(related),
        sub_units: entry.sub_units.iter().map(related).collect(),
        categories: entry.categories.iter().map(|c| c.code()).collect(),
        websites: entry.websites.iter().map(String::as_str).collect(),
        figures: HeadlineFigures::of(
            entry.agreements.iter().map(|&i| &model.agreements[i]),
            model.today,
        ),
        agreements: rows_of(rows, ixs),
        feed_href: format!("{dir}feed.xml"),
        calendar_href: format!("{dir}calendar.ics"),
    }
}

#[derive(Serialize)]
pub(crate) struct PartnerLink<'a> {
    pub name: &'a str,
    pub href: String,
    pub agreements: usize,
}

#[derive(Serialize)]
pub(crate) struct PartnerGroup<'a> {
    pub key: &'static str,
    pub partners: Vec<PartnerLink<'a>>,
}

pub(crate) fn partner_index<'a>(
    links: &Links,
    partners: &'a [PartnerEntry],
) -> Vec<PartnerGroup<'a>> {
    Category::ALL
        .iter()
        .map(|&c| {
            let mut members: Vec<PartnerLink> = partners
                .iter()
                .filter(|p| p.categories.contains(&c))
                .map(|p| PartnerLink {
                    name: &p.name,
                    href: links.partner(&p.slug),
                    agreements: p.agreements.len(),
                })
                .collect();
            members.sort_by_key(|a| a.name.to_lowercase());
            PartnerGroup {
                key: c.code(),
                partners: members,
            }
        })
        .filter(|g| !g.partners.is_empty())
        .collect()
}

#[derive(Serialize)]
pub(crate) struct FindingGroup<'a> {
    pub unit: &'a str,
    pub href: String,
    pub items: Vec<Finding<'a>>,
}

#[derive(Serialize)]
pub(crate) struct FindingsPage<'a> {
    pub counts: Vec<(&'static str, usize)>,
    pub groups: Vec<FindingGroup<'a>>,
}

pub(crate) fn findings_page<'a>(
    model: &'a Model,
    links: &Links,
    rows: &Rows<'a>,
) -> FindingsPage<'a> {
    let groups: Vec<FindingGroup> = model
        .units
        .iter()
        .map(|u| FindingGroup {
            unit: &u.name,
            href: links.unit(&u.path),
            items: findings_of(model, rows, &u.agreements),
        })
        .filter(|g| !g.items.is_empty())
        .collect();
    let counts = [
        "needs-pks",
        "expiring",
        "expired",
        "no-activity",
        "not-evaluated",
    ]
    .into_iter()
    .map(|key| {
        let n = groups
            .iter()
            .flat_map(|g| &g.items)
            .filter(|f| f.findings.contains(&key))
            .count();
        (key, n)
    })
    .collect();
    FindingsPage { counts, groups }
}
