//! The render and write stages: the model becomes a static site. Pages are
//! rendered in parallel straight into a staging folder, which replaces the
//! output folder only when everything succeeded.

mod agreement;
mod csv;
mod feeds;
pub mod i18n;
mod lists;
pub mod markdown;
mod pages;
pub mod theme;
pub mod views;
mod write;

use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::data;
use crate::history::History;
use crate::model::{Agreement, Model};
use i18n::Lang;
use theme::Theme;
use views::{AgreementRow, Links, SiteView, unit_dir};
use write::Staging;

/// The first path segments the site itself uses; an agreement id may not
/// start with one of them.
pub const RESERVED_SEGMENTS: &[&str] = &[
    "404.html",
    "assets",
    "data",
    "files",
    "findings",
    "index.html",
    "lists",
    "partners",
    "robots.txt",
    "search",
    "sitemap.xml",
    "units",
];

pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    /// Overrides `[site] base_url`.
    pub base_url: Option<String>,
    /// Show a progress line (on a terminal).
    pub progress: bool,
}

pub struct BuildSummary {
    pub pages: usize,
    pub files: usize,
}

#[derive(Debug)]
pub enum BuildError {
    Theme(String),
    Template(String),
    Io(String, std::io::Error),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Theme(m) => write!(f, "theme: {m}"),
            BuildError::Template(m) => write!(f, "template: {m}"),
            BuildError::Io(path, e) => write!(f, "cannot write {path}: {e}"),
        }
    }
}

impl std::error::Error for BuildError {}

struct Renderer<'a> {
    theme: &'a Theme,
    site: SiteView,
    staging: &'a Staging,
    progress: Option<Progress>,
}

struct Progress {
    done: AtomicUsize,
    total: usize,
}

impl Renderer<'_> {
    fn page<T: Serialize>(
        &self,
        template: &str,
        dir: &str,
        title: &str,
        section: &str,
        page: &T,
    ) -> Result<(), BuildError> {
        let mut context = Context::new();
        context.insert("site", &self.site);
        context.insert("title", title);
        context.insert("section", section);
        context.insert("page", page);
        let html = self
            .theme
            .tera
            .render(template, &context)
            .map_err(|e| BuildError::Template(theme::describe(&e)))?;
        let path = if dir.ends_with(".html") {
            dir.to_string()
        } else {
            format!("{dir}index.html")
        };
        self.file(&path, html.as_bytes())?;
        if let Some(progress) = &self.progress {
            let done = progress.done.fetch_add(1, Ordering::Relaxed) + 1;
            if done % 500 == 0 || done == progress.total {
                eprint!("\rRendering pages: {done}/{}", progress.total);
                let _ = std::io::stderr().flush();
            }
        }
        Ok(())
    }

    /// A piece of a page, rendered with `value` under `name`.
    fn fragment<T: Serialize>(
        &self,
        template: &str,
        name: &str,
        value: &T,
    ) -> Result<String, BuildError> {
        let mut context = Context::new();
        context.insert("site", &self.site);
        context.insert(name, value);
        self.theme
            .tera
            .render(template, &context)
            .map_err(|e| BuildError::Template(theme::describe(&e)))
    }

    fn file(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
        self.staging
            .write(path, bytes)
            .map_err(|e| BuildError::Io(path.to_string(), e))
    }
}

pub fn build(
    model: &Model,
    history: &History,
    options: &BuildOptions,
) -> Result<BuildSummary, BuildError> {
    let config = &model.config.site;
    let lang = Lang::from_config(&config.language);
    let theme = Theme::load(&options.root, config.theme.as_deref(), lang)
        .map_err(|e| BuildError::Theme(e.0))?;
    let links = Links::new(options.base_url.as_deref().unwrap_or(&config.base_url));
    let staging = Staging::new(&options.out)
        .map_err(|e| BuildError::Io(options.out.display().to_string(), e))?;

    let mut rows: Vec<Option<AgreementRow>> = model
        .agreements
        .par_iter()
        .map(|a| a.is_public().then(|| AgreementRow::new(model, &links, a)))
        .collect();
    let partners = views::partners(model);
    let rollups = views::rollups(model);
    let all_lists = lists::all_lists(model, lang);
    let public: Vec<&Agreement> = model.public_agreements().collect();
    let list_pages: usize = all_lists
        .iter()
        .map(|l| l.members.len().div_ceil(lists::PAGE_SIZE).max(1) * 3)
        .sum();
    let total_pages = public.len() + model.units.len() + partners.len() + list_pages + 8;
    let renderer = Renderer {
        theme: &theme,
        site: SiteView {
            title: config.title.clone(),
            lang: lang.code(),
            base: links.base.clone(),
            today: model.today,
            expiring_days: model.config.rules.expiring_soon_days,
        },
        staging: &staging,
        progress: options.progress.then(|| Progress {
            done: AtomicUsize::new(0),
            total: total_pages,
        }),
    };
    let text = |key: &str| lang.text(key).to_string();
    rows.par_iter_mut().flatten().try_for_each(|row| {
        row.html = renderer.fragment("row.html", "r", row)?;
        Ok::<(), BuildError>(())
    })?;
    let rows = rows;

    // Agreement pages and their JSON, the bulk of the work.
    let repository = config.repository.as_deref();
    public.par_iter().try_for_each(|a| {
        let view = agreement::page(model, &links, a, history.revisions(&a.path), repository);
        let dir = format!("{}/", a.id);
        renderer.page("agreement.html", &dir, &a.front.title, "agreement", &view)?;
        let json = serde_json::to_vec(&data::record(model, a)).unwrap_or_default();
        renderer.file(&format!("{dir}index.json"), &json)
    })?;

    (0..model.units.len()).into_par_iter().try_for_each(|ix| {
        let unit = &model.units[ix];
        let view = pages::unit(model, &links, &rows, &rollups, ix);
        let dir = unit_dir(&unit.path);
        renderer.page("unit.html", &dir, &unit.name, "units", &view)?;
        let members: Vec<&Agreement> = model
            .subtree(ix)
            .into_iter()
            .flat_map(|u| model.units[u].agreements.iter())
            .map(|&i| &model.agreements[i])
            .filter(|a| a.is_public())
            .collect();
        companions(
            &renderer, model, &links, history, lang, &dir, &unit.name, &members,
        )
    })?;

    partners.par_iter().try_for_each(|entry| {
        let view = pages::partner(model, &links, &rows, entry);
        let dir = format!("partners/{}/", entry.slug);
        renderer.page("partner.html", &dir, &entry.name, "partners", &view)?;
        let members: Vec<&Agreement> = entry
            .agreements
            .iter()
            .map(|&i| &model.agreements[i])
            .collect();
        companions(
            &renderer,
            model,
            &links,
            history,
            lang,
            &dir,
            &entry.name,
            &members,
        )
    })?;
    renderer.page(
        "partners.html",
        "partners/",
        &text("partners"),
        "partners",
        &pages::partner_index(&links, &partners),
    )?;

    all_lists.par_iter().try_for_each(|list| {
        for (dir, view) in lists::pages(model, list, &rows, &links.base, lang) {
            renderer.page("list.html", &dir, list.heading.as_str(), "lists", &view)?;
        }
        Ok::<(), BuildError>(())
    })?;
    let overview: Vec<_> = all_lists
        .iter()
        .map(|l| {
            serde_json::json!({
                "dimension": l.dimension,
                "heading": l.heading,
                "count": l.members.len(),
                "href": format!("{}lists/{}/", links.base, l.dir),
            })
        })
        .collect();
    renderer.page("lists.html", "lists/", &text("lists"), "lists", &overview)?;

    renderer.page(
        "home.html",
        "",
        &config.title,
        "home",
        &pages::home(model, &links, &rows, &partners),
    )?;
    renderer.page(
        "findings.html",
        "findings/",
        &text("findings"),
        "findings",
        &pages::findings_page(model, &links, &rows),
    )?;
    renderer.page("search.html", "search/", &text("search"), "search", &())?;
    renderer.page("404.html", "404.html", &text("not-found"), "", &())?;

    // Open data.
    let document = data::document(model);
    let json = serde_json::to_vec_pretty(&document).unwrap_or_default();
    renderer.file("data/agreements.json", &json)?;
    let csv = csv::agreements(&document.agreements, |id| links.absolute(&format!("{id}/")));
    renderer.file("data/agreements.csv", csv.as_bytes())?;
    companions(
        &renderer,
        model,
        &links,
        history,
        lang,
        "data/",
        &config.title,
        &public,
    )?;
    renderer.page("downloads.html", "data/", &text("downloads"), "data", &())?;

    for (file, bytes) in &theme.assets {
        renderer.file(&format!("assets/{file}"), bytes)?;
    }
    copy_documents(model, &options.root, &staging)?;
    renderer.file("robots.txt", feeds::robots(&links).as_bytes())?;
    let pages = staging.pages();
    for (file, xml) in feeds::sitemaps(&links, &pages) {
        renderer.file(&file, xml.as_bytes())?;
    }
    if renderer.progress.is_some() {
        eprint!("\r\x1b[2K");
    }
    let files = staging.files_written();
    staging
        .commit()
        .map_err(|e| BuildError::Io(options.out.display().to_string(), e))?;
    Ok(BuildSummary {
        pages: pages.len() + 1,
        files,
    })
}

/// The Atom feed and iCalendar file that sit beside a page, for following
/// one unit, one partner or the whole site.
#[allow(clippy::too_many_arguments)]
fn companions(
    renderer: &Renderer,
    model: &Model,
    links: &Links,
    history: &History,
    lang: Lang,
    dir: &str,
    name: &str,
    agreements: &[&Agreement],
) -> Result<(), BuildError> {
    let feed_path = format!("{dir}feed.xml");
    let feed = feeds::atom(model, links, history, name, &feed_path, dir, agreements);
    renderer.file(&feed_path, feed.as_bytes())?;
    let mut events = Vec::new();
    let host = links
        .absolute
        .split('/')
        .nth(2)
        .unwrap_or("pakta")
        .to_string();
    for a in agreements {
        let url = links.absolute(&format!("{}/", a.id));
        let upcoming = a.status() == crate::model::Status::Signed || a.status().in_force();
        if upcoming
            && let Some(end) = a.lifecycle.end
            && end >= model.today
        {
            events.push(feeds::Event {
                uid: format!("expires-{}@{host}", a.id),
                date: end,
                summary: format!("{}: {}", lang.text("timeline-ends"), a.front.title),
                url: url.clone(),
            });
        }
        if let Some(deadline) = views::open_pks_deadline(model, a)
            && deadline >= model.today
        {
            events.push(feeds::Event {
                uid: format!("pks-deadline-{}@{host}", a.id),
                date: deadline,
                summary: format!("{}: {}", lang.text("flag-needs-pks"), a.front.title),
                url,
            });
        }
    }
    events.sort_by(|x, y| x.date.cmp(&y.date).then(x.uid.cmp(&y.uid)));
    let calendar = feeds::icalendar(name, model.today, &events);
    renderer.file(&format!("{dir}calendar.ics"), calendar.as_bytes())
}

/// Local documents of public agreements only: a private agreement's scan
/// must not leak through the files folder.
fn copy_documents(model: &Model, root: &Path, staging: &Staging) -> Result<(), BuildError> {
    let mut keys: Vec<String> = model
        .public_agreements()
        .flat_map(|a| a.front.documents.iter())
        .filter_map(|d| d.file.as_ref())
        .filter_map(|f| crate::validate::attachment_key(&f.value))
        .filter(|k| model.attachments.contains_key(k))
        .collect();
    keys.sort();
    keys.dedup();
    keys.par_iter().try_for_each(|key| {
        let target = agreement::site_file_path(key);
        staging
            .copy(&target, &root.join(key))
            .map_err(|e| BuildError::Io(target.clone(), e))
    })
}
