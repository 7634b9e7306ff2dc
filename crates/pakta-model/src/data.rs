//! The open-data view of the model: `data/agreements.json` and
//! `<id>/index.json` on the site, and the output of `pakta data`.
//!
//! The structs here are the published schema, written out field by field
//! rather than serialising the loader's records, so that renaming a field
//! of `content` cannot silently change a public interface. Any change to
//! the published shape bumps [`SCHEMA_VERSION`]; `tests/open_data.rs`
//! fails when the shape changes and the version does not.

use chrono::NaiveDate;
use serde::Serialize;

use crate::{Agreement, AgreementIx, Model};
use pakta_content as content;

/// The version of the published shape. Raise it whenever a field is added,
/// removed, renamed or changes type, and describe the change in README.
pub const SCHEMA_VERSION: u32 = 3;

/// `data/agreements.json`: every public agreement, sorted by id.
#[derive(Serialize)]
pub struct DataDocument<'a> {
    pub schema_version: u32,
    pub generated_on: NaiveDate,
    pub agreements: Vec<AgreementRecord<'a>>,
}

/// `<id>/index.json`: one agreement's record with the schema version
/// beside its fields.
#[derive(Serialize)]
pub struct AgreementDocument<'a> {
    pub schema_version: u32,
    #[serde(flatten)]
    pub agreement: AgreementRecord<'a>,
}

#[derive(Serialize)]
pub struct AgreementRecord<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub kind: &'static str,
    /// The unit's folder path, "" for the root.
    pub unit: &'a str,
    pub unit_name: &'a str,
    pub stage: &'static str,
    pub status: &'static str,
    pub flags: Vec<&'static str>,
    pub starts: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
    /// The last day in force, when an early termination brings it forward.
    pub ends: Option<NaiveDate>,
    pub number: Option<&'a str>,
    pub scope: &'static str,
    pub topics: &'a [String],
    pub summary: &'a str,
    pub parent: Option<&'a str>,
    pub renews: Option<&'a str>,
    pub amends: Option<&'a str>,
    pub public: bool,
    pub dates: DatesRecord,
    pub partners: Vec<PartnerRecord<'a>>,
    pub activities: Vec<ActivityRecord<'a>>,
    pub evaluations: Vec<EvaluationRecord<'a>>,
    pub documents: Vec<DocumentRecord<'a>>,
    /// Public agreements whose `parent` is this one.
    pub children: Vec<&'a str>,
    pub renewed_by: Vec<&'a str>,
    pub amended_by: Vec<&'a str>,
}

/// The `[dates]` table as written; absent keys are left out.
#[derive(Serialize)]
pub struct DatesRecord {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planning: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drafting: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub negotiation: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starts: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminated: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_months: Option<u32>,
}

#[derive(Serialize)]
pub struct PartnerRecord<'a> {
    pub name: &'a str,
    /// The partner register's key when the name is one of a registered
    /// partner's names: the same organisation however it is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<&'a str>,
    pub category: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signatory: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signatory_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ActivityRecord<'a> {
    pub date: NaiveDate,
    pub title: &'a str,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub activity_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benefit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participants: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<EvidenceRecord<'a>>,
}

/// Proof of an activity: a file of the site (with its digest) or a link.
#[derive(Serialize)]
pub struct EvidenceRecord<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<&'a str>,
}

#[derive(Serialize)]
pub struct EvaluationRecord<'a> {
    pub date: NaiveDate,
    pub result: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<PeriodRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub obstacles: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub obstacle_notes: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommendation: Option<&'static str>,
}

/// The days an evaluation covers.
#[derive(Serialize)]
pub struct PeriodRecord {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Serialize)]
pub struct DocumentRecord<'a> {
    pub title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
}

/// The data document as `pakta data` prints it: pretty JSON and a final
/// newline, written as it is produced, since a national repository's
/// document exceeds 100 MB.
pub fn write_json(model: &Model, mut out: impl std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut out, &document(model))?;
    out.write_all(b"\n")
}

/// The same document as the site publishes it (`data/agreements.json`):
/// compact JSON and a final newline. Indentation is a third of the pretty
/// document, and the published site has a size limit; scripts read both
/// the same.
pub fn write_compact_json(model: &Model, mut out: impl std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer(&mut out, &document(model))?;
    out.write_all(b"\n")
}

pub fn document(model: &Model) -> DataDocument<'_> {
    DataDocument {
        schema_version: SCHEMA_VERSION,
        generated_on: model.today,
        agreements: model
            .public_agreements()
            .map(|a| record(model, a))
            .collect(),
    }
}

/// One agreement's document, `<id>/index.json`, as compact JSON.
pub fn agreement_json(model: &Model, agreement: &Agreement) -> Vec<u8> {
    let document = AgreementDocument {
        schema_version: SCHEMA_VERSION,
        agreement: record(model, agreement),
    };
    serde_json::to_vec(&document).expect("records of borrowed text and dates serialise")
}

pub fn record<'a>(model: &'a Model, a: &'a Agreement) -> AgreementRecord<'a> {
    let unit = &model.units[a.unit];
    let public_ids = |ixs: &[AgreementIx]| -> Vec<&'a str> {
        ixs.iter()
            .map(|&i| &model.agreements[i])
            .filter(|x| x.is_public())
            .map(|x| x.id.as_str())
            .collect()
    };
    let ends = a.lifecycle.end.filter(|e| Some(*e) != a.lifecycle.expires);
    let front = &a.front;
    AgreementRecord {
        id: &a.id,
        title: &front.title,
        kind: front.kind.as_str(),
        unit: &unit.path,
        unit_name: &unit.name,
        stage: a.lifecycle.stage.as_str(),
        status: a.lifecycle.status.as_str(),
        flags: a.lifecycle.flags.iter().map(|f| f.as_str()).collect(),
        starts: a.lifecycle.starts,
        expires: a.lifecycle.expires,
        ends,
        number: front.number.as_ref().map(|n| n.value.as_str()),
        scope: front.scope.as_str(),
        topics: &front.topics,
        summary: a.summary(),
        parent: front.parent.as_ref().map(|r| r.value.as_str()),
        renews: front.renews.as_ref().map(|r| r.value.as_str()),
        amends: front.amends.as_ref().map(|r| r.value.as_str()),
        public: front.public,
        dates: dates(&front.dates),
        partners: front.partners.iter().map(|p| partner(model, p)).collect(),
        activities: front
            .activities
            .iter()
            .map(|x| activity(model, x))
            .collect(),
        evaluations: front.evaluations.iter().map(evaluation).collect(),
        documents: front
            .documents
            .iter()
            .map(|d| {
                let (attachment, sha256) = model.document_facts(d);
                DocumentRecord {
                    title: &d.title,
                    file: d.file.as_ref().map(|f| f.value.as_str()),
                    url: d.url.as_deref(),
                    sha256,
                    size: attachment.map(|x| x.size),
                }
            })
            .collect(),
        children: public_ids(&a.relations.children),
        renewed_by: public_ids(&a.relations.renewed_by),
        amended_by: public_ids(&a.relations.amended_by),
    }
}

fn dates(d: &content::Dates) -> DatesRecord {
    let day =
        |x: &Option<pakta_content::diagnostics::Spanned<NaiveDate>>| x.as_ref().map(|s| s.value);
    DatesRecord {
        planning: day(&d.planning),
        drafting: day(&d.drafting),
        negotiation: day(&d.negotiation),
        approval: day(&d.approval),
        signed: day(&d.signed),
        starts: day(&d.starts),
        expires: day(&d.expires),
        terminated: day(&d.terminated),
        duration_months: d.duration_months.as_ref().map(|m| m.value),
    }
}

fn partner<'a>(model: &'a Model, p: &'a content::Partner) -> PartnerRecord<'a> {
    PartnerRecord {
        name: &p.name,
        key: model
            .partners
            .resolve(&p.name)
            .map(|ix| model.partners.partners[ix].key.as_str()),
        category: p.category.as_str(),
        signatory: p.signatory.as_deref(),
        signatory_title: p.signatory_title.as_deref(),
        number: p.number.as_deref(),
        website: p.website.as_deref(),
    }
}

fn activity<'a>(model: &'a Model, x: &'a content::Activity) -> ActivityRecord<'a> {
    ActivityRecord {
        date: x.date.value,
        title: &x.title,
        activity_type: x.activity_type.map(|t| t.as_str()),
        description: x.description.as_deref(),
        output: x.output.as_deref(),
        benefit: x.benefit.as_deref(),
        participants: x.participants,
        url: x.url.as_deref(),
        evidence: x.evidence.as_ref().map(|e| EvidenceRecord {
            file: e.file.as_ref().map(|f| f.value.as_str()),
            url: e.url.as_deref(),
            sha256: e
                .file
                .as_ref()
                .and_then(|f| model.attachment(&f.value))
                .map(|a| a.sha256.as_str())
                .or(e.sha256.as_ref().map(|s| s.value.as_str())),
        }),
    }
}

fn evaluation(x: &content::Evaluation) -> EvaluationRecord<'_> {
    EvaluationRecord {
        date: x.date.value,
        result: x.result.as_str(),
        period: x.period.as_ref().map(|p| PeriodRecord {
            from: p.from.value,
            to: p.to.value,
        }),
        method: x.method.map(|m| m.as_str()),
        notes: x.notes.as_deref(),
        obstacles: x.obstacles.iter().map(|o| o.as_str()).collect(),
        obstacle_notes: x.obstacle_notes.as_deref(),
        recommendation: x.recommendation.map(|r| r.as_str()),
    }
}
