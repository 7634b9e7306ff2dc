//! The serialisable views templates receive: lean rows and figures made
//! once from the model, never the model itself.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use pakta_content::{Category, Kind};
use pakta_model::{Agreement, AgreementIx, Flag, Model, Status, UnitIx};

/// What every page knows about the site.
#[derive(Serialize)]
pub(crate) struct SiteView {
    pub title: String,
    pub lang: &'static str,
    /// The language of the agreements' own text (always Indonesian), set
    /// only when the interface speaks another, so that templates mark
    /// content with `lang` for screen readers and translation tools.
    pub content_lang: Option<&'static str>,
    /// The path the site is served from, ending in `/` (`/kerjasama/`).
    pub base: String,
    pub today: NaiveDate,
    pub expiring_days: u32,
}

/// Where things live on the site.
pub(crate) struct Links {
    /// Path prefix for links inside the site, ending in `/`.
    pub base: String,
    /// The absolute address of the site, ending in `/`, for feeds and sitemaps.
    pub absolute: String,
}

impl Links {
    pub(crate) fn new(base_url: &str) -> Links {
        let absolute = format!("{}/", base_url.trim_end_matches('/'));
        let path = match absolute.find("://") {
            Some(i) => absolute[i + 3..]
                .find('/')
                .map_or("/", |j| &absolute[i + 3 + j..]),
            None => absolute.as_str(),
        };
        let base = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        };
        Links { base, absolute }
    }

    pub(crate) fn agreement(&self, id: &str) -> String {
        format!("{}{id}/", self.base)
    }

    pub(crate) fn unit(&self, path: &str) -> String {
        format!("{}{}", self.base, unit_dir(path))
    }

    pub(crate) fn partner(&self, slug: &str) -> String {
        format!("{}partners/{slug}/", self.base)
    }

    pub(crate) fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.absolute, site_path.trim_start_matches('/'))
    }
}

/// The unit's folder on the site, ending in `/`.
pub(crate) fn unit_dir(path: &str) -> String {
    if path.is_empty() {
        "units/".to_string()
    } else {
        format!("units/{path}/")
    }
}

/// One agreement in a table or list.
#[derive(Serialize, Clone)]
pub(crate) struct AgreementRow {
    pub id: String,
    pub href: String,
    pub title: String,
    pub kind: Kind,
    pub status: Status,
    pub flags: Vec<Flag>,
    pub unit: String,
    pub unit_href: String,
    pub partners: String,
    pub date: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// The row rendered by `row.html` on first use: an agreement appears
    /// in many tables (lists in three orders, its unit, partners, the home
    /// page), and a preview needs only the rows of the pages it shows.
    #[serde(skip)]
    pub html: OnceLock<String>,
}

/// What a table receives of a row: its HTML, rendered once by `row.html`,
/// so that a page of fifty rows hands the template fifty strings.
#[derive(Serialize, Clone, Copy)]
#[serde(transparent)]
pub(crate) struct RowHtml<'a>(&'a str);

/// The site's table rows, by agreement, with the function that renders a
/// row's HTML the first time a table needs it.
#[derive(Clone, Copy)]
pub(crate) struct Rows<'a> {
    rows: &'a [Option<AgreementRow>],
    render: &'a (dyn Fn(&AgreementRow) -> String + Sync),
}

impl<'a> Rows<'a> {
    pub(crate) fn new(
        rows: &'a [Option<AgreementRow>],
        render: &'a (dyn Fn(&AgreementRow) -> String + Sync),
    ) -> Rows<'a> {
        Rows { rows, render }
    }

    /// The row of a public agreement.
    pub(crate) fn row(&self, ix: AgreementIx) -> Option<&'a AgreementRow> {
        self.rows[ix].as_ref()
    }

    /// The row's HTML for a table.
    pub(crate) fn cell(&self, ix: AgreementIx) -> Option<RowHtml<'a>> {
        let row = self.row(ix)?;
        Some(RowHtml(row.html.get_or_init(|| (self.render)(row))))
    }
}

impl AgreementRow {
    pub(crate) fn new(model: &Model, links: &Links, a: &Agreement) -> AgreementRow {
        let unit = &model.units[a.unit];
        AgreementRow {
            id: a.id.clone(),
            href: links.agreement(&a.id),
            title: a.front.title.clone(),
            kind: a.front.kind,
            status: a.status(),
            flags: a.lifecycle.flags.clone(),
            unit: unit.display_name().to_string(),
            unit_href: links.unit(&unit.path),
            partners: a
                .front
                .partners
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            date: a.reference_date(),
            end: a.lifecycle.end,
            html: OnceLock::new(),
        }
    }
}

/// The headline figures of the home page and of every unit.
#[derive(Serialize, Default, Clone, Copy)]
pub(crate) struct Figures {
    pub total: usize,
    pub in_force: usize,
    pub signed_this_year: usize,
    pub expiring: usize,
    pub needs_pks: usize,
    pub no_activity: usize,
    pub not_evaluated: usize,
    pub expired: usize,
}

impl Figures {
    pub(crate) fn add(&mut self, a: &Agreement, today: NaiveDate) {
        self.total += 1;
        let status = a.status();
        self.in_force += usize::from(status.in_force());
        self.signed_this_year += usize::from(
            a.front
                .dates
                .signed()
                .is_some_and(|s| s.year() == today.year() && s <= today),
        );
        self.expiring += usize::from(status == Status::Expiring);
        self.expired += usize::from(status == Status::Expired);
        let flags = &a.lifecycle.flags;
        self.needs_pks += usize::from(flags.contains(&Flag::NeedsPks));
        self.no_activity += usize::from(flags.contains(&Flag::NoActivity));
        self.not_evaluated += usize::from(flags.contains(&Flag::NotEvaluated));
    }

    pub(crate) fn of<'a>(
        agreements: impl Iterator<Item = &'a Agreement>,
        today: NaiveDate,
    ) -> Figures {
        let mut figures = Figures::default();
        for a in agreements {
            figures.add(a, today);
        }
        figures
    }

    pub(crate) fn merge(&mut self, other: &Figures) {
        self.total += other.total;
        self.in_force += other.in_force;
        self.signed_this_year += other.signed_this_year;
        self.expiring += other.expiring;
        self.needs_pks += other.needs_pks;
        self.no_activity += other.no_activity;
        self.not_evaluated += other.not_evaluated;
        self.expired += other.expired;
    }
}

/// A count with the list page it leads to.
#[derive(Serialize)]
pub(crate) struct Count {
    pub key: &'static str,
    pub count: usize,
    pub href: String,
}

/// What needs attention about an agreement, in the order the findings
/// page shows them.
pub(crate) fn findings(a: &Agreement) -> Vec<&'static str> {
    let mut out = Vec::new();
    let flags = &a.lifecycle.flags;
    if flags.contains(&Flag::NeedsPks) {
        out.push("needs-pks");
    }
    match a.status() {
        Status::Expiring => out.push("expiring"),
        Status::Expired => out.push("expired"),
        _ => {}
    }
    if flags.contains(&Flag::NoActivity) {
        out.push("no-activity");
    }
    if flags.contains(&Flag::NotEvaluated) {
        out.push("not-evaluated");
    }
    out
}

/// One partner organisation across all units, matched by
/// [`match_key`](pakta_content::slug::match_key).
pub(crate) struct PartnerEntry {
    pub slug: String,
    pub name: String,
    pub categories: BTreeSet<Category>,
    pub websites: BTreeSet<String>,
    /// Public agreements, in id order.
    pub agreements: Vec<AgreementIx>,
}

/// The partner index, sorted by slug. Every distinct matching key gets
/// its own slug: when two keys transliterate to the same slug (or one is
/// cut short to the same one), the first key in sort order keeps it and
/// the others take the next free `-2`, `-3`, ...
pub(crate) fn partners(model: &Model) -> Vec<PartnerEntry> {
    struct Gathering<'a> {
        forms: BTreeMap<&'a str, usize>,
        categories: BTreeSet<Category>,
        websites: BTreeSet<String>,
        agreements: Vec<AgreementIx>,
    }
    let mut by_key: BTreeMap<String, Gathering> = BTreeMap::new();
    for (ix, a) in model.agreements.iter().enumerate() {
        if !a.is_public() {
            continue;
        }
        for partner in &a.front.partners {
            let entry = by_key
                .entry(partner_key(&partner.name))
                .or_insert_with(|| Gathering {
                    forms: BTreeMap::new(),
                    categories: BTreeSet::new(),
                    websites: BTreeSet::new(),
                    agreements: Vec::new(),
                });
            *entry.forms.entry(partner.name.trim()).or_insert(0) += 1;
            entry.categories.insert(partner.category);
            entry.websites.extend(partner.website.iter().cloned());
            if entry.agreements.last() != Some(&ix) {
                entry.agreements.push(ix);
            }
        }
    }
    let slugs = distinct_slugs(by_key.keys().map(String::as_str));
    let mut out: Vec<PartnerEntry> = by_key
        .into_iter()
        .map(|(key, g)| {
            // The most used spelling; the first in sort order on a tie.
            let name = g
                .forms
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(name, _)| name.to_string())
                .unwrap_or_default();
            PartnerEntry {
                slug: slugs[&key].clone(),
                name,
                categories: g.categories,
                websites: g.websites,
                agreements: g.agreements,
            }
        })
        .collect();
    out.sort_by(|a, b| a.slug.cmp(&b.slug));
    out
}

/// Where each partner name's page is, for pages that name partners.
#[derive(Default)]
pub(crate) struct PartnerSlugs {
    by_key: BTreeMap<String, String>,
}

impl PartnerSlugs {
    pub(crate) fn new(model: &Model) -> PartnerSlugs {
        let keys: BTreeSet<String> = model
            .agreements
            .iter()
            .filter(|a| a.is_public())
            .flat_map(|a| a.front.partners.iter().map(|p| partner_key(&p.name)))
            .collect();
        PartnerSlugs {
            by_key: distinct_slugs(keys.iter().map(String::as_str)),
        }
    }

    /// The slug of a partner of a public agreement.
    pub(crate) fn get(&self, name: &str) -> &str {
        self.by_key
            .get(&partner_key(name))
            .map_or("", String::as_str)
    }
}

/// Names with no letter or digit at all are matched only as written.
fn partner_key(name: &str) -> String {
    let key = pakta_content::slug::match_key(name);
    if key.is_empty() {
        name.trim().to_string()
    } else {
        key
    }
}

/// Slugs for sorted, distinct keys, distinct from each other. Base slugs
/// are claimed first, so a suffixed slug never takes one that a name
/// spells out ("Mitra 2").
fn distinct_slugs<'a>(keys: impl Iterator<Item = &'a str>) -> BTreeMap<String, String> {
    let bases: Vec<(&str, String)> = keys
        .map(|key| {
            let slug = pakta_content::slug::slugify(key);
            (
                key,
                if slug.is_empty() {
                    "mitra".to_string()
                } else {
                    slug
                },
            )
        })
        .collect();
    let mut taken: BTreeSet<String> = bases.iter().map(|(_, base)| base.clone()).collect();
    let mut claimed: BTreeSet<&str> = BTreeSet::new();
    let mut out = BTreeMap::new();
    for (key, base) in &bases {
        let slug = if claimed.insert(base.as_str()) {
            base.clone()
        } else {
            (2..)
                .map(|n| format!("{base}-{n}"))
                .find(|candidate| !taken.contains(candidate))
                .expect("some suffix is free")
        };
        taken.insert(slug.clone());
        out.insert(key.to_string(), slug);
    }
    out
}

/// Figures of each unit's whole subtree, by unit position.
pub(crate) fn rollups(model: &Model) -> Vec<Figures> {
    let own: Vec<Figures> = model
        .units
        .iter()
        .map(|u| {
            Figures::of(
                u.agreements
                    .iter()
                    .map(|&i| &model.agreements[i])
                    .filter(|a| a.is_public()),
                model.today,
            )
        })
        .collect();
    let mut total = own.clone();
    // Units are sorted by path, so every descendant comes after its
    // ancestors: walking backwards adds children before their parents.
    for ix in (0..model.units.len()).rev() {
        if let Some(parent) = model.units[ix].parent {
            let child = total[ix];
            total[parent].merge(&child);
        }
    }
    total
}

/// Units from the root down to `unit`, as breadcrumbs.
#[derive(Serialize)]
pub(crate) struct Crumb {
    pub name: String,
    pub href: String,
}

pub(crate) fn breadcrumbs(model: &Model, links: &Links, unit: UnitIx) -> Vec<Crumb> {
    model
        .ancestry(unit)
        .into_iter()
        .map(|u| Crumb {
            name: model.units[u].display_name().to_string(),
            href: links.unit(&model.units[u].path),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partner_names_match_by_normalised_form() {
        assert_eq!(
            partner_key("Universitas Sebelas Maret"),
            partner_key("  UNIVERSITAS Sebelas-Maret. ")
        );
        assert_eq!(partner_key("Émile"), partner_key("EMILE"));
        assert_ne!(partner_key("Émile"), partner_key("Mile"));
        assert_ne!(partner_key("—"), partner_key("–"));
    }

    #[test]
    fn distinct_keys_get_distinct_slugs_in_sort_order() {
        let keys = ["lodz", "mitra 2", "łodz", "—", "–"];
        let mut sorted = keys.to_vec();
        sorted.sort();
        let slugs = distinct_slugs(sorted.into_iter());
        assert_eq!(slugs["lodz"], "lodz");
        assert_eq!(slugs["łodz"], "lodz-2");
        assert_eq!(slugs["mitra 2"], "mitra-2");
        assert_eq!(slugs["–"], "mitra");
        assert_eq!(slugs["—"], "mitra-3");
    }

    #[test]
    fn links_keep_the_sub_path() {
        let links = Links::new("https://org.github.io/kerjasama");
        assert_eq!(links.base, "/kerjasama/");
        assert_eq!(links.agreement("a/b"), "/kerjasama/a/b/");
        assert_eq!(links.unit(""), "/kerjasama/units/");
        assert_eq!(links.unit("jawa-tengah"), "/kerjasama/units/jawa-tengah/");
        assert_eq!(
            links.absolute("sitemap.xml"),
            "https://org.github.io/kerjasama/sitemap.xml"
        );
        assert_eq!(Links::new("https://example.org").base, "/");
        assert_eq!(Links::new("/").base, "/");
    }
}
