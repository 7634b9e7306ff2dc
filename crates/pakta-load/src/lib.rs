//! The first stage: find and read `pakta.toml`, every `_unit.toml` and
//! every agreement file, and check each file's shape on its own. Files are
//! read and parsed in parallel; the result is sorted, so it never depends
//! on scheduling.

mod agreement;
mod config;
mod frontmatter;
pub mod history;
mod toml_file;
mod unit;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

pub use config::CONFIG_FILE;

use pakta_content::diagnostics::{Diagnostic, Diagnostics, Severity};
use pakta_content::{AgreementSource, Config, UnitSource};

/// The folder of units and agreements, at the repository's root.
pub const CONTENT_DIR: &str = "agreements";
/// The file that makes a folder a unit.
pub const UNIT_FILE: &str = "_unit.toml";

/// Everything the editors wrote, checked file by file.
#[derive(Debug)]
pub struct Sources {
    /// The repository's root folder.
    pub root: PathBuf,
    /// `pakta.toml`, with defaults for what it leaves out.
    pub config: Config,
    /// Sorted by path; the root unit's path is "".
    pub units: Vec<UnitSource>,
    /// Sorted by id.
    pub agreements: Vec<AgreementSource>,
}

/// Failures that stop a run before any checking: exit status 2.
#[derive(Debug)]
pub enum LoadError {
    /// The root has no content folder.
    NotARepository(PathBuf),
    /// A file or folder that exists could not be read.
    Io {
        /// What could not be read.
        path: PathBuf,
        /// Why.
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

/// Reads and checks every file under `root`, in parallel.
pub fn load(root: &Path, options: LoadOptions) -> Result<(Sources, Diagnostics), LoadError> {
    let (config, found, mut diagnostics) = begin(root)?;
    let parsed: Vec<(Parsed, Diagnostics)> = found
        .into_par_iter()
        .map(|item| parse_found(root, item, options))
        .collect::<Result<_, LoadError>>()?;
    Ok(assemble(root, config, parsed, &mut diagnostics))
}

/// Parsed files kept between loads, so that a preview server re-reads only
/// the files that changed since the last load.
#[derive(Default)]
pub struct LoadCache {
    files: HashMap<String, CachedFile>,
}

impl LoadCache {
    /// Drops the parse of a file (repository-relative path), so the next
    /// load reads it again whatever its timestamp says.
    pub fn forget(&mut self, rel: &str) {
        self.files.remove(rel);
    }
}

struct CachedFile {
    modified: Option<SystemTime>,
    len: u64,
    parsed: Parsed,
    diagnostics: Vec<Diagnostic>,
}

/// Like [`load`], reusing the parse of every file whose size and
/// modification time are unchanged since the last call.
pub fn load_cached(
    root: &Path,
    options: LoadOptions,
    cache: &mut LoadCache,
) -> Result<(Sources, Diagnostics), LoadError> {
    let (config, found, mut diagnostics) = begin(root)?;
    let mut files = HashMap::with_capacity(found.len());
    let mut parsed = Vec::with_capacity(found.len());
    for item in found {
        let rel = item.rel().to_string();
        let metadata = std::fs::metadata(root.join(&rel)).map_err(|error| LoadError::Io {
            path: root.join(&rel),
            error,
        })?;
        let (modified, len) = (metadata.modified().ok(), metadata.len());
        let entry = match cache.files.remove(&rel) {
            Some(cached)
                if cached.modified == modified && cached.len == len && modified.is_some() =>
            {
                cached
            }
            _ => {
                let (fresh, local) = parse_found(root, item, options)?;
                CachedFile {
                    modified,
                    len,
                    parsed: fresh,
                    diagnostics: local.into_sorted(),
                }
            }
        };
        let mut local = Diagnostics::new();
        local.extend(entry.diagnostics.iter().cloned());
        parsed.push((entry.parsed.clone(), local));
        files.insert(rel, entry);
    }
    cache.files = files;
    Ok(assemble(root, config, parsed, &mut diagnostics))
}

fn begin(root: &Path) -> Result<(Config, Vec<Found>, Diagnostics), LoadError> {
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
    Ok((config, found, diagnostics))
}

fn parse_found(
    root: &Path,
    item: Found,
    options: LoadOptions,
) -> Result<(Parsed, Diagnostics), LoadError> {
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
}

fn assemble(
    root: &Path,
    config: Config,
    parsed: Vec<(Parsed, Diagnostics)>,
    diagnostics: &mut Diagnostics,
) -> (Sources, Diagnostics) {
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
    (
        Sources {
            root: root.to_path_buf(),
            config,
            units,
            agreements,
        },
        std::mem::take(diagnostics),
    )
}

#[derive(Clone)]
enum Parsed {
    Unit(Box<UnitSource>),
    Agreement(Box<AgreementSource>),
}

impl Found {
    fn rel(&self) -> &str {
        match self {
            Found::Unit { rel, .. } | Found::Agreement { rel, .. } => rel,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_rereads_only_changed_files() {
        let root = std::env::temp_dir().join(format!("pakta-load-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "agreements/_unit.toml",
            "name = \"KPU\"\nlevel = \"national\"\n",
        );
        write("agreements/a.md", "+++\ntitle = \"A\"\n+++\n");
        write("agreements/b.md", "+++\ntitle = \"B\"\n+++\n");
        let options = LoadOptions { bodies: true };
        let mut cache = LoadCache::default();
        let (first, first_diagnostics) = load_cached(&root, options, &mut cache).unwrap();
        assert_eq!(first.agreements.len(), 2);

        write("agreements/b.md", "+++\ntitle = \"B, diubah\"\n+++\n");
        write("agreements/c.md", "+++\ntitle = \"C\"\n+++\n");
        std::fs::remove_file(root.join("agreements/a.md")).unwrap();
        let (second, second_diagnostics) = load_cached(&root, options, &mut cache).unwrap();
        let (fresh, fresh_diagnostics) = load(&root, options).unwrap();
        let ids = |s: &Sources| {
            s.agreements
                .iter()
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&second), ["b", "c"]);
        assert_eq!(ids(&second), ids(&fresh));
        assert_eq!(
            second.agreements[0].source.text,
            fresh.agreements[0].source.text
        );
        assert_eq!(
            second_diagnostics.into_sorted(),
            fresh_diagnostics.into_sorted()
        );
        assert!(!first_diagnostics.is_empty());
        let _ = std::fs::remove_dir_all(&root);
    }
}
