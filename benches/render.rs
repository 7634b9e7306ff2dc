//! Render cost per page kind, on one thread and without writing, and the
//! time of the search index, so that a change to a template, a view or the
//! index shows up clearly: whole builds on a shared machine vary by more
//! than most such changes save.
//!
//!   cargo bench --bench render [-- CORPUS] [--kind=PREFIX]
//!
//! CORPUS defaults to target/bench/c10000 (bench/site.sh makes it);
//! `--kind=open` times only the kinds whose name starts with "open" (the
//! open-data downloads, which a build writes beside the pages).
//!
//! Besides the wall time it reports the thread's own CPU time (from
//! /proc/thread-self/schedstat where the kernel has it), which time spent
//! waiting for a core on a busy machine does not inflate, and the first
//! round's wall time: what a build pays, where a kind computes once what
//! later rounds reuse (the open data's encoded records are made by the
//! first open-data kind to run, in the order of the table).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use pakta_load::LoadOptions;
use pakta_load::history::History;
use pakta_site::{Output, Route, Site};

// The allocator of the real binary: allocation is a good part of rendering.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ROUNDS: usize = 5;

fn kind(route: &Route) -> Option<&'static str> {
    Some(match route {
        Route::Agreement(_) => "agreement page",
        Route::Unit(_) => "unit page",
        Route::Partner(_) => "partner page",
        Route::ListPage { .. } => "list page",
        Route::Feed(_) => "Atom feed",
        Route::Calendar(_) => "iCalendar",
        Route::DataJson => "open data json",
        Route::DataTable(_) => "open data csv",
        Route::DataWorkbook => "open data xlsx",
        Route::DataSchema | Route::DataPackage | Route::DataCatalog => "open data meta",
        Route::UnitJson(_) => "open data unit json",
        Route::UnitTable(_) => "open data unit csv",
        _ => return None,
    })
}

fn main() {
    let corpus = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/bench/c10000"));
    let only = std::env::args()
        .find_map(|a| a.strip_prefix("--kind=").map(str::to_string))
        .unwrap_or_default();
    let today = NaiveDate::from_ymd_opt(2026, 11, 1);
    let analysis = pakta_model::pipeline::analyse(&corpus, today, LoadOptions { bodies: true })
        .unwrap_or_else(|e| panic!("cannot load {}: {e}", corpus.display()));
    let history = Arc::new(History::read(&corpus));
    let model = Arc::new(analysis.model);
    let site =
        Site::new(Arc::clone(&model), history, &corpus, None).unwrap_or_else(|e| panic!("{e:?}"));
    let mut groups: BTreeMap<&str, Vec<Route>> = BTreeMap::new();
    for route in site.routes_before_search() {
        if let Some(kind) = kind(&route).filter(|k| k.starts_with(&only)) {
            groups.entry(kind).or_default().push(route);
        }
    }
    println!("{} (best of {ROUNDS} rounds, one thread)", corpus.display());
    println!(
        "{:<20} {:>7} {:>10} {:>10} {:>10} {:>10}",
        "kind", "files", "µs each", "CPU µs", "first ms", "MB"
    );
    for (kind, routes) in groups {
        let mut best = Duration::MAX;
        let mut best_cpu = Duration::MAX;
        let mut bytes = 0;
        let mut first = None;
        for _ in 0..ROUNDS {
            let started = Instant::now();
            let cpu_started = thread_cpu_time();
            bytes = 0;
            for route in &routes {
                if let Output::Bytes(b) = site.render(route).unwrap_or_else(|e| panic!("{e:?}")) {
                    bytes += b.len();
                }
            }
            best = best.min(started.elapsed());
            first.get_or_insert(started.elapsed());
            if let (Some(from), Some(to)) = (cpu_started, thread_cpu_time()) {
                best_cpu = best_cpu.min(to - from);
            }
        }
        let each = |d: Duration| d.as_secs_f64() * 1e6 / routes.len() as f64;
        let cpu = if best_cpu == Duration::MAX {
            "-".to_string()
        } else {
            format!("{:.1}", each(best_cpu))
        };
        println!(
            "{kind:<20} {:>7} {:>10.1} {cpu:>10} {:>10.1} {:>10.1}",
            routes.len(),
            each(best),
            first.unwrap_or_default().as_secs_f64() * 1e3,
            bytes as f64 / 1e6
        );
    }
    // The index is built by all threads at once, alongside the pages.
    let mut best = Duration::MAX;
    let mut bytes = 0;
    for _ in 0..ROUNDS {
        let started = Instant::now();
        bytes = pakta_search::build_index(&model).total_bytes();
        best = best.min(started.elapsed());
    }
    println!(
        "{:<20} {:>7} {:>10} {:>10} {:>10} {:>10.1}  whole index, {:.0} ms, all threads",
        "search index",
        1,
        "",
        "",
        "",
        bytes as f64 / 1e6,
        best.as_secs_f64() * 1e3
    );
}

/// The CPU time this thread has run, when the kernel reports it.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}
