//! Lists by status, kind, partner category and year: paginated, and
//! sortable without JavaScript through one set of pages per sort order.

use std::collections::BTreeMap;

use serde::Serialize;

use super::views::{RowHtml, Rows};
use pakta_content::i18n::Texts;
use pakta_model::{AgreementIx, Model, Status};

/// A hundred rows a page: fewer pages repeat the page's header and
/// footer, and a page of rows is still small for a phone.
pub(crate) const PAGE_SIZE: usize = 100;
/// Newest signing and soonest end: the orders people follow agreements by.
/// The first order lists every member; the soonest-end order lists only
/// the members whose end is still ahead (signed or in force), the ones a
/// reader follows by their end, so that it does not double every list,
/// the largest part of a national site. Alphabetical browsing is left to
/// the partner index and search.
pub(crate) const SORTS: [&str; 2] = ["newest", "expires"];

/// One list: its folder below `lists/`, its heading and its members.
pub(crate) struct List {
    pub dir: String,
    pub dimension: &'static str,
    pub heading: String,
    pub members: Vec<AgreementIx>,
}

/// Every list of the public agreements, in a fixed order: all, statuses,
/// kinds, categories, years.
pub(crate) fn all_lists(model: &Model, public: &[AgreementIx], texts: &Texts) -> Vec<List> {
    let mut lists = vec![List {
        dir: "all".into(),
        dimension: "all",
        heading: texts.text("all-agreements").to_string(),
        members: public.to_vec(),
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
            .map(|(value, members)| List {
                dir: format!("{dimension}/{value}"),
                dimension,
                heading: label(&value),
                members,
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
        "kind",
        &|ix| vec![model.agreements[ix].front.kind.as_str().to_string()],
        &text("kind"),
    );
    group(
        "category",
        &|ix| {
            model.agreements[ix]
                .partner_categories()
                .iter()
                .map(|c| c.as_str().to_string())
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
    /// The sort order shown (`newest`, `expires`).
    pub sort: &'static str,
    /// The rows in this order: every member, or those ending ahead.
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub rows: Vec<RowHtml<'a>>,
    pub sorts: Vec<Link>,
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
pub(crate) fn page_dir(list_dir: &str, sort: &str, page: usize) -> String {
    let mut dir = format!("lists/{list_dir}/");
    if sort != SORTS[0] {
        dir.push_str(sort);
        dir.push('/');
    }
    if page > 1 {
        dir.push_str(&format!("{page}/"));
    }
    dir
}

/// How many pages a list of `members` rows has (an empty list still has one).
pub(crate) fn page_count(members: usize) -> usize {
    members.div_ceil(PAGE_SIZE).max(1)
}

/// A list's members in one of the [`SORTS`] orders: every member in the
/// first, those with an end still ahead in the soonest-end order.
pub(crate) fn sorted_members(
    model: &Model,
    members: &[AgreementIx],
    sort: usize,
) -> Vec<AgreementIx> {
    let mut sorted: Vec<AgreementIx> = match SORTS[sort] {
        "expires" => members
            .iter()
            .copied()
            .filter(|&i| ends_ahead(model, i))
            .collect(),
        _ => members.to_vec(),
    };
    sort_members(model, &mut sorted, SORTS[sort]);
    sorted
}

/// Signed or in force with a known last day: an end a reader can follow.
fn ends_ahead(model: &Model, ix: AgreementIx) -> bool {
    let life = &model.agreements[ix].lifecycle;
    (life.status == Status::Signed || life.status.in_force()) && life.end.is_some()
}

/// One page of a list whose members are already in `sort` order.
pub(crate) fn page<'a>(
    list: &'a List,
    sorted: &[AgreementIx],
    rows: &Rows<'a>,
    base: &str,
    texts: &Texts,
    sort: usize,
    page: usize,
) -> ListPage<'a> {
    let total = sorted.len();
    let page_count = page_count(total);
    let href = |p: usize| format!("{base}{}", page_dir(&list.dir, SORTS[sort], p));
    ListPage {
        heading: &list.heading,
        dimension: list.dimension,
        sort: SORTS[sort],
        total,
        page,
        pages: page_count,
        rows: sorted
            .iter()
            .skip((page - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .filter_map(|&i| rows.cell(i))
            .collect(),
        sorts: SORTS
            .iter()
            .enumerate()
            .map(|(i, s)| Link {
                label: texts.text(&format!("sort-{s}")).to_string(),
                href: format!("{base}{}", page_dir(&list.dir, s, 1)),
                current: i == sort,
            })
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

fn sort_members(model: &Model, members: &mut [AgreementIx], sort: &str) {
    let a = |i: &AgreementIx| &model.agreements[*i];
    match sort {
        "expires" => members.sort_by_key(|i| {
            let life = &a(i).lifecycle;
            let ended = matches!(
                life.status,
                Status::Expired | Status::Renewed | Status::Terminated | Status::Cancelled
            );
            (ended, life.end.is_none(), life.end, *i)
        }),
        _ => members.sort_by_key(|i| (std::cmp::Reverse(a(i).milestone_date()), *i)),
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
    fn paths_name_the_sort_and_page() {
        assert_eq!(
            page_dir("status/active", "newest", 1),
            "lists/status/active/"
        );
        assert_eq!(
            page_dir("status/active", "expires", 1),
            "lists/status/active/expires/"
        );
        assert_eq!(page_dir("all", "expires", 3), "lists/all/expires/3/");
    }

    #[test]
    fn pagination_shows_a_window() {
        assert_eq!(window(1, 1), [1]);
        assert_eq!(window(5, 20), [1, 3, 4, 5, 6, 7, 20]);
        assert_eq!(window(2, 3), [1, 2, 3]);
    }
}
