//! The model stage: one store of agreements keyed by id, the unit tree,
//! resolved relations and each agreement's lifecycle as of `today`.
//! Indexes hold positions in the sorted vectors, never copies.

pub mod completeness;
pub mod data;
mod document_text;
pub mod figures;
#[cfg(test)]
mod fixture;
pub mod lifecycle;
pub mod monev;
pub mod partners;
pub mod pipeline;
pub mod scorecard;
mod summary;
pub mod tasks;

use foldhash::HashMap;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;

pub use document_text::{DocumentText, DocumentTexts};
pub use figures::HeadlineFigures;
pub use lifecycle::{Flag, Lifecycle, RelatedSignings, Status};
use pakta_check::Attachments;
use pakta_content::hierarchy;
use pakta_content::{Config, Dates, FrontMatter, Level, Rules, Stage};
use pakta_load::Sources;
pub use partners::{PartnerIx, PartnerRegister, RegisteredPartner};

/// Position of an agreement in [`Model::agreements`] (sorted by id).
pub type AgreementIx = usize;
/// Position of a unit in [`Model::units`] (sorted by path).
pub type UnitIx = usize;

/// The model of a repository: its units and agreements, resolved and dated.
#[derive(Debug)]
pub struct Model {
    /// The site settings from `pakta.toml`.
    pub config: Config,
    /// The day statuses are computed for (today, or `--today`).
    pub today: NaiveDate,
    /// Every unit, sorted by path.
    pub units: Vec<Unit>,
    /// Every agreement, public or not, sorted by id.
    pub agreements: Vec<Agreement>,
    /// The partner register; empty when the repository keeps none.
    pub partners: PartnerRegister,
    /// Size and SHA-256 of the document files, by [`pakta_check::attachment_key`].
    pub attachments: Attachments,
    /// The text of local PDF documents, by attachment key; empty unless
    /// the command read them (`build`).
    pub document_texts: DocumentTexts,
    /// Agreement files in the repository, including those too broken to
    /// model.
    pub files_loaded: usize,
    by_id: HashMap<String, AgreementIx>,
    by_unit_path: HashMap<String, UnitIx>,
}

/// A unit: an election body's folder under `agreements/` with its `_unit.toml`.
#[derive(Debug)]
pub struct Unit {
    /// The folder below `agreements/`; "" for the root.
    pub path: String,
    /// The `name` key: the unit's full name.
    pub name: String,
    /// The `short` key: the display name, when `_unit.toml` gives one.
    pub short: Option<String>,
    /// The `level` key: national, province, regency or city.
    pub level: Level,
    /// The `website` key.
    pub website: Option<String>,
    /// The `region_code` key: the Kemendagri region code, e.g. "33.13".
    pub region_code: Option<String>,
    /// The `reviewers` key: GitHub users, teams or e-mail addresses, one per item.
    pub reviewers: Vec<String>,
    /// The unit above this one; none for the root.
    pub parent: Option<UnitIx>,
    /// The units directly below this one, sorted by path.
    pub children: Vec<UnitIx>,
    /// The unit's own agreements, public or not, sorted by id.
    pub agreements: Vec<AgreementIx>,
}

impl Unit {
    /// The short name, else the full name.
    pub fn display_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

/// An agreement's links to other agreements, resolved to positions.
#[derive(Debug, Default, Clone)]
pub struct Relations {
    /// The MoU that `parent` names.
    pub parent: Option<AgreementIx>,
    /// Agreements whose `parent` is this one (its PKSs).
    pub children: Vec<AgreementIx>,
    /// The agreement that `renews` names.
    pub renews: Option<AgreementIx>,
    /// Agreements whose `renews` is this one.
    pub renewed_by: Vec<AgreementIx>,
    /// The agreement that `amends` names.
    pub amends: Option<AgreementIx>,
    /// Agreements whose `amends` is this one.
    pub amended_by: Vec<AgreementIx>,
}

/// One agreement: its front matter, lifecycle and relations.
#[derive(Debug)]
pub struct Agreement {
    /// Its file path below `agreements/` without `.md`.
    pub id: String,
    /// The file, relative to the repository root.
    pub path: String,
    /// Position of its unit in [`Model::units`].
    pub unit: UnitIx,
    /// Shared with the loader's cache, so a preview rebuild copies nothing.
    pub front: Arc<FrontMatter>,
    /// Its lifecycle on the model's `today`.
    pub lifecycle: Lifecycle,
    /// Its links to other agreements.
    pub relations: Relations,
    body: Arc<str>,
    /// Computed on first use: `check` never needs it.
    summary: OnceLock<String>,
}

impl Agreement {
    /// The Markdown text; empty when the run did not load bodies.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The `summary` key, else the body's first paragraph as plain text.
    pub fn summary(&self) -> &str {
        self.summary.get_or_init(|| {
            self.front
                .summary
                .clone()
                .unwrap_or_else(|| summary::first_paragraph(self.body()))
        })
    }

    /// Whether the agreement is published (`public`, default true).
    pub fn is_public(&self) -> bool {
        self.front.public
    }

    /// Its lifecycle status on the model's `today`.
    pub fn status(&self) -> Status {
        self.lifecycle.status
    }
}

impl Model {
    /// Builds the model from whatever loaded cleanly: agreements whose front
    /// matter was too broken, or that have no unit, are left out (they were
    /// reported by validation), so that `check` can still summarise.
    pub fn build(sources: Sources, attachments: Attachments, today: NaiveDate) -> Model {
        let files_loaded = sources.agreements.len();
        let partners = PartnerRegister::build(&sources.partners);
        let by_unit_path: HashMap<String, UnitIx> = sources
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.path.clone(), i))
            .collect();
        let mut units: Vec<Unit> = sources
            .units
            .into_iter()
            .map(|u| {
                let depth_guess =
                    match u.path.matches('/').count() + usize::from(!u.path.is_empty()) {
                        0 => Level::National,
                        1 => Level::Province,
                        _ => Level::Regency,
                    };
                Unit {
                    level: u.level.map_or(depth_guess, |l| l.value),
                    name: if u.name.is_empty() {
                        u.path.clone()
                    } else {
                        u.name
                    },
                    path: u.path,
                    short: u.short,
                    website: u.website,
                    region_code: u.region_code,
                    reviewers: u.reviewers,
                    parent: None,
                    children: Vec::new(),
                    agreements: Vec::new(),
                }
            })
            .collect();
        let is_unit = |p: &str| by_unit_path.contains_key(p);
        for ix in 0..units.len() {
            let parent = hierarchy::parent_unit(&units[ix].path, is_unit).map(|p| by_unit_path[p]);
            units[ix].parent = parent;
            if let Some(parent) = parent {
                units[parent].children.push(ix);
            }
        }

        let mut agreements: Vec<Agreement> = Vec::with_capacity(sources.agreements.len());
        for source in sources.agreements {
            let Some(front) = source.front else { continue };
            let Some(unit_path) = hierarchy::owning_unit(hierarchy::folder_of(&source.id), is_unit)
            else {
                continue;
            };
            let unit = by_unit_path[unit_path];
            agreements.push(Agreement {
                id: source.id,
                path: source.source.path,
                unit,
                front,
                lifecycle: Lifecycle {
                    stage: Stage::Planning,
                    status: Status::Planning,
                    flags: Vec::new(),
                    starts: None,
                    expires: None,
                    end: None,
                    pks_due: None,
                },
                relations: Relations::default(),
                body: source.body,
                summary: OnceLock::new(),
            });
        }
        let by_id: HashMap<String, AgreementIx> = agreements
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        for (ix, agreement) in agreements.iter().enumerate() {
            units[agreement.unit].agreements.push(ix);
        }
        resolve_relations(&mut agreements, &by_id);

        let rules = sources.config.rules;
        // Each agreement's lifecycle reads the others' only.
        let lifecycles: Vec<Lifecycle> = (0..agreements.len())
            .into_par_iter()
            .map(|ix| lifecycle_of(&agreements, ix, &agreements[ix].front.dates, &rules, today))
            .collect();
        for (agreement, lifecycle) in agreements.iter_mut().zip(lifecycles) {
            agreement.lifecycle = lifecycle;
        }

        Model {
            config: sources.config,
            today,
            units,
            agreements,
            partners,
            attachments,
            document_texts: DocumentTexts::new(),
            files_loaded,
            by_id,
            by_unit_path,
        }
    }

    /// The lifecycle of one agreement on another `day` than the model's,
    /// with `dates` standing in for its own (a report passes the dates as
    /// they were known then). The same rules as the model's own lifecycle.
    pub fn lifecycle_on(&self, ix: AgreementIx, dates: &Dates, day: NaiveDate) -> Lifecycle {
        lifecycle_of(&self.agreements, ix, dates, &self.config.rules, day)
    }

    /// The agreement with this id.
    pub fn agreement(&self, id: &str) -> Option<&Agreement> {
        self.by_id.get(id).map(|&i| &self.agreements[i])
    }

    /// The position of the agreement with this id.
    pub fn agreement_ix(&self, id: &str) -> Option<AgreementIx> {
        self.by_id.get(id).copied()
    }

    /// Size and SHA-256 of a local document file, by the path written in
    /// the front matter.
    pub fn attachment(&self, path: &str) -> Option<&pakta_check::Attachment> {
        pakta_check::attachment_key(path).and_then(|key| self.attachments.get(&*key))
    }

    /// The documents of an agreement whose pages hold text, in the order
    /// it lists them, each file once: its attachment key and its pages.
    pub fn document_pages<'a>(&'a self, agreement: &'a Agreement) -> Vec<(&'a str, &'a [String])> {
        let mut found: Vec<(&str, &[String])> = Vec::new();
        for document in &agreement.front.documents {
            let Some(key) = document
                .file
                .as_ref()
                .and_then(|f| pakta_check::attachment_key(&f.value))
            else {
                continue;
            };
            let Some((key, text)) = self.document_texts.get_key_value(&*key) else {
                continue;
            };
            if let Some(pages) = text.pages()
                && !found.iter().any(|(k, _)| *k == key.as_str())
            {
                found.push((key.as_str(), pages));
            }
        }
        found
    }

    /// A document's local file facts, when it names a file in the
    /// repository, and its SHA-256: computed for a file, else as written.
    pub fn document_facts<'a>(
        &'a self,
        document: &'a pakta_content::Document,
    ) -> (Option<&'a pakta_check::Attachment>, Option<&'a str>) {
        let attachment = document
            .file
            .as_ref()
            .and_then(|f| self.attachment(&f.value));
        let sha256 = attachment
            .map(|x| x.sha256.as_str())
            .or(document.sha256.as_ref().map(|s| s.value.as_str()));
        (attachment, sha256)
    }

    /// The unit with this folder path ("" for the root).
    pub fn unit(&self, path: &str) -> Option<&Unit> {
        self.by_unit_path.get(path).map(|&i| &self.units[i])
    }

    /// The position of the unit with this folder path ("" for the root).
    pub fn unit_ix(&self, path: &str) -> Option<UnitIx> {
        self.by_unit_path.get(path).copied()
    }

    /// Every agreement that is public.
    pub fn public_agreements(&self) -> impl Iterator<Item = &Agreement> {
        self.agreements.iter().filter(|a| a.is_public())
    }

    /// The unit and every unit below it, in path order.
    pub fn subtree(&self, unit: UnitIx) -> Vec<UnitIx> {
        let mut out = vec![unit];
        let mut next = 0;
        while next < out.len() {
            out.extend(self.units[out[next]].children.iter().copied());
            next += 1;
        }
        out.sort_by(|a, b| self.units[*a].path.cmp(&self.units[*b].path));
        out
    }

    /// The units from the root down to `unit`, inclusive.
    pub fn ancestry(&self, unit: UnitIx) -> Vec<UnitIx> {
        let mut chain = vec![unit];
        while let Some(parent) = self.units[*chain.last().expect("never empty")].parent {
            chain.push(parent);
        }
        chain.reverse();
        chain
    }

    /// Counts of agreements by status, over `agreements`.
    pub fn count_statuses<'a>(
        agreements: impl Iterator<Item = &'a Agreement>,
    ) -> BTreeMap<Status, usize> {
        let mut counts = BTreeMap::new();
        for a in agreements {
            *counts.entry(a.status()).or_insert(0) += 1;
        }
        counts
    }
}

fn lifecycle_of(
    agreements: &[Agreement],
    ix: AgreementIx,
    dates: &Dates,
    rules: &Rules,
    day: NaiveDate,
) -> Lifecycle {
    let a = &agreements[ix];
    let activity_dates: Vec<NaiveDate> = a.front.activities.iter().map(|x| x.date.value).collect();
    let evaluation_dates: Vec<NaiveDate> =
        a.front.evaluations.iter().map(|x| x.date.value).collect();
    let earliest_signing = |ixs: &[AgreementIx]| {
        ixs.iter()
            .filter_map(|&i| agreements[i].front.dates.signed())
            .min()
    };
    let related = RelatedSignings {
        first_renewal_signed: earliest_signing(&a.relations.renewed_by),
        first_child_signed: earliest_signing(&a.relations.children),
    };
    let subject = lifecycle::Subject {
        kind: a.front.kind,
        dates,
        activity_dates: &activity_dates,
        evaluation_dates: &evaluation_dates,
    };
    lifecycle::compute(&subject, related, rules, day)
}

fn resolve_relations(agreements: &mut [Agreement], by_id: &HashMap<String, AgreementIx>) {
    let lookup = |reference: &Option<pakta_content::diagnostics::Spanned<String>>,
                  own: AgreementIx| {
        reference
            .as_ref()
            .and_then(|r| by_id.get(r.value.as_str()).copied())
            .filter(|&target| target != own)
    };
    let links: Vec<(
        Option<AgreementIx>,
        Option<AgreementIx>,
        Option<AgreementIx>,
    )> = agreements
        .iter()
        .enumerate()
        .map(|(ix, a)| {
            (
                lookup(&a.front.parent, ix),
                lookup(&a.front.renews, ix),
                lookup(&a.front.amends, ix),
            )
        })
        .collect();
    for (ix, (parent, renews, amends)) in links.into_iter().enumerate() {
        agreements[ix].relations.parent = parent;
        agreements[ix].relations.renews = renews;
        agreements[ix].relations.amends = amends;
        if let Some(p) = parent {
            agreements[p].relations.children.push(ix);
        }
        if let Some(r) = renews {
            agreements[r].relations.renewed_by.push(ix);
        }
        if let Some(a) = amends {
            agreements[a].relations.amended_by.push(ix);
        }
    }
}
