//! The stages in their fixed order, `load -> validate -> model`, each
//! timed, so every command runs the same pipeline and a slow phase is easy
//! to find (`--timings`).

use pakta_content::closed::TimeZone;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{FixedOffset, NaiveDate, Utc};

use crate::Model;
use pakta_check::KnownAttachments;
use pakta_content::diagnostics::Diagnostic;
use pakta_content::diagnostics::Diagnostics;
use pakta_content::i18n::Texts;
use pakta_content::message::Message;
use pakta_load::{LoadCache, LoadError, LoadOptions, Sources};

/// What the pipeline produced, and what it found wrong.
pub struct Analysis {
    /// Partial when there are errors.
    pub model: Model,
    /// Sorted; may hold errors, in which case the model is partial.
    pub diagnostics: Vec<Diagnostic>,
    /// Units read, for the summary line.
    pub units_loaded: usize,
    /// How long each stage took.
    pub timings: Timings,
}

impl Analysis {
    /// Diagnostics that are errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Diagnostics that are warnings.
    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    /// Whether any diagnostic is an error (exit status 1).
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }
}

/// Wall time of each named phase, in the order they ran.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    phases: Vec<(&'static str, Duration)>,
}

impl Timings {
    /// Runs `work` and records how long it took under `phase`.
    pub fn time<T>(&mut self, phase: &'static str, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = work();
        self.phases.push((phase, started.elapsed()));
        result
    }

    /// `memuat 12 ms, memeriksa 3 ms, ...` on one line, each phase named
    /// in the language of `texts`.
    pub fn brief(&self, texts: &Texts) -> String {
        self.phases
            .iter()
            .map(|(phase, took)| {
                format!(
                    "{} {:.0} ms",
                    phase_label(phase, texts),
                    took.as_secs_f64() * 1000.0
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// One line per phase, for `--timings`, named as in [`Timings::brief`].
    pub fn report(&self, texts: &Texts) -> String {
        self.phases
            .iter()
            .map(|(phase, took)| {
                format!(
                    "{:>10}: {:>8.1} ms\n",
                    phase_label(phase, texts),
                    took.as_secs_f64() * 1000.0
                )
            })
            .collect()
    }
}

/// A phase's name in the reader's language.
fn phase_label(phase: &str, texts: &Texts) -> String {
    let message = match phase {
        "load" => Message::new("phase-load"),
        "validate" => Message::new("phase-validate"),
        "model" => Message::new("phase-model"),
        "render" => Message::new("phase-render"),
        "site" => Message::new("phase-site"),
        "history" => Message::new("phase-history"),
        "report" => Message::new("phase-report"),
        "pdf-text" => Message::new("phase-pdf-text"),
        // A phase added without a catalog entry keeps its name.
        other => return other.to_string(),
    };
    message.render(texts)
}

/// Runs load, check and model on the repository at `root`, as of `today`
/// (else today in the site's time zone).
pub fn analyse(
    root: &Path,
    today: Option<NaiveDate>,
    options: LoadOptions,
) -> Result<Analysis, LoadError> {
    analyse_with(root, today, options, None)
}

/// What one run keeps for the next (the preview, after each edit): the
/// loader's parses and what the check learned of the document files.
#[derive(Default)]
pub struct Reuse {
    /// The files parsed, by path.
    pub files: LoadCache,
    /// What was found of the document files, and their digests.
    pub attachments: KnownAttachments,
}

impl Reuse {
    /// Nothing kept yet, for an owner that reports every change of the
    /// repository: of a content file through [`LoadCache::forget`], of
    /// anything in `files/` through [`KnownAttachments::forget_findings`].
    pub fn watched() -> Reuse {
        Reuse {
            files: LoadCache::watched(),
            attachments: KnownAttachments::watched(),
        }
    }
}

/// [`analyse`], re-reading only changed files and re-hashing only changed
/// documents when given what an earlier run kept.
pub fn analyse_with(
    root: &Path,
    today: Option<NaiveDate>,
    options: LoadOptions,
    reuse: Option<&mut Reuse>,
) -> Result<Analysis, LoadError> {
    match reuse {
        Some(Reuse { files, attachments }) => analyse_reusing(today, attachments, || {
            pakta_load::load_cached(root, options, files)
        }),
        None => analyse_loaded(today, || pakta_load::load(root, options)),
    }
}

/// [`analyse`] with the files loaded by `load` (timed as the load stage),
/// for a repository that is not a folder on disk (`diff`'s revisions).
pub fn analyse_loaded<E>(
    today: Option<NaiveDate>,
    load: impl FnOnce() -> Result<(Sources, Diagnostics), E>,
) -> Result<Analysis, E> {
    analyse_reusing(today, &mut KnownAttachments::default(), load)
}

fn analyse_reusing<E>(
    today: Option<NaiveDate>,
    known: &mut KnownAttachments,
    load: impl FnOnce() -> Result<(Sources, Diagnostics), E>,
) -> Result<Analysis, E> {
    let mut timings = Timings::default();
    let (sources, load_diagnostics) = timings.time("load", load)?;
    let today = today.unwrap_or_else(|| today_in(&sources.config.site.timezone));
    let (attachments, validate_diagnostics) = timings.time("validate", || {
        pakta_check::validate_reusing(&sources, today, known)
    });
    let mut diagnostics = load_diagnostics;
    diagnostics.extend(validate_diagnostics.into_sorted());
    let units_loaded = sources.units.len();
    let model = timings.time("model", || Model::build(sources, attachments, today));
    Ok(Analysis {
        model,
        diagnostics: diagnostics.into_sorted(),
        units_loaded,
        timings,
    })
}

/// Today's date where the site's units are: Indonesia keeps no daylight
/// saving, so its zones are fixed offsets.
pub fn today_in(timezone: &str) -> NaiveDate {
    // The checker refused any other zone; the content format's default.
    let hours = TimeZone::parse(timezone).map_or(7, TimeZone::utc_offset_hours);
    let offset = FixedOffset::east_opt(hours * 3600).expect("offsets are in range");
    Utc::now().with_timezone(&offset).date_naive()
}
