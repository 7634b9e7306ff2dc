//! Builds a search-only site: the search index of a repository, the search
//! page and its script and styles. The browser tests and the search
//! benchmark serve its output.
//!
//! `cargo run --release --example search_site -- ROOT OUT [--today YYYY-MM-DD]`

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use pakta::load::LoadOptions;
use pakta::search;

const SEARCH_JS: &str = include_str!("../themes/default/static/search.js");
const SEARCH_CSS: &str = include_str!("../themes/default/static/search.css");

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(root), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: search_site ROOT OUT [--today YYYY-MM-DD]");
        return ExitCode::from(2);
    };
    let today = args
        .iter()
        .position(|a| a == "--today")
        .and_then(|i| args.get(i + 1))
        .and_then(|d| d.parse().ok());
    let analysis =
        match pakta::pipeline::analyse(Path::new(root), today, LoadOptions { bodies: true }) {
            Ok(analysis) => analysis,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        };
    if analysis.has_errors() {
        eprintln!("{} errors in {root}", analysis.error_count());
        return ExitCode::from(1);
    }
    let started = Instant::now();
    let index = search::build_index(&analysis.model);
    let index_time = started.elapsed();
    let out = PathBuf::from(out);
    let index_bytes = index.total_bytes();
    let mut files = index.into_files();
    files.push((
        "search/index.html".into(),
        search_page(&analysis.model).into_bytes(),
    ));
    files.push(("static/search.js".into(), SEARCH_JS.as_bytes().to_vec()));
    files.push(("static/search.css".into(), SEARCH_CSS.as_bytes().to_vec()));
    let written = Instant::now();
    for (path, bytes) in &files {
        let target = out.join(path);
        if let Some(parent) = target.parent()
            && let Err(e) = std::fs::create_dir_all(parent)
        {
            eprintln!("{}: {e}", parent.display());
            return ExitCode::from(2);
        }
        if let Err(e) = std::fs::write(&target, bytes) {
            eprintln!("{}: {e}", target.display());
            return ExitCode::from(2);
        }
    }
    println!(
        "index: {} files, {} bytes, built in {:.0} ms, written in {:.0} ms",
        files.len(),
        index_bytes,
        index_time.as_secs_f64() * 1000.0,
        written.elapsed().as_secs_f64() * 1000.0
    );
    print!("{}", analysis.timings.report());
    ExitCode::SUCCESS
}

/// The search page as `docs/search.md` specifies it, without the rest of
/// the site's layout.
fn search_page(model: &pakta::model::Model) -> String {
    let title = &model.config.site.title;
    format!(
        r#"<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cari — {title}</title>
<link rel="stylesheet" href="../static/search.css">
</head>
<body>
<header>
<form role="search" action="../search/" method="get">
<label for="site-search">Cari kerja sama</label>
<input id="site-search" type="search" name="q" autocomplete="off">
<button type="submit">Cari</button>
</form>
</header>
<main>
<h1>Cari kerja sama</h1>
<div id="pakta-search" data-base="../"></div>
<noscript><p>Pencarian memerlukan JavaScript. Telusuri <a href="../units/">daftar unit</a> atau <a href="../data/agreements.json">data terbuka</a>.</p></noscript>
</main>
<script src="../static/search.js" defer></script>
</body>
</html>
"#
    )
}
