//! Every figure the site states, checked on a generated corpus against a
//! computation made straight from the generated inputs (the content
//! format's rules applied to the dates written, never pakta's model):
//! the home page's headline figures, each unit's roll-up, the members of
//! every list, the search facets' counts, the CSV rows and `pakta check`'s
//! summary.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, Months, NaiveDate};
use common::corpus::{self, Generated};
use pakta_content::i18n::{Lang, Texts};
use serde_json::Value;

const TODAY: &str = "2026-11-22";
const EXPIRING_DAYS: u64 = 60;
const PKS_MONTHS: u32 = 6;
const DORMANT_MONTHS: u32 = 6;
const CONFIG: &str = "[site]\ntitle = \"Uji\"\nbase_url = \"https://example.org/kerjasama\"\n\n[rules]\nexpiring_soon_days = 60\n";
const BASE: &str = "/kerjasama/";

fn today() -> NaiveDate {
    TODAY.parse().unwrap()
}

/// Status and flags of one generated agreement, by the content format's
/// rules over what was written.
struct Expected {
    status: &'static str,
    flags: Vec<&'static str>,
}

fn expected(a: &Generated, all: &[Generated]) -> Expected {
    let today = today();
    let signed_by_today = |b: &&Generated| b.signed.is_some_and(|s| s <= today);
    let status = if a.terminated.is_some_and(|t| t <= today) {
        if a.signed.is_some() {
            "terminated"
        } else {
            "cancelled"
        }
    } else if let Some(signed) = a.signed {
        let starts = a.starts.unwrap_or(signed);
        let end = match a.terminated {
            Some(t) => a.expires.map(|e| e.min(t - Days::new(1))),
            None => a.expires,
        };
        if today < starts {
            "signed"
        } else if end.is_some_and(|e| today > e) {
            let renewed = all
                .iter()
                .filter(|b| b.renews.as_deref() == Some(&a.id))
                .any(|b| signed_by_today(&b));
            if renewed { "renewed" } else { "expired" }
        } else if end.is_some_and(|e| today >= e - Days::new(EXPIRING_DAYS)) {
            "expiring"
        } else {
            "active"
        }
    } else {
        a.stages.last().expect("a stage date").0
    };
    let mut flags = Vec::new();
    let pks_signed = all
        .iter()
        .filter(|b| b.parent.as_deref() == Some(&a.id))
        .any(|b| signed_by_today(&b));
    if a.kind == "mou"
        && matches!(status, "signed" | "active" | "expiring")
        && a.signed
            .is_some_and(|s| today > s + Months::new(PKS_MONTHS))
        && !pks_signed
    {
        flags.push("needs-pks");
    }
    if matches!(status, "active" | "expiring") {
        let starts = a.starts.or(a.signed).unwrap();
        let quiet = |dates: &[NaiveDate], months: u32| {
            let cutoff = today - Months::new(months);
            starts <= cutoff && !dates.iter().any(|d| cutoff <= *d && *d <= today)
        };
        if quiet(&a.activities, DORMANT_MONTHS) {
            flags.push("no-activity");
        }
        if quiet(&a.evaluations, 12) {
            flags.push("not-evaluated");
        }
    }
    Expected { status, flags }
}

/// The headline figures of a set of agreements, as the home page lists
/// them: in force, signed this year, expiring, needing a PKS, without
/// activity.
fn headline(set: &[(&Generated, &Expected)]) -> Vec<usize> {
    let count = |f: &dyn Fn(&(&Generated, &Expected)) -> bool| set.iter().filter(|x| f(x)).count();
    vec![
        count(&|(_, e)| matches!(e.status, "active" | "expiring")),
        count(&|(a, _)| a.signed.is_some_and(|s| s.year() == today().year())),
        count(&|(_, e)| e.status == "expiring"),
        count(&|(_, e)| e.flags.contains(&"needs-pks")),
        count(&|(_, e)| e.flags.contains(&"no-activity")),
    ]
}

/// A page's list of headline figures.
fn figures_list(page: &str) -> &str {
    let start = page.find("<ul class=\"figures\">").expect("figures");
    let end = start + page[start..].find("</ul>").unwrap();
    &page[start..end]
}

/// The numbers of a page's headline figures, in order.
fn figures_on(page: &str) -> Vec<usize> {
    figures_list(page)
        .split("class=\"figure\"")
        .skip(1)
        .map(|s| {
            let number = &s[s.find('>').unwrap() + 1..];
            number[..number.find('<').unwrap()].parse().unwrap()
        })
        .collect()
}

/// Where a page's headline figures link, in order (`None`: not a link).
fn figure_links(page: &str) -> Vec<Option<String>> {
    figures_list(page)
        .split("<li>")
        .skip(1)
        .map(|item| {
            let rest = item.strip_prefix("<a class=\"figure\" href=\"")?;
            Some(rest[..rest.find('"').unwrap()].to_string())
        })
        .collect()
}

/// The ids of the agreements in a page's table rows.
fn row_ids(page: &str) -> Vec<String> {
    let marker = format!("<tr><td><a href=\"{BASE}");
    page.split(&marker)
        .skip(1)
        .map(|s| s[..s.find("/\"").unwrap()].to_string())
        // A unit page's table of the units below it links to units.
        .filter(|id| !id.starts_with("units/"))
        .collect()
}

fn category_set(a: &Generated) -> BTreeSet<&'static str> {
    a.categories.iter().copied().collect()
}

#[test]
fn every_figure_and_list_agrees_with_the_generated_files() {
    let generated = corpus::generate(2026, 320, today());
    assert!(generated.len() > 350, "{}", generated.len());
    let expectations: Vec<Expected> = generated.iter().map(|a| expected(a, &generated)).collect();
    let everything: Vec<(&Generated, &Expected)> = generated.iter().zip(&expectations).collect();
    let public: Vec<(&Generated, &Expected)> = everything
        .iter()
        .copied()
        .filter(|(a, _)| a.public)
        .collect();
    // The corpus reaches every status, or the test would prove little.
    let reached: BTreeSet<&str> = expectations.iter().map(|e| e.status).collect();
    assert_eq!(reached.len(), 11, "{reached:?}");

    let test = corpus::site(&generated, CONFIG, TODAY);
    let built = test.build();
    built.success();

    // The home page: the headline figures of every public agreement.
    let home = built.read("index.html");
    assert_eq!(figures_on(&home), headline(&public), "home page");
    assert!(
        home.contains("Berakhir dalam 60 hari"),
        "the window is the setting"
    );
    assert!(home.contains(&format!("{} perjanjian", public.len())));

    // Each unit: its own and every unit below it.
    for (path, _, _) in corpus::units() {
        let within: Vec<(&Generated, &Expected)> = public
            .iter()
            .copied()
            .filter(|(a, _)| {
                path.is_empty() || a.unit == path || a.unit.starts_with(&format!("{path}/"))
            })
            .collect();
        let page = if path.is_empty() {
            built.read("units/index.html")
        } else {
            built.read(&format!("units/{path}/index.html"))
        };
        assert_eq!(figures_on(&page), headline(&within), "unit {path:?}");
        let mut own: Vec<String> = public
            .iter()
            .filter(|(a, _)| a.unit == path)
            .map(|(a, _)| a.id.clone())
            .collect();
        let mut shown = row_ids(&page[page.find("<table").unwrap_or(0)..]);
        own.sort();
        shown.sort();
        shown.dedup();
        assert_eq!(shown, own, "unit {path:?} lists its own agreements");
    }

    // Every list: year lists hold the agreements signed in the year, and
    // only those.
    let mut lists: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, e) in &public {
        let mut dirs = vec![format!("status/{}", e.status), format!("kind/{}", a.kind)];
        if matches!(e.status, "active" | "expiring") {
            dirs.push("in-force".to_string());
        }
        dirs.extend(e.flags.iter().map(|f| format!("flag/{f}")));
        dirs.extend(category_set(a).iter().map(|c| format!("category/{c}")));
        dirs.extend(a.signed.map(|s| format!("year/{}", s.year())));
        for dir in dirs {
            lists.entry(dir).or_default().insert(a.id.clone());
        }
    }
    let mut on_site: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in built.file_list() {
        let Some(rest) = file.strip_prefix("lists/") else {
            continue;
        };
        let Some(dir) = rest.strip_suffix("/index.html") else {
            continue;
        };
        // The newest-first pages: `<list>/` and `<list>/<page>/`.
        let parts: Vec<&str> = dir.split('/').collect();
        let list = match parts.as_slice() {
            [list @ .., page]
                if page.parse::<usize>().is_ok() && (list.len() == 2 || list == ["in-force"]) =>
            {
                list.join("/")
            }
            _ => dir.to_string(),
        };
        on_site
            .entry(list)
            .or_default()
            .extend(row_ids(&built.read(&file)));
    }
    assert_eq!(
        on_site.keys().collect::<Vec<_>>(),
        lists.keys().collect::<Vec<_>>(),
        "the lists published"
    );
    for (dir, members) in &lists {
        assert_eq!(&on_site[dir], members, "members of lists/{dir}/");
    }

    // Each headline figure of the home page links to the list of exactly
    // the agreements it counts.
    let figures = figures_on(&home);
    let links = figure_links(&home);
    assert_eq!(links.len(), figures.len());
    for (figure, link) in figures.iter().zip(&links) {
        let link = link
            .as_deref()
            .expect("a headline figure above zero links to its list");
        let dir = link
            .strip_prefix(&format!("{BASE}lists/"))
            .and_then(|d| d.strip_suffix('/'))
            .unwrap_or_else(|| panic!("{link} is a list"));
        assert_eq!(on_site[dir].len(), *figure, "{link} counts the figure");
    }

    // The search facets count the same agreements.
    let manifest: Value = serde_json::from_str(&built.read("search/manifest.json")).unwrap();
    for facet in manifest["facets"].as_array().unwrap() {
        let name = facet["name"].as_str().unwrap();
        for (value, count) in facet["values"]
            .as_array()
            .unwrap()
            .iter()
            .zip(facet["counts"].as_array().unwrap())
        {
            let value = value.as_str().unwrap();
            let expected = public
                .iter()
                .filter(|(a, e)| match name {
                    "status" => e.status == value,
                    "kind" => a.kind == value,
                    "category" => category_set(a).contains(value),
                    "year" => a.signed.is_some_and(|s| s.year().to_string() == value),
                    "flags" => e.flags.contains(&value),
                    "scope" => value == "domestic",
                    other => panic!("unexpected facet {other}"),
                })
                .count();
            assert_eq!(
                count.as_u64(),
                Some(expected as u64),
                "search facet {name}={value}"
            );
        }
    }

    // The CSV: one row per public agreement with its status, flags and
    // signing date.
    let csv = built.read("data/agreements.csv");
    let mut lines = csv.lines();
    let header: Vec<String> = cells(lines.next().unwrap());
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut rows: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in lines {
        let cells = cells(line);
        rows.insert(cells[column("id")].clone(), cells);
    }
    assert_eq!(rows.len(), public.len());
    for (a, e) in &public {
        let row = &rows[&a.id];
        assert_eq!(row[column("status")], e.status, "{}", a.id);
        assert_eq!(row[column("flags")], e.flags.join("; "), "{}", a.id);
        assert_eq!(
            row[column("signed")],
            a.signed.map(|s| s.to_string()).unwrap_or_default(),
            "{}",
            a.id
        );
    }

    // `pakta check`: every agreement, private ones included, by status,
    // under the glossary's names.
    let run = test.check(&[]);
    run.success();
    let summary = run.stdout();
    let texts = Texts::default_for(Lang::En);
    let by_status: Vec<String> = [
        "planning",
        "drafting",
        "negotiation",
        "approval",
        "signed",
        "active",
        "expiring",
        "expired",
        "renewed",
        "terminated",
        "cancelled",
    ]
    .iter()
    .filter_map(|s| {
        let n = expectations.iter().filter(|e| e.status == *s).count();
        // Each count says how many of it are not public.
        let private = everything
            .iter()
            .filter(|(a, e)| e.status == *s && !a.public)
            .count();
        let name = texts.text(&format!("status-{s}")).to_string();
        (n > 0).then(|| match private {
            0 => format!("{n} {name}"),
            private => format!("{n} {name} ({private} not public)"),
        })
    })
    .collect();
    assert!(
        summary.contains(&format!("Status:   {}\n", by_status.join("; "))),
        "{summary}"
    );
    let flagged = |flag: &str| {
        expectations
            .iter()
            .filter(|e| e.flags.contains(&flag))
            .count()
    };
    let findings = format!(
        "Findings: {} {}; {} {} (in 6 months); {} {} (in 12 months).",
        flagged("needs-pks"),
        texts.text("flag-needs-pks"),
        flagged("no-activity"),
        texts.text("flag-no-activity"),
        flagged("not-evaluated"),
        texts.text("flag-not-evaluated"),
    );
    assert!(summary.contains(&findings), "{findings}\n{summary}");
}

/// The cells of one CSV line as pakta writes them (every cell quoted,
/// quotes doubled).
fn cells(line: &str) -> Vec<String> {
    // The first line of a file starts with the byte order mark.
    let inner = line
        .trim_start_matches('\u{feff}')
        .strip_prefix('"')
        .and_then(|l| l.strip_suffix('"'))
        .unwrap();
    inner
        .split("\",\"")
        .map(|c| c.replace("\"\"", "\""))
        .collect()
}

#[test]
fn an_unsigned_agreement_shows_its_stage_and_no_year_lists_it() {
    let repo = common::Repo::sample();
    let out = repo.path("public");
    let output = repo.pakta(&["build", "--today", TODAY, "--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let page = std::fs::read_to_string(out.join("units/jawa-tengah/index.html")).unwrap();
    let texts = Texts::default_for(Lang::Id);
    let row_start = page
        .find("<tr><td><a href=\"/kerjasama/jawa-tengah/2026-mou-pwi-jateng/\"")
        .expect("the MoU in drafting is listed");
    let row = &page[row_start..row_start + page[row_start..].find("</tr>").unwrap()];
    // The date column names the stage its date belongs to.
    assert!(
        row.contains(&format!(
            "<td>19 Oktober 2026<small>{}</small></td>",
            texts.text("stage-drafting")
        )),
        "{row}"
    );
    assert!(!page.contains(&format!("<th scope=\"col\">{}</th>", texts.text("signed"))));
    for entry in std::fs::read_dir(out.join("lists/year")).unwrap() {
        let list = std::fs::read_to_string(entry.unwrap().path().join("index.html")).unwrap();
        assert!(!list.contains("2026-mou-pwi-jateng"));
    }
}
