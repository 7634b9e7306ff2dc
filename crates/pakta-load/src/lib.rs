//! The first stage: find and read `pakta.toml`, every `_unit.toml` and
//! every agreement file, and check each file's shape on its own. Files are
//! read and parsed in parallel; the result is sorted, so it never depends
//! on scheduling.

mod agreement;
mod config;
mod frontmatter;
pub mod history;
mod register;
mod regular_file;
mod sections;
mod stored;
mod text_links;
mod toml_file;
mod unit;
mod written_mistakes;

use foldhash::HashMap;
use std::fmt;
use std::fs::FileType;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

pub use config::{CONFIG_FILE, THEMES_DIR, github_repository, is_base_url, is_theme_name};
pub use register::PARTNERS_DIR;
pub use stored::{StoredContent, StoredFile, StoredKind, load_stored};

use pakta_content::diagnostics::{Diagnostic, Diagnostics, Severity, SourceFile};
use pakta_content::message::Message;
use pakta_content::{AgreementSource, Config, PartnerSource, References, UnitSource};
use regular_file::{Refusal, read_listed_file, read_regular_file, regular_file_metadata};

pub use regular_file::{MAX_CONTENT_FILE_BYTES, not_a_file, regular_file_bytes};

/// The folder of units and agreements, at the repository's root.
pub const CONTENT_DIR: &str = "agreements";

/// The one folder local documents may come from, at the repository's
/// root: everything else in the repository (`.git/config` with a CI
/// token, `pakta.toml`) must never be published by naming it.
pub const DOCUMENTS_DIR: &str = "files";

/// What `check` says about one agreement file on its own, before it is
/// written (`pakta new`): `rel` is its path from the repository root.
pub fn check_agreement_text(rel: &str, text: &str) -> Vec<Diagnostic> {
    let id = rel
        .strip_prefix(CONTENT_DIR)
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(rel)
        .trim_end_matches(".md")
        .to_string();
    let mut diagnostics = Diagnostics::new();
    agreement::parse_agreement(
        id,
        rel.to_string(),
        text.as_bytes(),
        false,
        &mut diagnostics,
    );
    diagnostics.into_sorted()
}
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
    /// The partner register (`partners/<key>.toml`), sorted by key; empty
    /// when the repository keeps none.
    pub partners: Vec<PartnerSource>,
}

/// Failures that stop a run before any checking: exit status 2.
#[derive(Debug)]
pub enum LoadError {
    /// The root has no content folder.
    NotARepository(PathBuf),
}

impl LoadError {
    /// What went wrong, to be printed in the reader's language.
    pub fn message(&self) -> Message {
        match self {
            LoadError::NotARepository(root) => Message::new("not-a-repository")
                .arg("root", root.display())
                .arg("folder", CONTENT_DIR),
        }
    }
}

/// In English, for callers that want a plain error (`diff`'s revisions);
/// the command line prints [`LoadError::message`] in the chosen language.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let texts = pakta_content::i18n::Texts::default_for(pakta_content::i18n::Lang::En);
        f.write_str(&self.message().render(texts))
    }
}

impl std::error::Error for LoadError {}

/// A file to read: where it is and the repository-relative path it is
/// reported under.
#[derive(Clone)]
enum Found {
    Unit {
        unit_path: String,
        rel: String,
        full: PathBuf,
        listed: FileType,
    },
    Agreement {
        id: String,
        rel: String,
        full: PathBuf,
        listed: FileType,
    },
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
    let partners = register::load_register(root, &mut diagnostics);
    let parsed: Vec<(Parsed, Diagnostics)> = found
        .into_par_iter()
        .map(|item| parse_found(item, options))
        .collect();
    Ok(assemble(root, config, partners, parsed, &mut diagnostics))
}

/// Parsed files kept between loads, so that a preview server re-reads only
/// the files that changed since the last load: by default each load walks
/// the content folder and compares every file's size and modification
/// time.
///
/// A [`LoadCache::watched`] cache, told of every change through
/// [`LoadCache::forget`], keeps the last listing of the content folder
/// and trusts it: the next load neither walks the folder nor looks at the
/// files it was not told of. A change it cannot place (a name it has not
/// listed, a folder) makes that load walk and compare as by default.
#[derive(Default)]
pub struct LoadCache {
    files: HashMap<String, CachedFile>,
    /// Whether every change is reported through `forget`.
    watched: bool,
    /// The last load's listing and its problems; `None` when the next
    /// load must walk the content folder.
    listing: Option<(Vec<Found>, Vec<Diagnostic>)>,
    /// The files forgotten since the last load.
    forgotten: Vec<String>,
}

impl LoadCache {
    /// An empty cache whose owner reports every change of the repository
    /// through [`LoadCache::forget`] (a file watcher that, when it lost
    /// events, starts a new cache).
    pub fn watched() -> LoadCache {
        LoadCache {
            watched: true,
            ..LoadCache::default()
        }
    }

    /// Drops the parse of a file (repository-relative path), so the next
    /// load reads it again whatever its timestamp says.
    pub fn forget(&mut self, rel: &str) {
        self.files.remove(rel);
        self.forgotten.push(rel.to_string());
    }

    /// The last listing with the forgotten files applied, when it still
    /// holds: files removed are dropped; a name it did not list (a new
    /// file, a folder, a file it ignored) or a listed name that is now a
    /// folder leaves it to a new walk.
    fn updated_listing(&mut self, root: &Path) -> Option<(Vec<Found>, Vec<Diagnostic>)> {
        let forgotten = std::mem::take(&mut self.forgotten);
        let (mut found, diagnostics) = self.listing.take().filter(|_| self.watched)?;
        let mut removed = Vec::new();
        for rel in &forgotten {
            let in_content = rel == CONTENT_DIR || rel.starts_with(&format!("{CONTENT_DIR}/"));
            if !in_content {
                continue;
            }
            found.binary_search_by(|f| f.rel().cmp(rel)).ok()?;
            match std::fs::symlink_metadata(root.join(rel)) {
                Ok(metadata) if metadata.is_dir() => return None,
                Ok(_) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                    removed.push(rel.as_str());
                }
                Err(_) => return None,
            }
        }
        found.retain(|f| !removed.contains(&f.rel()));
        Some((found, diagnostics))
    }
}

struct CachedFile {
    stamp: Stamp,
    parsed: Parsed,
    diagnostics: Vec<Diagnostic>,
}

/// Which version of a file a cached parse is of.
#[derive(PartialEq, Eq)]
enum Stamp {
    /// Read from disk: its modification time and size then.
    Disk {
        modified: Option<SystemTime>,
        len: u64,
    },
    /// Handed over from version control: its object id.
    Stored(String),
}

impl Stamp {
    /// Read from disk with a modification time, the only stamp that can
    /// tell a later read whether the file changed.
    fn is_dated(&self) -> bool {
        matches!(
            self,
            Stamp::Disk {
                modified: Some(_),
                ..
            }
        )
    }
}

/// Like [`load`], reusing the parse of every file whose size and
/// modification time are unchanged since the last call.
pub fn load_cached(
    root: &Path,
    options: LoadOptions,
    cache: &mut LoadCache,
) -> Result<(Sources, Diagnostics), LoadError> {
    let (config, mut diagnostics) = settings(root)?;
    let listed = cache.updated_listing(root);
    let trusted = listed.is_some();
    let (found, listing) = listed.unwrap_or_else(|| {
        let mut listing = Diagnostics::new();
        let found = discover(&root.join(CONTENT_DIR), &mut listing);
        (found, listing.into_sorted())
    });
    diagnostics.extend(listing.iter().cloned());
    let partners = register::load_register(root, &mut diagnostics);
    // Only the files whose parse cannot be reused are parsed (every file
    // on a first load), in parallel as in `load`; the others are looked up
    // where they are, so an edit costs no copy of the listing or the
    // cache.
    let fresh: Vec<Option<CachedFile>> = found
        .par_iter()
        .map(|item| {
            let previous = cache.files.get(item.rel());
            // A trusted listing names every change: a file it was not
            // told of is as it was.
            if previous.is_some_and(|cached| trusted && cached.stamp.is_dated()) {
                return None;
            }
            // Files that are not regular files are never cached: reading
            // them again reports them again.
            let metadata = regular_file_metadata(item.full()).ok();
            let modified = metadata.as_ref().and_then(|m| m.modified().ok());
            let len = metadata.as_ref().map_or(0, |m| m.len());
            let stamp = Stamp::Disk { modified, len };
            if previous.is_some_and(|cached| cached.stamp == stamp && stamp.is_dated()) {
                return None;
            }
            let (parsed, local) = parse_found(item.clone(), options);
            Some(CachedFile {
                stamp,
                parsed,
                diagnostics: local.into_sorted(),
            })
        })
        .collect();
    if trusted {
        // A trusted listing lost only files already forgotten.
        for (item, entry) in found.iter().zip(fresh) {
            if let Some(entry) = entry {
                cache.files.insert(item.rel().to_string(), entry);
            }
        }
    } else {
        // A walked listing may have lost files: the cache keeps only
        // those it lists.
        let mut before = std::mem::take(&mut cache.files);
        cache.files = found
            .iter()
            .zip(fresh)
            .filter_map(|(item, entry)| match entry {
                Some(entry) => Some((item.rel().to_string(), entry)),
                None => before.remove_entry(item.rel()),
            })
            .collect();
    }
    let files = &cache.files;
    let parsed: Vec<(Parsed, Diagnostics)> = found
        .par_iter()
        .map(|item| {
            let entry = &files[item.rel()];
            let mut local = Diagnostics::new();
            local.extend(entry.diagnostics.iter().cloned());
            (entry.parsed.clone(), local)
        })
        .collect();
    cache.listing = Some((found, listing));
    Ok(assemble(root, config, partners, parsed, &mut diagnostics))
}

fn begin(root: &Path) -> Result<(Config, Vec<Found>, Diagnostics), LoadError> {
    let (config, mut diagnostics) = settings(root)?;
    let found = discover(&root.join(CONTENT_DIR), &mut diagnostics);
    Ok((config, found, diagnostics))
}

/// `pakta.toml`, once the root is known to hold a content folder.
fn settings(root: &Path) -> Result<(Config, Diagnostics), LoadError> {
    if !root.join(CONTENT_DIR).is_dir() {
        return Err(LoadError::NotARepository(root.to_path_buf()));
    }
    let mut diagnostics = Diagnostics::new();
    let config = match read_config(root) {
        Ok(Some(bytes)) => config::parse_config(root, bytes, &mut diagnostics),
        Ok(None) => Config::default(),
        Err(refusal) => {
            diagnostics.push(refusal.diagnostic(CONFIG_FILE));
            Config::default()
        }
    };
    Ok((config, diagnostics))
}

/// A file that cannot be read still becomes a (contentless) record, so
/// that other files naming it are not reported as well.
fn parse_found(item: Found, options: LoadOptions) -> (Parsed, Diagnostics) {
    match item {
        Found::Unit {
            unit_path,
            rel,
            full,
            listed,
        } => {
            let mut bytes = Vec::new();
            let read = read_listed_file(&full, listed, &mut bytes).map(|()| bytes);
            parse_unit_file(unit_path, rel, read)
        }
        Found::Agreement {
            id,
            rel,
            full,
            listed,
        } => with_file_bytes(&full, listed, |read| {
            parse_agreement_file(id, rel, read, options)
        }),
    }
}

fn parse_unit_file(
    unit_path: String,
    rel: String,
    read: Result<Vec<u8>, Refusal>,
) -> (Parsed, Diagnostics) {
    let mut local = Diagnostics::new();
    let unit = match read {
        Ok(bytes) => unit::parse_unit(unit_path, rel, bytes, &mut local),
        Err(refusal) => {
            local.push(refusal.diagnostic(&rel));
            unit::unreadable_unit(unit_path, rel)
        }
    };
    (Parsed::Unit(Box::new(unit)), local)
}

fn parse_agreement_file(
    id: String,
    rel: String,
    read: Result<&[u8], Refusal>,
    options: LoadOptions,
) -> (Parsed, Diagnostics) {
    let mut local = Diagnostics::new();
    let agreement = match read {
        Ok(bytes) => agreement::parse_agreement(id, rel, bytes, options.bodies, &mut local),
        Err(refusal) => {
            local.push(refusal.diagnostic(&rel));
            AgreementSource {
                id,
                source: SourceFile::new(rel, String::new()),
                front: None,
                references: References::default(),
                body: std::sync::Arc::from(""),
                text_links: Vec::new(),
            }
        }
    };
    (Parsed::Agreement(Box::new(agreement)), local)
}

fn assemble(
    root: &Path,
    config: Config,
    partners: Vec<PartnerSource>,
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
    // Stable like `sort_by`, so the order is the same; on every core.
    agreements.par_sort_by(|a, b| a.id.cmp(&b.id));
    (
        Sources {
            root: root.to_path_buf(),
            config,
            units,
            agreements,
            partners,
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

    fn full(&self) -> &Path {
        match self {
            Found::Unit { full, .. } | Found::Agreement { full, .. } => full,
        }
    }
}

/// Every unit and agreement file below `content`, sorted by path. Entries
/// that cannot be listed and names that are not UTF-8 are reported here,
/// each one, and the walk goes on; links are listed but never followed.
/// The top level is listed first and each folder in it walked on a worker
/// of its own: a national repository's thirty-eight provinces take as long
/// to list as to parse on one thread. The walks do not sort folders as
/// they go (sorting a folder by name compares paths, component by
/// component); the whole list is sorted once at the end.
fn discover(content: &Path, diagnostics: &mut Diagnostics) -> Vec<Found> {
    let content_is_link =
        std::fs::symlink_metadata(content).is_ok_and(|m| m.file_type().is_symlink());
    if content_is_link {
        content_link(diagnostics);
        return Vec::new();
    }
    /// A part of the listing: what the top level held, or a folder in it
    /// still to walk.
    enum Part {
        Listed(Listing),
        Folder(PathBuf),
    }
    let mut parts = Vec::new();
    let mut top = Listing::default();
    for entry in walk(content, 1) {
        match entry {
            Ok(entry) if entry.depth() == 1 && entry.file_type().is_dir() => {
                parts.push(Part::Listed(std::mem::take(&mut top)));
                parts.push(Part::Folder(entry.into_path()));
            }
            entry => top.add(content, entry),
        }
    }
    parts.push(Part::Listed(top));
    let listings: Vec<Listing> = parts
        .into_par_iter()
        .map(|part| match part {
            Part::Listed(listing) => listing,
            Part::Folder(folder) => {
                let mut listing = Listing::default();
                for entry in walk(&folder, usize::MAX) {
                    listing.add(content, entry);
                }
                listing
            }
        })
        .collect();
    let mut found = Vec::new();
    for listing in listings {
        found.extend(listing.found);
        diagnostics.extend(listing.diagnostics);
    }
    found.par_sort_unstable_by(|a, b| a.rel().cmp(b.rel()));
    found
}

/// The content folder is a link: nothing in it is read.
fn content_link(diagnostics: &mut Diagnostics) {
    diagnostics.push(
        Diagnostic::file_level(
            Severity::Error,
            CONTENT_DIR,
            "not-a-file",
            Message::new("not-a-file.content-link").arg("folder", CONTENT_DIR),
        )
        .with_help(Message::new("not-a-file.content-link.help").arg("folder", CONTENT_DIR)),
    );
}

/// A walk to `max_depth`, in the order the file system lists, that skips
/// hidden names below its root and never follows a link.
fn walk(
    root: &Path,
    max_depth: usize,
) -> walkdir::FilterEntry<walkdir::IntoIter, fn(&walkdir::DirEntry) -> bool> {
    fn shown(entry: &walkdir::DirEntry) -> bool {
        entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
    }
    WalkDir::new(root)
        .follow_links(false)
        .max_depth(max_depth)
        .into_iter()
        .filter_entry(shown as fn(&walkdir::DirEntry) -> bool)
}

/// The files found in part of the content folder, and its problems.
#[derive(Default)]
struct Listing {
    found: Vec<Found>,
    diagnostics: Vec<Diagnostic>,
}

impl Listing {
    /// Takes one entry of a walk below `content`.
    fn add(&mut self, content: &Path, entry: walkdir::Result<walkdir::DirEntry>) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let at = error.path().unwrap_or(content);
                let rel = relative_name(content, at);
                let reason = error
                    .io_error()
                    .map_or_else(|| error.to_string(), ToString::to_string);
                self.diagnostics
                    .push(Refusal::Unreadable(reason).diagnostic(&rel));
                return;
            }
        };
        if entry.file_type().is_dir() {
            return;
        }
        // Fifty thousand entries pass here: the names are borrowed where
        // they can be, and the repository-relative path built once.
        let below_content = entry.path().strip_prefix(content).unwrap_or(entry.path());
        let below = slashed(below_content.to_string_lossy());
        let rel = format!("{CONTENT_DIR}/{below}");
        let name = entry.file_name().to_string_lossy();
        let is_content = name == UNIT_FILE || name.ends_with(".md");
        if is_content && below_content.to_str().is_none() {
            self.diagnostics.push(non_utf8_name(&rel));
            return;
        }
        let full = entry.path().to_path_buf();
        let listed = entry.file_type();
        match classify(&below, &name, entry.path_is_symlink()) {
            Listed::Unit { unit_path } => self.found.push(Found::Unit {
                unit_path,
                rel,
                full,
                listed,
            }),
            Listed::Agreement { id } => self.found.push(Found::Agreement {
                id,
                rel,
                full,
                listed,
            }),
            Listed::Note => {}
            Listed::Refused(diagnostic) => self.diagnostics.push(diagnostic(&rel)),
        }
    }
}

/// What a file below the content folder is, by its name.
enum Listed {
    Unit {
        unit_path: String,
    },
    Agreement {
        id: String,
    },
    /// Notes beside the content, never agreements.
    Note,
    /// Neither: said at the file's repository-relative path.
    Refused(fn(&str) -> Diagnostic),
}

/// `below` is the path below the content folder, `name` its last part.
fn classify(below: &str, name: &str, is_link: bool) -> Listed {
    if name == UNIT_FILE {
        let unit_path = below
            .strip_suffix(UNIT_FILE)
            .unwrap_or("")
            .trim_end_matches('/')
            .to_string();
        Listed::Unit { unit_path }
    } else if name.starts_with('_') || name.starts_with('.') {
        Listed::Note
    } else if let Some(id) = below.strip_suffix(".md") {
        Listed::Agreement { id: id.to_string() }
    } else if is_link {
        // A linked folder would hide its agreements behind a warning.
        Listed::Refused(|rel| {
            Refusal::NotAFile(Message::new("entry-symbolic-link")).diagnostic(rel)
        })
    } else {
        Listed::Refused(ignored_file)
    }
}

fn ignored_file(rel: &str) -> Diagnostic {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    Diagnostic::file_level(
        Severity::Warning,
        rel,
        "ignored-file",
        Message::new("ignored-file")
            .arg("name", name)
            .arg("unit_file", UNIT_FILE),
    )
    .with_help(Message::new("ignored-file.help"))
}

/// `agreements/<path below content>` with `/` separators; bytes that are
/// not UTF-8 shown as U+FFFD.
fn relative_name(content: &Path, path: &Path) -> String {
    let below = path.strip_prefix(content).unwrap_or(path);
    let below = slash_path(below);
    if below.is_empty() {
        CONTENT_DIR.to_string()
    } else {
        format!("{CONTENT_DIR}/{below}")
    }
}

/// A relative path with `/` between its parts on every system.
fn slashed(path: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    if std::path::MAIN_SEPARATOR == '/' {
        path
    } else {
        std::borrow::Cow::Owned(path.replace(std::path::MAIN_SEPARATOR, "/"))
    }
}

fn non_utf8_name(rel: &str) -> Diagnostic {
    Diagnostic::file_level(
        Severity::Error,
        rel,
        "invalid-id",
        Message::new("invalid-id.path-not-utf8"),
    )
    .with_help(Message::new("invalid-id.help-rename"))
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
fn with_file_bytes<T>(
    path: &Path,
    listed: FileType,
    parse: impl FnOnce(Result<&[u8], Refusal>) -> T,
) -> T {
    READ_BUFFER.with_borrow_mut(|buffer| match read_listed_file(path, listed, buffer) {
        Ok(()) => parse(Ok(buffer)),
        Err(refusal) => parse(Err(refusal)),
    })
}

/// `[site] language` of the repository at `root`, when `pakta.toml` can be
/// read and names one: the command line speaks it before anything is
/// loaded. Problems with the file are left to the run's diagnostics.
pub fn configured_language(root: &Path) -> Option<String> {
    let bytes = read_config(root).ok()??;
    let table: toml::Table = toml::from_str(std::str::from_utf8(&bytes).ok()?).ok()?;
    let language = table.get("site")?.get("language")?.as_str()?;
    Some(language.to_string())
}

/// `pakta.toml`, when there is one; `None` when there is none.
fn read_config(root: &Path) -> Result<Option<Vec<u8>>, Refusal> {
    let path = root.join(CONFIG_FILE);
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    let mut bytes = Vec::new();
    read_regular_file(&path, &mut bytes)?;
    Ok(Some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_file(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// A fresh repository in the temporary folder: a national unit with
    /// agreements `a` and `b`.
    fn national_with_two_agreements(name: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        write_file(
            &root,
            "agreements/_unit.toml",
            "name = \"KPU\"\nlevel = \"national\"\n",
        );
        write_file(&root, "agreements/a.md", "+++\ntitle = \"A\"\n+++\n");
        write_file(&root, "agreements/b.md", "+++\ntitle = \"B\"\n+++\n");
        root
    }

    #[test]
    fn the_cache_rereads_only_changed_files() {
        let root = national_with_two_agreements("pakta-load-cache");
        let write = |rel: &str, text: &str| write_file(&root, rel, text);
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
        assert_eq!(cache.files.len(), 3, "a removed file leaves the cache");
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

    /// A watched cache reads only what it is told of, and a change it
    /// cannot place (a new file, a folder) makes it walk again: after
    /// each change it loads what a fresh load does.
    #[test]
    fn a_watched_cache_loads_what_a_fresh_load_does() {
        let root = national_with_two_agreements("pakta-load-watched");
        let write = |rel: &str, text: &str| write_file(&root, rel, text);
        write("agreements/catatan.txt", "");
        let options = LoadOptions { bodies: true };
        let mut cache = LoadCache::watched();
        load_cached(&root, options, &mut cache).unwrap();
        let same = |cache: &mut LoadCache, step: &str| {
            let (cached, cached_diagnostics) = load_cached(&root, options, cache).unwrap();
            let (fresh, fresh_diagnostics) = load(&root, options).unwrap();
            let texts = |s: &Sources| {
                s.agreements
                    .iter()
                    .map(|a| (a.id.clone(), a.source.text.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(texts(&cached), texts(&fresh), "{step}");
            assert_eq!(
                cached_diagnostics.into_sorted(),
                fresh_diagnostics.into_sorted(),
                "{step}"
            );
        };
        write("agreements/b.md", "+++\ntitle = \"B, diubah\"\n+++\n");
        cache.forget("agreements/b.md");
        same(&mut cache, "a changed file");
        std::fs::remove_file(root.join("agreements/a.md")).unwrap();
        cache.forget("agreements/a.md");
        same(&mut cache, "a removed file");
        write("agreements/c.md", "+++\ntitle = \"C\"\n+++\n");
        cache.forget("agreements/c.md");
        same(&mut cache, "a new file");
        write(
            "agreements/d/_unit.toml",
            "name = \"D\"\nlevel = \"province\"\n",
        );
        write("agreements/d/e.md", "+++\ntitle = \"E\"\n+++\n");
        cache.forget("agreements/d");
        same(&mut cache, "a new folder");
        std::fs::remove_file(root.join("agreements/catatan.txt")).unwrap();
        cache.forget("agreements/catatan.txt");
        same(&mut cache, "an ignored file removed");
        std::fs::remove_dir_all(root.join("agreements/d")).unwrap();
        cache.forget("agreements/d");
        same(&mut cache, "a folder removed");
        let mut kept: Vec<&str> = cache.files.keys().map(String::as_str).collect();
        kept.sort_unstable();
        assert_eq!(
            kept,
            [
                "agreements/_unit.toml",
                "agreements/b.md",
                "agreements/c.md"
            ],
            "the cache keeps only the files listed"
        );

        // What it was not told of, it does not read.
        write("agreements/b.md", "+++\ntitle = \"B, lagi\"\n+++\n");
        let (sources, _) = load_cached(&root, options, &mut cache).unwrap();
        assert!(sources.agreements[0].source.text.contains("B, diubah"));
        let _ = std::fs::remove_dir_all(&root);
    }

    /// Top-level files between folders, nested folders, hidden and
    /// ignored names: the folders walked apart list what one walk of the
    /// whole tree lists, sorted by path.
    #[test]
    fn walking_each_folder_apart_lists_what_one_walk_does() {
        let root = std::env::temp_dir().join(format!("pakta-load-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let content = root.join(CONTENT_DIR);
        for rel in [
            "_unit.toml",
            "a.md",
            "a-b.md",
            "a/_unit.toml",
            "a/x.md",
            "a/b/c.md",
            "a/b/_unit.toml",
            "a.b/y.md",
            "b.md",
            "c/.hidden/z.md",
            "c/catatan.txt",
            "c/_draf.md",
            "d/e/f/g.md",
            ".git/config.md",
            "z.md",
        ] {
            let path = content.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        std::fs::create_dir_all(content.join("empty")).unwrap();
        let mut one_walk = Listing::default();
        for entry in walk(&content, usize::MAX) {
            one_walk.add(&content, entry);
        }
        let mut diagnostics = Diagnostics::new();
        let found = discover(&content, &mut diagnostics);
        let rels = |found: &[Found]| {
            found
                .iter()
                .map(|f| f.rel().to_string())
                .collect::<Vec<_>>()
        };
        let mut walked = rels(&one_walk.found);
        walked.sort();
        assert_eq!(rels(&found), walked);
        assert_eq!(found.len(), 11, "{:?}", rels(&found));
        let mut walked_diagnostics = Diagnostics::new();
        walked_diagnostics.extend(one_walk.diagnostics);
        assert_eq!(diagnostics.into_sorted(), walked_diagnostics.into_sorted());
        let _ = std::fs::remove_dir_all(&root);
    }

    #[cfg(unix)]
    #[test]
    fn cached_loads_report_links_every_time_and_never_read_them() {
        let root = std::env::temp_dir().join(format!("pakta-load-links-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join(CONTENT_DIR)).unwrap();
        std::fs::write(
            root.join("agreements/_unit.toml"),
            "name = \"KPU\"\nlevel = \"national\"\n",
        )
        .unwrap();
        std::os::unix::fs::symlink("/dev/zero", root.join("agreements/zero.md")).unwrap();
        let options = LoadOptions { bodies: true };
        let mut cache = LoadCache::default();
        for _ in 0..2 {
            let (sources, diagnostics) = load_cached(&root, options, &mut cache).unwrap();
            let codes: Vec<(String, &str)> = diagnostics
                .into_sorted()
                .into_iter()
                .map(|d| (d.file, d.code))
                .collect();
            assert_eq!(codes, [("agreements/zero.md".to_string(), "not-a-file")]);
            assert!(sources.agreements[0].source.text.is_empty());
        }
        let _ = std::fs::remove_dir_all(&root);
    }
}
