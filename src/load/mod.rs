//! The first stage: find and read `pakta.toml`, every `_unit.toml` and
//! every agreement file, and check each file's shape on its own. Files are
//! read and parsed in parallel; the result is sorted, so it never depends
//! on scheduling.

mod agreement;
mod config;
mod frontmatter;
mod toml_file;
mod unit;

use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

pub use config::CONFIG_FILE;

use crate::content::{AgreementSource, Config, UnitSource};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};

pub const CONTENT_DIR: &str = "agreements";
pub const UNIT_FILE: &str = "_unit.toml";

/// Everything the editors wrote, checked file by file.
#[derive(Debug)]
pub struct Sources {
    pub root: PathBuf,
    pub config: Config,
    /// Sorted by path; the root unit's path is "".
    pub units: Vec<UnitSource>,
    /// Sorted by id.
    pub agreements: Vec<AgreementSource>,
}

/// Failures that stop a run before any checking: exit status 2.
#[derive(Debug)]
pub enum LoadError {
    NotARepository(PathBuf),
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotARepository(root) => write!(
                f,
                "{} has no `{CONTENT_DIR}/` folder; run pakta in a content repository or pass --root",
                root.display()
            ),
            LoadError::Io { path, error } => write!(f, "cannot read {}: {error}", path.display()),
        }
    }
}

impl std::error::Error for LoadError {}

enum Found {
    Unit { unit_path: String, rel: String },
    Agreement { id: String, rel: String },
}

/// What a run needs from the files beyond their front matter.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Keep agreement bodies (the site and the data need them; `check`
    /// does not, and skipping them keeps a national repository small).
    pub bodies: bool,
}

pub fn load(root: &Path, options: LoadOptions) -> Result<(Sources, Diagnostics), LoadError> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Err(LoadError::NotARepository(root.to_path_buf()));
    }
    let mut diagnostics = Diagnostics::new();
    let config = match read_optional(&root.join(CONFIG_FILE))? {
        Some(bytes) => config::parse_config(bytes, &mut diagnostics),
        None => Config::default(),
    };

    let found = discover(&content, &mut diagnostics)?;
    let parsed: Vec<(Parsed, Diagnostics)> = found
        .into_par_iter()
        .map(|item| {
            let mut local = Diagnostics::new();
            let parsed = match item {
                Found::Unit { unit_path, rel } => {
                    let bytes = read(&root.join(&rel))?;
                    Parsed::Unit(Box::new(unit::parse_unit(
                        unit_path, rel, bytes, &mut local,
                    )))
                }
                Found::Agreement { id, rel } => {
                    let path = root.join(&rel);
                    let agreement = with_file_bytes(&path, |bytes| {
                        agreement::parse_agreement(id, rel, bytes, options.bodies, &mut local)
                    })?;
                    Parsed::Agreement(Box::new(agreement))
                }
            };
            Ok((parsed, local))
        })
        .collect::<Result<_, LoadError>>()?;

    let mut units = Vec::new();
    let mut agreements = Vec::new();
    for (item, local) in parsed {
        diagnostics.extend(local.into_sorted());
        match item {
            Parsed::Unit(u) => units.push(*u),
            Parsed::Agreement(a) => agreements.push(*a),
        }
    }
    units.sort_by(|a, b| a.path.cmp(&b.path));
    agreements.sort_by(|a, b| a.id.cmp(&b.id));
    Ok((
        Sources {
            root: root.to_path_buf(),
            config,
            units,
            agreements,
        },
        diagnostics,
    ))
}

enum Parsed {
    Unit(Box<UnitSource>),
    Agreement(Box<AgreementSource>),
}

fn discover(content: &Path, diagnostics: &mut Diagnostics) -> Result<Vec<Found>, LoadError> {
    let mut found = Vec::new();
    let walker = WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|error| LoadError::Io {
            path: error.path().unwrap_or(content).to_path_buf(),
            error: error.into(),
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let below = entry
            .path()
            .strip_prefix(content)
            .expect("walkdir stays below its root");
        let below = slash_path(below);
        let rel = format!("{CONTENT_DIR}/{below}");
        let name = entry.file_name().to_string_lossy();
        if name == UNIT_FILE {
            let unit_path = below
                .strip_suffix(UNIT_FILE)
                .unwrap_or("")
                .trim_end_matches('/')
                .to_string();
            found.push(Found::Unit { unit_path, rel });
        } else if name.starts_with('_') || name.starts_with('.') {
            continue;
        } else if let Some(id) = below.strip_suffix(".md") {
            found.push(Found::Agreement {
                id: id.to_string(),
                rel,
            });
        } else {
            diagnostics.push(
                Diagnostic::file_level(
                    Severity::Warning,
                    &rel,
                    "ignored-file",
                    format!(
                        "`{name}` is neither an agreement (a .md file) nor {UNIT_FILE}, so it is ignored"
                    ),
                )
                .with_help("agreements end in .md; put signed scans and attachments under files/"),
            );
        }
    }
    Ok(found)
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

thread_local! {
    static READ_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reads a file into a buffer reused by the thread: most of an agreement
/// file is body text that a run may not keep, and fresh memory for every
/// file costs more than the parsing.
fn with_file_bytes<T>(path: &Path, parse: impl FnOnce(&[u8]) -> T) -> Result<T, LoadError> {
    use std::io::Read;
    READ_BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        std::fs::File::open(path)
            .and_then(|mut file| file.read_to_end(buffer))
            .map_err(|error| LoadError::Io {
                path: path.to_path_buf(),
                error,
            })?;
        Ok(parse(buffer))
    })
}

fn read(path: &Path) -> Result<Vec<u8>, LoadError> {
    std::fs::read(path).map_err(|error| LoadError::Io {
        path: path.to_path_buf(),
        error,
    })
}

fn read_optional(path: &Path) -> Result<Option<Vec<u8>>, LoadError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(LoadError::Io {
            path: path.to_path_buf(),
            error,
        }),
    }
}
