//! The serialisable views templates receive: lean rows and figures made
//! once from the model, never the model itself.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use serde::Serialize;

use pakta_content::{Category, FrontMatter, Kind, Stage};
pub(crate) use pakta_model::HeadlineFigures;
use pakta_model::{Agreement, AgreementIx, Flag, Model, PartnerIx, Status, UnitIx};

/// What every page knows about the site.
#[derive(Serialize, PartialEq)]
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
    /// Today's calendar year: the year of "signed this year".
    pub year: i32,
    pub expiring_days: u32,
    /// The open data's licence (`[data] license`): id, title and address,
    /// for the data page and any page that states the site's terms.
    pub data_license: &'static pakta_content::licence::Licence,
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
    /// The latest stage reached (the signing once signed) and its date:
    /// the date column names the stage, so an unsigned agreement never
    /// shows a date as its signing.
    pub stage: Option<Stage>,
    pub date: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// The row rendered by `row.html` on first use: an agreement appears
    /// in many tables (lists in three orders, its unit, partners, the home
    /// page), and a preview needs only the rows of the pages it shows. A
    /// row that failed keeps its error, so every page showing it fails and
    /// no other page does.
    #[serde(skip)]
    pub html: OnceLock<Result<String, String>>,
    /// What the row was made from besides its lifecycle, which it shows:
    /// the next preview keeps the row, and its HTML, while these stay.
    #[serde(skip)]
    pub made_from: Option<RowOrigin>,
}

/// The front matter (shared while its file is not read again) and the
/// unit a row was made from.
#[derive(Clone)]
pub(crate) struct RowOrigin {
    front: Arc<FrontMatter>,
    unit: UnitIx,
}

/// What a table receives of a row: its HTML, rendered once by `row.html`,
/// so that a page of fifty rows hands the template fifty strings.
#[derive(Serialize, Clone, Copy)]
#[serde(transparent)]
pub(crate) struct RowHtml<'a>(&'a str);

/// Renders a row's HTML, or says why it could not.
pub(crate) type RenderRow<'a> = dyn Fn(&AgreementRow) -> Result<String, String> + Sync + 'a;

/// Gives the site's rows, made when a page first shows one: a page
/// without a table (an agreement's, in a preview) never makes them.
pub(crate) trait RowSource: Sync {
    /// Each agreement's row; `None` for a private one.
    fn all_rows(&self) -> &[Option<Arc<AgreementRow>>];
}

/// The site's table rows, by agreement, with the function that renders a
/// row's HTML the first time a table needs it, as seen by one page: the
/// first row that failed on this page is kept for [`Rows::rendered`].
#[derive(Clone, Copy)]
pub(crate) struct Rows<'a> {
    rows: &'a dyn RowSource,
    render: &'a RenderRow<'a>,
    failed: &'a OnceCell<String>,
}

impl<'a> Rows<'a> {
    /// `failed` belongs to the page being rendered, never to the site.
    pub(crate) fn new(
        rows: &'a dyn RowSource,
        render: &'a RenderRow<'a>,
        failed: &'a OnceCell<String>,
    ) -> Rows<'a> {
        Rows {
            rows,
            render,
            failed,
        }
    }

    /// Fails with the first row this page showed that did not render.
    pub(crate) fn rendered(&self) -> Result<(), String> {
        match self.failed.get() {
            Some(error) => Err(error.clone()),
            None => Ok(()),
        }
    }

    /// The row of a public agreement.
    pub(crate) fn row(&self, ix: AgreementIx) -> Option<&'a AgreementRow> {
        self.rows.all_rows()[ix].as_deref()
    }

    /// The row's HTML for a table.
    pub(crate) fn cell(&self, ix: AgreementIx) -> Option<RowHtml<'a>> {
        let row = self.row(ix)?;
        match row.html.get_or_init(|| (self.render)(row)) {
            Ok(html) => Some(RowHtml(html)),
            Err(error) => {
                let _ = self.failed.set(error.clone());
                Some(RowHtml(""))
            }
        }
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
            stage: a.milestone().map(|(stage, _)| stage),
            date: a.milestone().map(|(_, date)| date),
            end: a.lifecycle.end,
            html: OnceLock::new(),
            made_from: Some(RowOrigin {
                front: Arc::clone(&a.front),
                unit: a.unit,
            }),
        }
    }

    /// Whether the row, made for an earlier model of a preview, shows
    /// `a` of this one as a new row would: the same file read once, in
    /// the same unit, with the same status, flags and end. The caller
    /// vouches for what every row shares: the units' names and addresses,
    /// the links and the theme.
    pub(crate) fn still_shows(&self, a: &Agreement) -> bool {
        self.made_from
            .as_ref()
            .is_some_and(|from| Arc::ptr_eq(&from.front, &a.front) && from.unit == a.unit)
            && self.id == a.id
            && self.status == a.status()
            && self.flags == a.lifecycle.flags
            && self.end == a.lifecycle.end
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

/// One partner organisation across all units: a partner of the register
/// (any of its names), else a name matched by
/// [`match_key`](pakta_content::slug::match_key).
pub(crate) struct PartnerEntry {
    pub slug: String,
    pub name: String,
    /// The register's acronym.
    pub acronym: Option<String>,
    pub categories: BTreeSet<Category>,
    pub websites: BTreeSet<String>,
    /// Public agreements, in id order: a registered partner's own and
    /// those of its sub-units.
    pub agreements: Vec<AgreementIx>,
    /// The larger organisation (register `parent`), with its page's slug
    /// when it has one.
    pub parent: Option<(String, Option<String>)>,
    /// The registered sub-units, by key, with their pages' slugs.
    pub sub_units: Vec<(String, Option<String>)>,
}

/// Who a partner name on an agreement means.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Registered(PartnerIx),
    /// An unregistered name, by its matching key.
    Named(String),
}

fn who(model: &Model, name: &str) -> Who {
    model
        .partners
        .resolve(name)
        .map_or_else(|| Who::Named(partner_key(name)), Who::Registered)
}

/// The partner index, sorted by slug. A registered partner's slug is its
/// key, and it has a page when it or a sub-unit has a public agreement.
/// Every other distinct matching key gets its own slug: when two keys
/// transliterate to the same slug (or one is cut short to the same one,
/// or a register key has it), the first key in sort order keeps it and the
/// others take the next free `-2`, `-3`, ...
pub(crate) fn partners(model: &Model) -> Vec<PartnerEntry> {
    struct Gathering<'a> {
        forms: BTreeMap<&'a str, usize>,
        categories: BTreeSet<Category>,
        websites: BTreeSet<String>,
        agreements: Vec<AgreementIx>,
    }
    let mut by_who: BTreeMap<Who, Gathering> = BTreeMap::new();
    for (ix, a) in model.agreements.iter().enumerate() {
        if !a.is_public() {
            continue;
        }
        for partner in &a.front.partners {
            let entry = by_who
                .entry(who(model, &partner.name))
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
    let register = &model.partners;
    // A registered partner's page lists its sub-units' agreements too.
    let with_sub_units = |ix: PartnerIx| -> BTreeSet<AgreementIx> {
        std::iter::once(ix)
            .chain(register.descendants(ix))
            .filter_map(|p| by_who.get(&Who::Registered(p)))
            .flat_map(|g| g.agreements.iter().copied())
            .collect()
    };
    let registered_agreements: Vec<BTreeSet<AgreementIx>> =
        (0..register.partners.len()).map(with_sub_units).collect();
    let page_of = |ix: PartnerIx| -> (String, Option<String>) {
        let partner = &register.partners[ix];
        let slug = (!registered_agreements[ix].is_empty()).then(|| partner.key.clone());
        (partner.name.clone(), slug)
    };
    let slugs = NamedSlugs::new(model, by_who.keys());
    let mut out: Vec<PartnerEntry> = Vec::new();
    for (ix, partner) in register.partners.iter().enumerate() {
        if registered_agreements[ix].is_empty() {
            continue;
        }
        let own = by_who.get(&Who::Registered(ix));
        // Without a category of its own, a partner known only through its
        // sub-units' agreements still belongs in the index by theirs.
        let family_categories = || -> BTreeSet<Category> {
            std::iter::once(ix)
                .chain(register.descendants(ix))
                .filter_map(|p| by_who.get(&Who::Registered(p)))
                .flat_map(|g| g.categories.iter().copied())
                .collect()
        };
        out.push(PartnerEntry {
            slug: partner.key.clone(),
            name: partner.name.clone(),
            acronym: partner.acronym.clone(),
            categories: match partner.category {
                Some(category) => BTreeSet::from([category]),
                None => match own {
                    Some(g) => g.categories.clone(),
                    None => family_categories(),
                },
            },
            websites: match &partner.website {
                Some(website) => BTreeSet::from([website.clone()]),
                None => own.map(|g| g.websites.clone()).unwrap_or_default(),
            },
            agreements: registered_agreements[ix].iter().copied().collect(),
            parent: partner.parent.map(page_of),
            sub_units: partner.children.iter().map(|&c| page_of(c)).collect(),
        });
    }
    for (who, g) in by_who {
        let Who::Named(key) = who else { continue };
        // The most used spelling; the first in sort order on a tie.
        let name = g
            .forms
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(name, _)| name.to_string())
            .unwrap_or_default();
        out.push(PartnerEntry {
            slug: slugs.by_key[&key].clone(),
            name,
            acronym: None,
            categories: g.categories,
            websites: g.websites,
            agreements: g.agreements,
            parent: None,
            sub_units: Vec::new(),
        });
    }
    out.sort_by(|a, b| a.slug.cmp(&b.slug));
    out
}

/// The slugs of unregistered names, clear of every register key.
struct NamedSlugs {
    by_key: BTreeMap<String, String>,
}

impl NamedSlugs {
    fn new<'a>(model: &Model, whos: impl Iterator<Item = &'a Who>) -> NamedSlugs {
        let keys: Vec<&str> = whos
            .filter_map(|w| match w {
                Who::Named(key) => Some(key.as_str()),
                Who::Registered(_) => None,
            })
            .collect();
        let reserved: BTreeSet<String> = model
            .partners
            .partners
            .iter()
            .map(|p| p.key.clone())
            .collect();
        NamedSlugs {
            by_key: distinct_slugs(keys.into_iter(), &reserved),
        }
    }
}

/// Where each partner name's page is, for pages that name partners.
#[derive(Default)]
pub(crate) struct PartnerSlugs {
    by_key: BTreeMap<String, String>,
}

impl PartnerSlugs {
    pub(crate) fn new(model: &Model) -> PartnerSlugs {
        let whos: BTreeMap<String, Who> = model
            .agreements
            .iter()
            .filter(|a| a.is_public())
            .flat_map(|a| a.front.partners.iter())
            .map(|p| (partner_key(&p.name), who(model, &p.name)))
            .collect();
        let named: BTreeSet<&Who> = whos.values().collect();
        let slugs = NamedSlugs::new(model, named.into_iter());
        let by_key = whos
            .iter()
            .map(|(key, w)| {
                let slug = match w {
                    Who::Registered(ix) => model.partners.partners[*ix].key.clone(),
                    Who::Named(named) => slugs.by_key[named].clone(),
                };
                (key.clone(), slug)
            })
            .collect();
        PartnerSlugs { by_key }
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

/// Slugs for sorted, distinct keys, distinct from each other and from the
/// `reserved` ones (the register's keys). Base slugs are claimed first, so
/// a suffixed slug never takes one that a name spells out ("Mitra 2").
fn distinct_slugs<'a>(
    keys: impl Iterator<Item = &'a str>,
    reserved: &BTreeSet<String>,
) -> BTreeMap<String, String> {
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
    taken.extend(reserved.iter().cloned());
    let mut claimed: BTreeSet<&str> = reserved.iter().map(String::as_str).collect();
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
        let slugs = distinct_slugs(sorted.into_iter(), &BTreeSet::new());
        assert_eq!(slugs["lodz"], "lodz");
        assert_eq!(slugs["łodz"], "lodz-2");
        assert_eq!(slugs["mitra 2"], "mitra-2");
        assert_eq!(slugs["–"], "mitra");
        assert_eq!(slugs["—"], "mitra-3");
    }

    #[test]
    fn register_keys_are_never_given_to_other_names() {
        let reserved = BTreeSet::from(["undip".to_string()]);
        let slugs = distinct_slugs(["undip", "undip 2"].into_iter(), &reserved);
        assert_eq!(slugs["undip"], "undip-3");
        assert_eq!(slugs["undip 2"], "undip-2");
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

    fn row(id: &str) -> AgreementRow {
        AgreementRow {
            id: id.into(),
            href: String::new(),
            title: id.into(),
            kind: Kind::Mou,
            status: Status::Planning,
            flags: Vec::new(),
            unit: String::new(),
            unit_href: String::new(),
            partners: String::new(),
            stage: None,
            date: None,
            end: None,
            html: OnceLock::new(),
            made_from: None,
        }
    }

    impl RowSource for Vec<Option<Arc<AgreementRow>>> {
        fn all_rows(&self) -> &[Option<Arc<AgreementRow>>] {
            self
        }
    }

    #[test]
    fn a_row_that_fails_fails_only_the_pages_that_show_it() {
        let rows = vec![
            Some(Arc::new(row("good"))),
            Some(Arc::new(row("broken"))),
            None,
        ];
        let render = |r: &AgreementRow| match r.id.as_str() {
            "broken" => Err("row.html: broken".to_string()),
            id => Ok(format!("<tr>{id}</tr>")),
        };
        let page = |shown: &[AgreementIx]| {
            let failed = OnceCell::new();
            let page_rows = Rows::new(&rows, &render, &failed);
            let cells: Vec<String> = shown
                .iter()
                .filter_map(|&ix| page_rows.cell(ix))
                .map(|cell| cell.0.to_string())
                .collect();
            page_rows.rendered().map(|()| cells)
        };
        assert_eq!(page(&[0, 2]), Ok(vec!["<tr>good</tr>".to_string()]));
        assert_eq!(page(&[0, 1]), Err("row.html: broken".to_string()));
        // The failure stays with its row, not with the pages after it.
        assert_eq!(page(&[0]), Ok(vec!["<tr>good</tr>".to_string()]));
        assert_eq!(page(&[1]), Err("row.html: broken".to_string()));
    }
}
