//! `pakta serve`: a local preview on 127.0.0.1. Every change to the
//! repository rebuilds the model (only changed files are re-read) and a
//! new `Site`, whose shared parts are made when a page first needs them;
//! pages are rendered when the browser asks for them, and the browser
//! reloads itself or shows the problems.

mod http;
mod live;
mod problems;
mod watch;

use std::any::Any;
use std::net::TcpListener;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::Instant;

use chrono::NaiveDate;

use http::{Request, Response, content_type};
use live::Live;
use pakta_content::diagnostics::Diagnostic;
use pakta_content::diagnostics::{render_human, stderr_color};
use pakta_content::i18n::Texts;
use pakta_content::message::Message;
use pakta_load::history::History;
use pakta_load::{CONTENT_DIR, DOCUMENTS_DIR, LoadOptions, PARTNERS_DIR};
use pakta_model::pipeline::{Reuse, analyse_with};
use pakta_model::{DocumentTexts, Model};
use pakta_site::{Output, Route, Site};

/// What `pakta serve` was asked for.
pub struct ServeOptions {
    /// The content repository to watch and preview.
    pub root: PathBuf,
    /// A fixed day for statuses, else today in the site's time zone.
    pub today: Option<NaiveDate>,
    /// The loopback port to listen on.
    pub port: u16,
    /// The language of what the preview prints and shows over the page.
    pub texts: &'static Texts,
    /// Reads the text of the agreements' documents for the search index,
    /// as the build does; without it the preview's search finds only the
    /// agreements' own text.
    pub documents: Option<DocumentReader>,
}

/// Reads the text of the documents a model lists (the texts, and a
/// warning for each that could not be read): the command line's PDF
/// extraction, which runs each file in a child process of its own.
pub type DocumentReader =
    Arc<dyn Fn(&Path, &Model) -> (DocumentTexts, Vec<Diagnostic>) + Send + Sync>;

/// One successful build of the site. A path is resolved to its route
/// directly, so the first page asked for after a rebuild makes only the
/// shared parts that page needs.
struct Preview {
    site: Site,
}

/// What changed in the repository since the last rebuild.
#[derive(Debug, Clone)]
pub(crate) enum Change {
    /// These files or folders (absolute paths, as the watcher names them).
    Paths(Vec<PathBuf>),
    /// Events were lost (the kernel's queue overflowed): anything may have.
    Everything,
}

struct State {
    root: PathBuf,
    today: Option<NaiveDate>,
    base_url: String,
    history: Arc<History>,
    /// What the last rebuild keeps for the next.
    reuse: Mutex<Reuse>,
    current: RwLock<Option<Arc<Preview>>>,
    live: Live,
    texts: &'static Texts,
    /// What the terminal was last told about the problems.
    reported: Mutex<problems::Reported>,
    documents: Option<DocumentReader>,
    /// Whether a change since the last site may have touched its theme
    /// (anything but the content, the partner register and documents):
    /// until one does, each rebuild shares the last site's theme.
    theme_may_differ: AtomicBool,
}

/// Folders whose files never change the theme.
const CONTENT_FOLDERS: [&str; 3] = [CONTENT_DIR, PARTNERS_DIR, DOCUMENTS_DIR];

/// Whether a repository-relative path lies inside `folder`.
fn in_folder(rel: &str, folder: &str) -> bool {
    rel.strip_prefix(folder)
        .is_some_and(|rest| rest.starts_with('/'))
}

impl State {
    fn new(options: &ServeOptions, base_url: String) -> State {
        let root = &options.root;
        State {
            root: root.to_path_buf(),
            today: options.today,
            base_url,
            texts: options.texts,
            documents: options.documents.clone(),
            theme_may_differ: AtomicBool::new(true),
            history: Arc::new(History::read(root)),
            reuse: Mutex::new(Reuse::watched()),
            current: RwLock::new(None),
            live: Live::default(),
            reported: Mutex::default(),
        }
    }

    /// Forgets what `change` names and rebuilds.
    fn apply(&self, change: &Change) -> Option<String> {
        {
            let mut reuse = self.reuse();
            match change {
                Change::Paths(changed) => {
                    for path in changed {
                        let rel = relative(&self.root, path);
                        let content = rel
                            .as_deref()
                            .is_some_and(|rel| CONTENT_FOLDERS.iter().any(|f| in_folder(rel, f)));
                        if !content {
                            self.theme_may_differ.store(true, Ordering::SeqCst);
                        }
                        // A document, a folder of them, or `files/` itself.
                        let documents = rel.as_deref().is_none_or(|rel| {
                            rel == DOCUMENTS_DIR || in_folder(rel, DOCUMENTS_DIR)
                        });
                        if documents {
                            reuse.attachments.forget_findings();
                        }
                        if let Some(rel) = rel {
                            reuse.files.forget(&rel);
                        }
                    }
                }
                Change::Everything => {
                    self.theme_may_differ.store(true, Ordering::SeqCst);
                    *reuse = Reuse::watched();
                }
            }
        }
        rebuild(self)
    }

    /// What the last rebuild kept; after a rebuild that panicked it may be
    /// half updated, so it is emptied and everything is read again.
    fn reuse(&self) -> MutexGuard<'_, Reuse> {
        self.reuse.lock().unwrap_or_else(|poisoned| {
            self.reuse.clear_poison();
            let mut reuse = poisoned.into_inner();
            *reuse = Reuse::watched();
            reuse
        })
    }

    /// The last good build, if any. Only whole values are ever stored,
    /// so a poisoned lock still holds a good one.
    fn current(&self) -> Option<Arc<Preview>> {
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Serves the preview until the process is stopped.
pub fn run(options: ServeOptions) -> std::io::Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", options.port))?;
    let port = listener.local_addr()?.port();
    let base_url = format!("http://127.0.0.1:{port}/");
    let state = Arc::new(State::new(&options, base_url.clone()));
    // Watch before the first build, so no edit falls between the two.
    let changes = watch::start(&options.root).map_err(std::io::Error::other)?;
    rebuild(&state);
    println!(
        "{}",
        Message::new("serve-started")
            .arg("url", &base_url)
            .render(options.texts)
    );

    let watcher_state = Arc::clone(&state);
    std::thread::spawn(move || {
        // Nothing in this loop may end it: a rebuild that fails or panics
        // is reported, and the next change is rebuilt again.
        while let Some(change) = changes.next_batch() {
            watcher_state.apply(&change);
        }
    });

    let handler_state = Arc::clone(&state);
    http::serve(
        listener,
        Arc::new(move |request: &Request| respond(&handler_state, request)),
    )
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
fn rebuild(state: &State) -> Option<String> {
    let started = Instant::now();
    let mut phases = String::new();
    let problems = catch_unwind(AssertUnwindSafe(|| try_rebuild(state, &mut phases)))
        .unwrap_or_else(|panic| Some(panic_report(panic.as_ref(), state.texts)));
    let took = started.elapsed().as_secs_f64() * 1000.0;
    match &problems {
        Some(text) => {
            if !text.contains("-->") {
                eprint!("{text}");
            }
            let failed = Message::new("serve-rebuild-failed").arg("ms", format!("{took:.0}"));
            eprintln!("{}", failed.render(state.texts));
        }
        None => {
            let rebuilt = Message::new("serve-rebuilt")
                .arg("ms", format!("{took:.0}"))
                .arg("phases", &phases);
            eprintln!("{}", rebuilt.render(state.texts));
        }
    }
    state.live.publish(problems.clone());
    problems
}

/// A panic is a bug in pakta, but for the editor it is one more failed
/// rebuild: the report says so, and the next change is tried afresh.
fn panic_report(panic: &(dyn Any + Send), texts: &Texts) -> String {
    let detail = panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .map_or_else(
            || Message::new("serve-panic.no-message").render(texts),
            str::to_string,
        );
    error_line(Message::new("serve-panic").arg("detail", detail), texts)
}

/// `error: …` and a line break, in the preview's language.
fn error_line(message: Message, texts: &Texts) -> String {
    format!(
        "{}: {}\n",
        Message::new("severity-error").render(texts),
        message.render(texts)
    )
}

/// One rebuild: `None` when the new site is in place, else the report.
fn try_rebuild(state: &State, phases: &mut String) -> Option<String> {
    let analysis = {
        let mut reuse = state.reuse();
        analyse_with(
            &state.root,
            state.today,
            LoadOptions { bodies: true },
            Some(&mut reuse),
        )
    };
    match analysis {
        Err(error) => Some(error_line(error.message(), state.texts)),
        Ok(mut analysis) => {
            // The theme's problems, at their place, as `check` gives them.
            let theme = pakta_site::check_theme(&state.root, &analysis.model.config);
            let mut extra = theme;
            // The documents' text is read for a model without errors
            // only, as the build does.
            if let Some(read) = state.documents.as_ref().filter(|_| !analysis.has_errors()) {
                let (texts, warnings) = analysis
                    .timings
                    .time("pdf-text", || read(&state.root, &analysis.model));
                analysis.model.document_texts = texts;
                extra.extend(warnings);
            }
            if !extra.is_empty() {
                let mut all = pakta_content::diagnostics::Diagnostics::new();
                all.extend(std::mem::take(&mut analysis.diagnostics));
                all.extend(extra);
                analysis.diagnostics = all.into_sorted();
            }
            let changes = state
                .reported
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .update(&analysis.diagnostics, stderr_color(), state.texts);
            eprint!("{changes}");
            if analysis.has_errors() {
                Some(render_human(&analysis.diagnostics, false, state.texts))
            } else {
                let mut timings = analysis.timings;
                let model = Arc::new(analysis.model);
                // Taken now: a change seen from here on is rebuilt next.
                let may_differ = state.theme_may_differ.swap(false, Ordering::SeqCst);
                let previous = state.current().filter(|_| !may_differ);
                let site = timings.time("site", || {
                    let history = Arc::clone(&state.history);
                    let base_url = Some(state.base_url.as_str());
                    match &previous {
                        Some(previous) => Site::reusing_theme(
                            model,
                            history,
                            &state.root,
                            base_url,
                            &previous.site,
                        ),
                        None => Site::new(model, history, &state.root, base_url),
                    }
                });
                if site.is_err() {
                    state.theme_may_differ.store(true, Ordering::SeqCst);
                }
                *phases = timings.brief(state.texts);
                match site {
                    Ok(site) => {
                        let preview = Some(Arc::new(Preview { site }));
                        let replaced = std::mem::replace(
                            &mut *state
                                .current
                                .write()
                                .unwrap_or_else(PoisonError::into_inner),
                            preview,
                        );
                        // A national model takes tens of milliseconds to
                        // free: not while pages wait for the new one. (A
                        // thread that cannot start frees them here.)
                        let _ =
                            std::thread::Builder::new().spawn(move || drop((replaced, previous)));
                        None
                    }
                    Err(error) => Some(error_line(error.message(), state.texts)),
                }
            }
        }
    }
}

fn respond(state: &Arc<State>, request: &Request) -> Response {
    match request.path.as_str() {
        live::SCRIPT_PATH => {
            return Response::ok(
                "text/javascript; charset=utf-8",
                live::script(state.texts).into_bytes(),
            );
        }
        live::STYLE_PATH => {
            return Response::ok("text/css; charset=utf-8", live::STYLE.as_bytes().to_vec());
        }
        live::EVENTS_PATH => {
            return match state.live.subscribe() {
                Some(events) => Response::Events(events),
                None => Response::text(
                    503,
                    Message::new("serve-too-many-streams")
                        .arg("max", live::MAX_STREAMS)
                        .render(state.texts)
                        + "\n",
                ),
            };
        }
        _ => {}
    }
    let Some(preview) = state.current() else {
        return Response::text(
            404,
            Message::new("serve-no-site").render(state.texts) + "\n",
        );
    };
    let mut path = request.path.trim_start_matches('/').to_string();
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    // `/units` means the folder `/units/`, as on a static host.
    let folder = format!("{path}/index.html");
    let found = match preview.site.resolve(&path) {
        Some(route) => Some(route),
        None => preview
            .site
            .resolve(&folder)
            .inspect(|_| path = folder.clone()),
    };
    let (status, route) = match found {
        Some(route) => (200, route),
        None => (404, Route::NotFound),
    };
    let bytes = match preview.site.render(&route) {
        Ok(Output::Bytes(bytes)) => bytes,
        Ok(Output::Copy(from)) => match std::fs::read(&from) {
            Ok(bytes) => bytes,
            Err(error) => {
                return Response::text(
                    500,
                    error_line(
                        Message::new("cannot-read")
                            .arg("path", from.display())
                            .arg("detail", error),
                        state.texts,
                    ),
                );
            }
        },
        Err(error) => return Response::text(500, error_line(error.message(), state.texts)),
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

#[cfg(test)]
mod tests {
    use super::*;
    use pakta_content::i18n::Lang;

    #[test]
    fn a_panic_is_reported_as_a_failed_rebuild() {
        let text = String::from("index out of bounds");
        let english = Texts::default_for(Lang::En);
        assert_eq!(
            panic_report(&text, english),
            "error: pakta failed while rebuilding (index out of bounds); this is a bug in \
             pakta. Undo the last change to go on; the last good version is still served.\n"
        );
        assert!(panic_report(&"a static message", english).contains("(a static message)"));
        assert!(panic_report(&42, english).contains("(no message)"));
        assert!(
            panic_report(&42, Texts::default_for(Lang::Id)).starts_with("kesalahan: "),
            "{}",
            panic_report(&42, Texts::default_for(Lang::Id))
        );
    }
}
