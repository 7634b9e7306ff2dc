//! Lists by status, kind, partner category and year: paginated, and
//! sortable without JavaScript through one set of pages per sort order.

use std::collections::BTreeMap;

use serde::Serialize;

use super::views::{RowHtml, Rows};
use pakta_content::i18n::Texts;
use pakta_model::{AgreementIx, Model, Status};

pub(crate) const PAGE_SIZE: usize = 50;
/// Newest signing and soonest end: the orders people follow agreements by.
/// Every order is a full set of pages, the largest part of a national site,
/// so alphabetical browsing is left to the partner index and search.
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
        for (value, members) in by {
            lists.push(List {
                dir: format!("{dimension}/{value}"),
                dimension,
                heading: label(&value),
                members,
            });
        }
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

/// How many pages a list has (an empty list still has one).
pub(crate) fn page_count(list: &List) -> usize {
    list.members.len().div_ceil(PAGE_SIZE).max(1)
}

/// A list's members in one of the [`SORTS`] orders.
pub(crate) fn sorted_members(
    model: &Model,
    members: &[AgreementIx],
    sort: usize,
) -> Vec<AgreementIx> {
    let mut sorted = members.to_vec();
    sort_members(model, &mut sorted, SORTS[sort]);
    sorted
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
    let total = list.members.len();
    let page_count = page_count(list);
    let href = |p: usize| format!("{base}{}", page_dir(&list.dir, SORTS[sort], p));
    ListPage {
        heading: &list.heading,
        dimension: list.dimension,
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
