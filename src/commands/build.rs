use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Instant;

use super::{EXIT_FAILURE, EXIT_INVALID, EXIT_OK, add_theme_problems, analysed, exit};
use crate::cli::BuildArgs;
use crate::console::Console;
use crate::pdf_text;
use pakta_content::diagnostics::{Diagnostic, Severity};
use pakta_content::message::Message;
use pakta_load::LoadOptions;
use pakta_load::history::{History, HistoryGap};

use pakta_content::i18n::Texts;
use pakta_site::{BuildOptions, OutputFolder, Progress};

pub(crate) fn run(args: &BuildArgs, console: &Console) -> ExitCode {
    let started = Instant::now();
    let root = &args.repo.root;
    // Refused before anything is loaded: a mistyped --out is seen at once,
    // not after the whole repository was checked.
    let out = match OutputFolder::choose(&args.out, root) {
        Ok(out) => out,
        Err(refusal) => {
            console.error(refusal.message());
            return exit(EXIT_FAILURE);
        }
    };
    if let Some(url) = args.base_url.as_deref().filter(|u| !is_base_url_flag(u)) {
        console.error(Message::new("build-invalid-base-url").arg("url", url));
        return exit(EXIT_FAILURE);
    }
    let pdf_settings = match pdf_settings(args, &out) {
        Ok(settings) => settings,
        Err(refusal) => {
            console.error(refusal);
            return exit(EXIT_FAILURE);
        }
    };
    // Git history does not depend on the content's validity: read it while
    // the content loads, on a thread of its own, since waiting for `git`
    // would otherwise hold one of the workers that parse the files.
    let history = std::thread::spawn({
        let root = root.clone();
        move || History::read(&root)
    });
    let analysis = analysed(root, args.repo.today, LoadOptions { bodies: true }, console);
    let history = history
        .join()
        .unwrap_or_else(|_| History::without(HistoryGap::Failed));
    let mut analysis = match analysis {
        Ok(a) => a,
        Err(code) => return code,
    };
    add_theme_problems(&mut analysis, root);
    print_capped(&analysis.diagnostics, console);
    if analysis.has_errors() {
        console.error(
            Message::new("build-refused")
                .nested("errors", crate::console::errors(analysis.error_count()))
                .arg("out", args.out.display()),
        );
        return exit(EXIT_INVALID);
    }
    if let Some(note) = &history.note {
        console.note(Message::new("build-no-history").nested("reason", note.message()));
    }
    let options = BuildOptions {
        root: root.clone(),
        out,
        base_url: args.base_url.clone(),
        progress: std::io::stderr()
            .is_terminal()
            .then(|| progress_line(console.texts)),
    };
    let mut timings = std::mem::take(&mut analysis.timings);
    let extraction = timings.time("pdf-text", || {
        pdf_text::read_documents(root, &analysis.model, &pdf_settings, None)
    });
    print_capped(&extraction.diagnostics, console);
    analysis.model.document_texts = extraction.texts;
    let model = std::sync::Arc::new(analysis.model);
    let built = timings.time("render", || {
        pakta_site::build(model, std::sync::Arc::new(history), &options)
    });
    match built {
        Ok(summary) => {
            if args.timings {
                eprint!("{}", timings.report(console.texts));
                if let Some(took) = summary.search_index {
                    console.tell(
                        Message::new("build-search-timing")
                            .arg("ms", format!("{:>8.1}", took.as_secs_f64() * 1000.0)),
                    );
                }
                console.tell(
                    Message::new("build-pdf-text-timing")
                        .arg("extracted", extraction.extracted)
                        .arg("cached", extraction.from_cache),
                );
                let (report_files, report_time) = summary.reports;
                console.tell(
                    Message::new("build-reports-timing")
                        .arg("ms", format!("{:>8.1}", report_time.as_secs_f64() * 1000.0))
                        .arg("files", report_files),
                );
                let (data_files, data_time) = summary.open_data;
                console.tell(
                    Message::new("build-open-data-timing")
                        .arg("ms", format!("{:>8.1}", data_time.as_secs_f64() * 1000.0))
                        .arg("files", data_files)
                        .arg(
                            "wall",
                            format!(
                                "{:.1}",
                                summary.downloads_before_index.as_secs_f64() * 1000.0
                            ),
                        ),
                );
            }
            console.say(
                Message::new("build-done")
                    .arg("pages", summary.pages)
                    .arg("files", summary.files)
                    .arg("out", args.out.display())
                    .arg(
                        "seconds",
                        console.lang.decimal(started.elapsed().as_secs_f64(), 2),
                    ),
            );
            exit(EXIT_OK)
        }
        Err(error) => {
            console.error(
                Message::new("build-failed")
                    .nested("detail", error.message())
                    .arg("out", args.out.display()),
            );
            exit(EXIT_FAILURE)
        }
    }
}

/// The extraction cache's folder and the time one document may take:
/// the cache must outlive the output folder, which each build replaces.
fn pdf_settings(args: &BuildArgs, out: &OutputFolder) -> Result<pdf_text::Settings, Message> {
    let limit = args.pdf_time_limit;
    let time_limit = std::time::Duration::try_from_secs_f64(limit)
        .ok()
        .filter(|t| !t.is_zero() && t.as_secs() <= 86_400)
        .ok_or_else(|| Message::new("build-invalid-pdf-time-limit").arg("value", limit))?;
    let cache_dir = args
        .cache_dir
        .clone()
        .unwrap_or_else(|| args.repo.root.join(pdf_text::DEFAULT_CACHE_DIR));
    if absolute(&cache_dir).starts_with(absolute(out.path())) {
        return Err(Message::new("build-cache-in-out")
            .arg("dir", cache_dir.display())
            .arg("out", args.out.display()));
    }
    Ok(pdf_text::Settings {
        cache_dir,
        time_limit,
    })
}

/// A path from the root, with `.` and `..` resolved by name: the cache
/// folder may not exist yet, so it cannot be asked of the file system.
fn absolute(path: &std::path::Path) -> std::path::PathBuf {
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = std::path::PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// How many diagnostics of one code and severity `build` prints: a national
/// repository can have thousands of one warning, which would bury a new
/// problem. `pakta check` is the full list.
const SHOWN_PER_CODE: usize = 10;

/// The first [`SHOWN_PER_CODE`] diagnostics of each code, in their order,
/// then a line for each code with how many more it has.
/// Back to the start of the line, and the line erased (ANSI).
const CLEAR_LINE: &str = "\r\x1b[2K";

/// The line a terminal shows while the site is written, rewritten in
/// place and cleared once the last file is written.
fn progress_line(texts: &'static Texts) -> Progress {
    Box::new(move |done, total| {
        let line = Message::new("build-progress")
            .arg("done", done)
            .arg("total", total)
            .render(texts);
        if done == total {
            eprint!("{CLEAR_LINE}");
        } else {
            eprint!("{CLEAR_LINE}{line}");
        }
        let _ = std::io::Write::flush(&mut std::io::stderr());
    })
}

fn print_capped(diagnostics: &[Diagnostic], console: &Console) {
    let mut seen: BTreeMap<(&str, Severity), usize> = BTreeMap::new();
    let shown: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| {
            let count = seen.entry((d.code, d.severity)).or_default();
            *count += 1;
            *count <= SHOWN_PER_CODE
        })
        .cloned()
        .collect();
    console.diagnostics(&shown);
    for ((code, severity), seen) in seen {
        let Some(more) = seen.checked_sub(SHOWN_PER_CODE).filter(|&n| n > 0) else {
            continue;
        };
        let more = match severity {
            Severity::Error => crate::console::errors(more),
            Severity::Warning => crate::console::warnings(more),
        };
        console.note(
            Message::new("build-more-not-shown")
                .nested("count", more)
                .arg("code", code),
        );
    }
}

/// `--base-url` may be a web address as `base_url` is, or, for a site
/// served from the root of wherever it is put (local previews, the
/// benchmarks), a path from the root; never with a query or a fragment.
fn is_base_url_flag(url: &str) -> bool {
    pakta_load::is_base_url(url)
        || (url.starts_with('/')
            && !url.starts_with("//")
            && !url
                .chars()
                .any(|c| matches!(c, '?' | '#' | '\\') || c.is_whitespace() || c.is_control()))
}
