//! `pakta serve`: a local preview on 127.0.0.1. Every change to the
//! repository rebuilds the model and the shared parts of the site (only
//! changed files are re-read); pages are rendered when the browser asks
//! for them, and the browser reloads itself or shows the problems.

mod http;
mod live;
mod watch;

use std::collections::HashMap;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::Instant;

use chrono::NaiveDate;

use http::{Request, Response, content_type};
use live::Live;
use pakta_content::diagnostics::{render_human, stderr_color};
use pakta_load::history::History;
use pakta_load::{LoadCache, LoadOptions};
use pakta_model::pipeline::analyse_with;
use pakta_site::{Output, Route, Site};

/// What `pakta serve` was asked for.
pub struct ServeOptions {
    /// The content repository to watch and preview.
    pub root: PathBuf,
    /// A fixed day for statuses, else today in the site's time zone.
    pub today: Option<NaiveDate>,
    /// The loopback port to listen on.
    pub port: u16,
}

/// One successful build of the site, and the map from paths to routes,
/// made when the first page is asked for.
struct Preview {
    site: Site,
    paths: OnceLock<HashMap<String, Route>>,
    search_paths: OnceLock<HashMap<String, Route>>,
}

impl Preview {
    fn route(&self, path: &str) -> Option<Route> {
        let paths = self
            .paths
            .get_or_init(|| index(&self.site, self.site.routes_before_search()));
        if let Some(route) = paths.get(path) {
            return Some(route.clone());
        }
        if path.starts_with("search/") {
            let search = self
                .search_paths
                .get_or_init(|| index(&self.site, self.site.search_routes()));
            return search.get(path).cloned();
        }
        None
    }
}

fn index(site: &Site, routes: Vec<Route>) -> HashMap<String, Route> {
    routes.into_iter().map(|r| (site.path(&r), r)).collect()
}

struct State {
    root: PathBuf,
    today: Option<NaiveDate>,
    base_url: String,
    history: Arc<History>,
    cache: Mutex<LoadCache>,
    current: RwLock<Option<Arc<Preview>>>,
    live: Live,
}

/// Serves the preview until the process is stopped.
pub fn run(options: ServeOptions) -> std::io::Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", options.port))?;
    let port = listener.local_addr()?.port();
    let base_url = format!("http://127.0.0.1:{port}/");
    let history = History::read(&options.root);
    let state = Arc::new(State {
        root: options.root.clone(),
        today: options.today,
        base_url: base_url.clone(),
        history: Arc::new(history),
        cache: Mutex::new(LoadCache::default()),
        current: RwLock::new(None),
        live: Live::default(),
    });
    // Watch before the first build, so no edit falls between the two.
    let changes = watch::start(&options.root).map_err(std::io::Error::other)?;
    rebuild(&state);
    println!("Serving {base_url} (press Ctrl+C to stop)");

    let watcher_state = Arc::clone(&state);
    std::thread::spawn(move || {
        let root = watcher_state.root.clone();
        while let Some(changed) = changes.next_batch() {
            {
                let mut cache = watcher_state.cache.lock().expect("load cache");
                for path in &changed {
                    if let Some(rel) = relative(&root, path) {
                        cache.forget(&rel);
                    }
                }
            }
            rebuild(&watcher_state);
        }
    });

    let handler_state = Arc::clone(&state);
    http::serve(
        listener,
        Arc::new(move |request: &Request| respond(&handler_state, request)),
    );
    Ok(())
}

fn relative(root: &Path, path: &Path) -> Option<String> {
    let root = root.canonicalize().ok()?;
    let path = path.strip_prefix(&root).ok()?;
    Some(
        path.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// Reloads what changed and rebuilds the shared parts of the site; on
/// problems keeps serving the last good site and shows them.
fn rebuild(state: &State) {
    let started = Instant::now();
    let analysis = {
        let mut cache = state.cache.lock().expect("load cache");
        analyse_with(
            &state.root,
            state.today,
            LoadOptions { bodies: true },
            Some(&mut cache),
        )
    };
    let mut phases = String::new();
    let problems = match analysis {
        Err(error) => Some(format!("error: {error}\n")),
        Ok(analysis) => {
            if !analysis.diagnostics.is_empty() {
                eprint!("{}", render_human(&analysis.diagnostics, stderr_color()));
            }
            if analysis.has_errors() {
                Some(render_human(&analysis.diagnostics, false))
            } else {
                let mut timings = analysis.timings;
                let model = Arc::new(analysis.model);
                let site = timings.time("site", || {
                    Site::new(
                        model,
                        Arc::clone(&state.history),
                        &state.root,
                        Some(&state.base_url),
                    )
                });
                phases = timings.brief();
                match site {
                    Ok(site) => {
                        let preview = Preview {
                            site,
                            paths: OnceLock::new(),
                            search_paths: OnceLock::new(),
                        };
                        *state.current.write().expect("current site") = Some(Arc::new(preview));
                        None
                    }
                    Err(error) => Some(format!("error: {error}\n")),
                }
            }
        }
    };
    let took = started.elapsed().as_secs_f64() * 1000.0;
    match &problems {
        Some(text) => {
            if text.starts_with("error: ") && !text.contains("-->") {
                eprint!("{text}");
            }
            eprintln!("Rebuild failed after {took:.0} ms; still serving the last good version.");
        }
        None => eprintln!("Rebuilt in {took:.0} ms ({phases})."),
    }
    state.live.publish(problems);
}

fn respond(state: &Arc<State>, request: &Request) -> Response {
    match request.path.as_str() {
        live::SCRIPT_PATH => {
            return Response::ok(
                "text/javascript; charset=utf-8",
                live::SCRIPT.as_bytes().to_vec(),
            );
        }
        live::EVENTS_PATH => {
            let state = Arc::clone(state);
            return Response::Stream(Box::new(move |stream| state.live.stream(stream)));
        }
        _ => {}
    }
    let Some(preview) = state.current.read().expect("current site").clone() else {
        return Response::not_found(b"the site has problems; see the terminal".to_vec());
    };
    let mut path = request.path.trim_start_matches('/').to_string();
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    // `/units` means the folder `/units/`, as on a static host.
    let folder = format!("{path}/index.html");
    let found = match preview.route(&path) {
        Some(route) => Some(route),
        None => preview.route(&folder).inspect(|_| path = folder.clone()),
    };
    let (status, route) = match found {
        Some(route) => (200, route),
        None => (404, Route::NotFound),
    };
    let bytes = match preview.site.render(&route) {
        Ok(Output::Bytes(bytes)) => bytes,
        Ok(Output::Copy(from)) => std::fs::read(from).unwrap_or_default(),
        Err(error) => {
            return Response::Body {
                status: 500,
                content_type: "text/plain; charset=utf-8",
                body: format!("{error}").into_bytes(),
            };
        }
    };
    let kind = if status == 404 {
        "text/html; charset=utf-8"
    } else {
        content_type(&path)
    };
    let body = if kind.starts_with("text/html") {
        live::inject(&bytes)
    } else {
        bytes
    };
    Response::Body {
        status,
        content_type: kind,
        body,
    }
}
