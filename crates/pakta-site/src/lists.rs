//! Lists by status, finding (flag), kind, partner category and year
//! signed, newest first,
//! and the agreements in force, soonest end first: paginated pages that
//! need no JavaScript.
//!
//! Each agreement is in one list of each dimension (a category list for
//! each of its partners' categories, a finding list for each flag), once: at 50,000 agreements a list
//! row is about half a kilobyte, so every further copy of every list, a
//! list of all agreements or a second sort order of each list, would cost
//! the published site tens of megabytes. The one other order readers
//! follow, the soonest end, has its own list of the agreements in force,
//! the one the headline figure "in force" counts.

use std::collections::BTreeMap;

use serde::Serialize;

use super::views::{RowHtml, Rows};
use pakta_content::i18n::Texts;
use pakta_model::{AgreementIx, Model};

/// A hundred rows a page: fewer pages repeat the page's header and
/// footer, and a page of rows is still small for a phone.
pub(crate) const PAGE_SIZE: usize = 100;

/// The folder, below `lists/`, of the list of agreements in force.
pub(crate) const IN_FORCE: &str = "in-force";

/// The order of a list's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Order {
    /// The latest stage's date, newest first.
    Newest,
    /// The last day in force, soonest first; open-ended ones last.
    SoonestEnd,
}

/// One list: its folder below `lists/`, its heading and its members in
/// the list's order.
pub(crate) struct List {
    pub dir: String,
    pub dimension: &'static str,
    pub heading: String,
    pub order: Order,
    pub members: Vec<AgreementIx>,
}

/// A list as the page of every list shows it.
#[derive(Serialize)]
pub(crate) struct ListOverview<'a> {
    pub dimension: &'static str,
    pub heading: &'a str,
    pub count: usize,
    pub href: String,
}

impl<'a> ListOverview<'a> {
    pub(crate) fn new(list: &'a List, base: &str) -> ListOverview<'a> {
        ListOverview {
            dimension: list.dimension,
            heading: &list.heading,
            count: list.members.len(),
            href: format!("{base}lists/{}/", list.dir),
        }
    }
}

/// Every list of the public agreements, in a fixed order: in force,
/// statuses, findings, kinds, categories, years; each group in the order of its
/// labels in the interface's language.
pub(crate) fn all_lists(model: &Model, public: &[AgreementIx], texts: &Texts) -> Vec<List> {
    let mut in_force: Vec<AgreementIx> = public
        .iter()
        .copied()
        .filter(|&ix| model.agreements[ix].status().in_force())
        .collect();
    sort_members(model, &mut in_force, Order::SoonestEnd);
    let mut lists = vec![List {
        dir: IN_FORCE.into(),
        dimension: IN_FORCE,
        heading: texts.text("headline-in-force").to_string(),
        order: Order::SoonestEnd,
        members: in_force,
    }];
    let mut group = |dimension: &'static str,
                     key: &dyn Fn(AgreementIx) -> Vec<String>,
                     label: &dyn Fn(&str) -> String| {
        let mut by: BTreeMap<String, Vec<AgreementIx>> = BTreeMap::new();
        for &ix in public {
            for value in key(ix) {
                by.entry(value).or_default().push(ix);
            }
        }
        // In the order a reader looks them up: by the label shown, in the
        // interface's language, not by the value in the address.
        let mut group: Vec<List> = by
            .into_iter()
            .map(|(value, mut members)| {
                sort_members(model, &mut members, Order::Newest);
                List {
                    dir: format!("{dimension}/{value}"),
                    dimension,
                    heading: label(&value),
                    order: Order::Newest,
                    members,
                }
            })
            .collect();
        group.sort_by_cached_key(|list| (list.heading.to_lowercase(), list.dir.clone()));
        lists.extend(group);
    };
    let text =
        |prefix: &'static str| move |v: &str| texts.text(&format!("{prefix}-{v}")).to_string();
    group(
        "status",
        &|ix| vec![model.agreements[ix].status().as_str().to_string()],
        &text("status"),
    );
    group(
        "flag",
        &|ix| {
            model.agreements[ix]
                .lifecycle
                .flags
                .iter()
                .map(|f| f.as_str().to_string())
                .collect()
        },
        &text("flag"),
    );
    group(
        "kind",
        &|ix| vec![model.agreements[ix].front.kind.code().to_string()],
        &text("kind"),
    );
    group(
        "category",
        &|ix| {
            model.agreements[ix]
                .partner_categories()
                .iter()
                .map(|c| c.code().to_string())
                .collect()
        },
        &text("category"),
    );
    group(
        "year",
        &|ix| {
            model.agreements[ix]
                .year_signed()
                .map(|y| y.to_string())
                .into_iter()
                .collect()
        },
        &|v: &str| format!("{} {v}", texts.text("year")),
    );
    lists
}

#[derive(Serialize)]
pub(crate) struct ListPage<'a> {
    pub heading: &'a str,
    pub dimension: &'static str,
    /// The order of the rows.
    pub order: Order,
    /// How many agreements the list holds.
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub rows: Vec<RowHtml<'a>>,
    pub pagination: Vec<Link>,
    pub previous: Option<String>,
    pub next: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct Link {
    pub label: String,
    pub href: String,
    pub current: bool,
}

/// The site path (below the site root, ending in `/`) of one page of a list.
pub(crate) fn page_dir(list_dir: &str, page: usize) -> String {
    if page > 1 {
        format!("lists/{list_dir}/{page}/")
    } else {
        format!("lists/{list_dir}/")
    }
}

/// How many pages a list of `members` rows has (an empty list still has one).
pub(crate) fn page_count(members: usize) -> usize {
    members.div_ceil(PAGE_SIZE).max(1)
}

/// One page of a list.
pub(crate) fn page<'a>(list: &'a List, rows: &Rows<'a>, base: &str, page: usize) -> ListPage<'a> {
    let total = list.members.len();
    let page_count = page_count(total);
    let href = |p: usize| format!("{base}{}", page_dir(&list.dir, p));
    ListPage {
        heading: &list.heading,
        dimension: list.dimension,
        order: list.order,
        total,
        page,
        pages: page_count,
        rows: list
            .members
            .iter()
            .skip((page - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .filter_map(|&i| rows.cell(i))
            .collect(),
        pagination: window(page, page_count)
            .into_iter()
            .map(|p| Link {
                label: p.to_string(),
                href: href(p),
                current: p == page,
            })
            .collect(),
        previous: (page > 1).then(|| href(page - 1)),
        next: (page < page_count).then(|| href(page + 1)),
    }
}

fn sort_members(model: &Model, members: &mut [AgreementIx], order: Order) {
    let a = |i: &AgreementIx| &model.agreements[*i];
    match order {
        Order::SoonestEnd => {
            members.sort_by_key(|i| (a(i).lifecycle.end.is_none(), a(i).lifecycle.end, *i))
        }
        Order::Newest => members.sort_by_key(|i| (std::cmp::Reverse(a(i).milestone_date()), *i)),
    }
}

/// First, last and the pages near the current one.
fn window(page: usize, count: usize) -> Vec<usize> {
    let mut pages: Vec<usize> = [1, count]
        .into_iter()
        .chain(page.saturating_sub(2).max(1)..=(page + 2).min(count))
        .collect();
    pages.sort_unstable();
    pages.dedup();
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_the_list_and_page() {
        assert_eq!(page_dir("status/active", 1), "lists/status/active/");
        assert_eq!(page_dir("in-force", 3), "lists/in-force/3/");
    }

    #[test]
    fn pagination_shows_a_window() {
        assert_eq!(window(1, 1), [1]);
        assert_eq!(window(5, 20), [1, 3, 4, 5, 6, 7, 20]);
        assert_eq!(window(2, 3), [1, 2, 3]);
    }
}
