//! `pakta diff`: what a change does to the agreements, as reviewers and the
//! public will see it. Both revisions go through the same pipeline with the
//! same `today`; the two models are then compared agreement by agreement.
//! The JSON form of [`RevisionDiff`] is a stable interface (docs/diff.md).

mod checked_out;
mod fields;
mod git;
mod labels;
mod markdown;
mod snapshot;
mod tree;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

pub use fields::{EntryRef, FieldChange, ListEntry};
use fields::{FrontChanges, compare_front};
pub use markdown::render_markdown;
use pakta_content::message::Message;
use pakta_content::{Kind, Stage};
use pakta_load::{LoadCache, LoadOptions, StoredFile};
use pakta_model::pipeline::{Analysis, analyse_loaded};
use pakta_model::{Agreement, Flag, Model, Status};
use snapshot::Snapshot;

/// One side of the comparison and how well it loaded.
#[derive(Debug, Serialize)]
pub struct Side {
    /// The revision as given, e.g. "origin/main".
    pub rev: String,
    /// The full commit id the revision resolved to (40 hex digits).
    pub commit: String,
    /// How many agreement files it holds, including those too broken to model.
    pub agreements: usize,
    /// How many validation errors `pakta check` would report for it.
    pub errors: usize,
    /// How many validation warnings `pakta check` would report for it.
    pub warnings: usize,
}

/// What a change does to the agreements: the output of `pakta diff` (`--format json`).
#[derive(Debug, Serialize)]
pub struct RevisionDiff {
    /// The day both sides' statuses are computed for (`--today`, else today).
    pub today: NaiveDate,
    /// The revision compared against (the older side).
    pub base: Side,
    /// The revision with the change (the newer side).
    pub head: Side,
    /// Agreements only on the head side, as they stand there.
    pub added: Vec<Entry>,
    /// Agreements only on the base side, as they stood there.
    pub removed: Vec<Entry>,
    /// Agreements moved or renamed, paired by Git's rename detection.
    pub renamed: Vec<Rename>,
    /// Agreements on both sides that differ, by head id.
    pub changed: Vec<AgreementChange>,
    /// Unit folder paths only on the head side ("" for the root).
    pub units_added: Vec<String>,
    /// Unit folder paths only on the base side ("" for the root).
    pub units_removed: Vec<String>,
}

impl RevisionDiff {
    /// Whether nothing differs between the two sides.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
            && self.changed.is_empty()
            && self.units_added.is_empty()
            && self.units_removed.is_empty()
    }
}

/// An agreement as it stands on one side.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// The agreement's id: its path below `agreements/` without `.md`.
    pub id: String,
    /// The agreement's title as written (`title`).
    pub title: String,
    /// The `kind` key: `mou`, `pks`, `addendum` or `other`.
    pub kind: Kind,
    /// Its unit's folder path, "" for the root.
    pub unit: String,
    /// The latest lifecycle stage with a date.
    pub stage: Stage,
    /// The status on the report's `today`.
    pub status: Status,
    /// The flags on the report's `today`, e.g. `needs-pks`.
    pub flags: Vec<Flag>,
    /// The `public` key: false when checked but published nowhere.
    pub public: bool,
}

/// An agreement moved or renamed between the two sides.
#[derive(Debug, Serialize)]
pub struct Rename {
    /// The id on the base side.
    pub from: String,
    /// The id on the head side.
    pub to: String,
}

/// A value that differs between the two sides.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Transition<T> {
    /// The value on the base side.
    pub from: T,
    /// The value on the head side.
    pub to: T,
}

/// Everything that differs for one agreement present on both sides.
#[derive(Debug, Serialize)]
pub struct AgreementChange {
    /// The id on the head side.
    pub id: String,
    /// The base side's id, when the agreement was renamed as well.
    pub renamed_from: Option<String>,
    /// The `title` on the head side.
    pub title: String,
    /// The stage transition, when the stage changed.
    pub stage: Option<Transition<Stage>>,
    /// The status transition, when the status changed.
    pub status: Option<Transition<Status>>,
    /// Flags that apply on the head side only.
    pub flags_added: Vec<Flag>,
    /// Flags that applied on the base side only.
    pub flags_removed: Vec<Flag>,
    /// Every front-matter key whose value changed, at every depth and in
    /// the format's order, including the keys of edited list entries.
    pub fields: Vec<FieldChange>,
    /// Entries of a list of tables (`partners`, `activities`, …) only on
    /// the head side.
    pub entries_added: Vec<ListEntry>,
    /// Entries of a list of tables only on the base side.
    pub entries_removed: Vec<ListEntry>,
    /// The Markdown text below the front matter changed.
    pub body_changed: bool,
}

impl AgreementChange {
    fn is_empty(&self) -> bool {
        self.stage.is_none()
            && self.status.is_none()
            && self.flags_added.is_empty()
            && self.flags_removed.is_empty()
            && self.fields.is_empty()
            && self.entries_added.is_empty()
            && self.entries_removed.is_empty()
            && !self.body_changed
    }
}

/// Failures that stop `pakta diff` (exit status 2), said in the reader's
/// language when printed.
#[derive(Debug)]
pub struct DiffError(pub Message);

/// Loads both revisions from Git and compares them. `today` defaults to
/// today in the head revision's time zone, and both sides use the same day.
///
/// The content folder is never written out: the loader takes each side's
/// listing and asks for the bytes of only the files it has not parsed, by
/// object id, so every file the change left alone is read and parsed once
/// for both sides, from the working tree where the file there is that
/// object byte for byte, else from Git. The rest (settings, partner register,
/// attachments) is written to a temporary folder, the base side made from
/// the head side by rewriting only the files that differ.
pub fn diff_revisions(
    root: &Path,
    base_rev: &str,
    head_rev: &str,
    today: Option<NaiveDate>,
) -> Result<RevisionDiff, DiffError> {
    let error = |e: git::GitError| DiffError(e.0);
    let location = git::locate(root).map_err(error)?;
    let base_commit = git::resolve(root, base_rev).map_err(error)?;
    let head_commit = git::resolve(root, head_rev).map_err(error)?;
    let head_tree = git::list_tree(&location, &head_commit).map_err(error)?;

    let mut snapshot = Snapshot::create().map_err(error)?;
    let mut cache = LoadCache::default();
    // The renames and the base side's listing are asked of Git while the
    // head side loads: Git waits on its own, the loader on the processors.
    let (head, base_listing) = std::thread::scope(|scope| {
        let ask_base = || -> Result<_, git::GitError> {
            let renames = git::renamed_agreements(root, &base_commit, &head_commit)?;
            Ok((renames, git::list_tree(&location, &base_commit)?))
        };
        let base_listing = std::thread::Builder::new().spawn_scoped(scope, ask_base);
        let beside_content: Vec<&tree::Blob> =
            head_tree.blobs.iter().filter(|b| !b.is_content()).collect();
        let head = snapshot
            .write(&location, &beside_content, false)
            .map_err(error)
            .and_then(|()| load(&location, &snapshot.dir, &head_tree, today, &mut cache));
        let base_listing = match base_listing {
            Ok(asking) => asking
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread to be had: asked now instead.
            Err(_) => ask_base(),
        };
        (head, base_listing)
    });
    let head = head?;
    let (renames, base_tree) = base_listing.map_err(error)?;
    let today = head.model.today;

    let (differing, gone) = git::changes(&head_tree, &base_tree);
    for path in gone.iter().filter(|p| !tree::is_content_path(p)) {
        snapshot.remove(path);
    }
    let differing: Vec<&tree::Blob> = differing.into_iter().filter(|b| !b.is_content()).collect();
    snapshot.write(&location, &differing, true).map_err(error)?;
    let base = load(
        &location,
        &snapshot.dir,
        &base_tree,
        Some(today),
        &mut cache,
    )?;
    drop(snapshot);

    let side = |rev: &str, commit: String, analysis: &Analysis| Side {
        rev: rev.to_string(),
        commit,
        agreements: analysis.model.files_loaded,
        errors: analysis.error_count(),
        warnings: analysis.warning_count(),
    };
    let mut report = compare(&base.model, &head.model, &renames);
    report.base = side(base_rev, base_commit, &base);
    report.head = side(head_rev, head_commit, &head);
    // Freeing two national models record by record takes longer than the
    // comparison did: a thread of its own does it, so the report is not held
    // up, and a process that ends with the report leaves the rest to the
    // system. Without a thread they are freed here.
    let _ = std::thread::Builder::new().spawn(move || drop((head, base, cache)));
    Ok(report)
}

/// Runs the pipeline on one side: the settings beside the content from
/// `dir`, the content folder from `tree`.
fn load(
    location: &git::Location,
    dir: &Path,
    tree: &tree::Tree,
    today: Option<NaiveDate>,
    cache: &mut LoadCache,
) -> Result<Analysis, DiffError> {
    let files: Vec<StoredFile> = tree
        .blobs
        .iter()
        .filter(|b| b.is_content())
        .map(tree::Blob::stored)
        .collect();
    let options = LoadOptions { bodies: true };
    // A content folder emptied by the removals is still a repository.
    let _ = std::fs::create_dir_all(dir.join(pakta_load::CONTENT_DIR));
    analyse_loaded(today, || {
        pakta_load::load_stored(dir, &files, options, cache, |missing| {
            git::read_content(location, missing)
        })
        .map_err(|e| DiffError(e.0))?
        .map_err(|e| DiffError(e.message()))
    })
}

/// Compares two models of the same day. `renames` pairs old and new ids;
/// pairs that do not name an agreement on each side are ignored.
fn compare(base: &Model, head: &Model, renames: &[(String, String)]) -> RevisionDiff {
    let renames: Vec<(&str, &str)> = renames
        .iter()
        .filter(|(from, to)| {
            base.agreement(from).is_some()
                && head.agreement(from).is_none()
                && head.agreement(to).is_some()
                && base.agreement(to).is_none()
        })
        .map(|(from, to)| (from.as_str(), to.as_str()))
        .collect();
    let renamed_from = |head_id: &str| renames.iter().find(|(_, to)| *to == head_id).map(|r| r.0);
    let renamed_away = |base_id: &str| renames.iter().any(|(from, _)| *from == base_id);

    let mut added = Vec::new();
    let mut changed = Vec::new();
    for after in &head.agreements {
        let previous_id = renamed_from(&after.id);
        match base.agreement(previous_id.unwrap_or(&after.id)) {
            Some(before) => {
                let change = compare_agreement(before, after, previous_id);
                if !change.is_empty() {
                    changed.push(change);
                }
            }
            None => added.push(entry(head, after)),
        }
    }
    let removed = base
        .agreements
        .iter()
        .filter(|a| head.agreement(&a.id).is_none() && !renamed_away(&a.id))
        .map(|a| entry(base, a))
        .collect();
    let unit_paths = |m: &Model| {
        m.units
            .iter()
            .map(|u| u.path.clone())
            .collect::<BTreeSet<_>>()
    };
    let (base_units, head_units) = (unit_paths(base), unit_paths(head));
    RevisionDiff {
        today: head.today,
        base: Side::unknown(),
        head: Side::unknown(),
        added,
        removed,
        renamed: renames
            .iter()
            .map(|(from, to)| Rename {
                from: from.to_string(),
                to: to.to_string(),
            })
            .collect(),
        changed,
        units_added: head_units.difference(&base_units).cloned().collect(),
        units_removed: base_units.difference(&head_units).cloned().collect(),
    }
}

impl Side {
    fn unknown() -> Side {
        Side {
            rev: String::new(),
            commit: String::new(),
            agreements: 0,
            errors: 0,
            warnings: 0,
        }
    }
}

fn entry(model: &Model, a: &Agreement) -> Entry {
    Entry {
        id: a.id.clone(),
        title: a.front.title.clone(),
        kind: a.front.kind,
        unit: model.units[a.unit].path.clone(),
        stage: a.lifecycle.stage,
        status: a.lifecycle.status,
        flags: a.lifecycle.flags.clone(),
        public: a.is_public(),
    }
}

fn transition<T: PartialEq + Copy>(from: T, to: T) -> Option<Transition<T>> {
    (from != to).then_some(Transition { from, to })
}

fn compare_agreement(
    before: &Agreement,
    after: &Agreement,
    renamed_from: Option<&str>,
) -> AgreementChange {
    let (b, a) = (&before.lifecycle, &after.lifecycle);
    // Files the change left alone share their parse between the sides.
    let front = if Arc::ptr_eq(&before.front, &after.front) {
        FrontChanges::default()
    } else {
        compare_front(&before.front, &after.front)
    };
    AgreementChange {
        id: after.id.clone(),
        renamed_from: renamed_from.map(str::to_string),
        title: after.front.title.clone(),
        stage: transition(b.stage, a.stage),
        status: transition(b.status, a.status),
        flags_added: a
            .flags
            .iter()
            .filter(|f| !b.flags.contains(f))
            .copied()
            .collect(),
        flags_removed: b
            .flags
            .iter()
            .filter(|f| !a.flags.contains(f))
            .copied()
            .collect(),
        fields: front.fields,
        entries_added: front.entries_added,
        entries_removed: front.entries_removed,
        body_changed: !std::ptr::eq(before.body(), after.body())
            && before.body().trim() != after.body().trim(),
    }
}
