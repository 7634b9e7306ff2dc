//! The open-data view of the model: `data/agreements.json.gz` on the
//! site (compressed there) and the output of `pakta data`.
//!
//! The structs here are the published schema, written out field by field
//! rather than serialising the loader's records, so that renaming a field
//! of `content` cannot silently change a public interface. Any change to
//! the published shape bumps [`SCHEMA_VERSION`]; `tests/open_data.rs`
//! fails when the shape changes and the version does not.

mod codes;
mod json_schema;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

pub use codes::CodeList;
pub use json_schema::schema;

use crate::{Agreement, AgreementIx, Model};
use pakta_content as content;

/// The version of the published shape. Raise it whenever a field is added,
/// removed, renamed or changes type, and describe the change in
/// docs/open-data.md.
pub const SCHEMA_VERSION: u32 = 3;

/// The open-data document (`data/agreements.json.gz` on the site): every
/// public agreement, sorted by id.
#[derive(Serialize, JsonSchema)]
pub struct DataDocument<'a> {
    /// The version of the published shape, [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The day the statuses were computed for (`--today`).
    pub generated_on: NaiveDate,
    /// One record per public agreement, sorted by id.
    pub agreements: Vec<AgreementRecord<'a>>,
}

/// One agreement as published: its front matter, lifecycle and public relations.
#[derive(Serialize, JsonSchema)]
pub struct AgreementRecord<'a> {
    /// The agreement's id: its file path below `agreements/` without `.md`.
    pub id: &'a str,
    /// The agreement's title as written (`title`).
    pub title: &'a str,
    /// The `kind` key: `mou`, `pks`, `addendum` or `other`.
    #[schemars(schema_with = "json_schema::kind")]
    pub kind: &'static str,
    /// The unit's folder path, "" for the root.
    pub unit: &'a str,
    /// The unit's `name`.
    pub unit_name: &'a str,
    /// The lifecycle stage: the latest of planning … signed that has a date.
    #[schemars(schema_with = "json_schema::stage")]
    pub stage: &'static str,
    /// The lifecycle status on `generated_on`, e.g. `active` or `expired`.
    #[schemars(schema_with = "json_schema::status")]
    pub status: &'static str,
    /// The lifecycle flags on `generated_on`: `needs-pks`, `no-activity`, `not-evaluated`.
    #[schemars(schema_with = "json_schema::flags")]
    pub flags: Vec<&'static str>,
    /// The first day in force: `starts`, else `signed`.
    pub starts: Option<NaiveDate>,
    /// The last day in force by its term: `expires`, else `starts` + `duration_months` − 1 day.
    pub expires: Option<NaiveDate>,
    /// The last day in force, when an early termination brings it forward.
    pub ends: Option<NaiveDate>,
    /// The `number` key: the unit's document number.
    pub number: Option<&'a str>,
    /// The `scope` key: `domestic` or `foreign`.
    #[schemars(schema_with = "json_schema::scope")]
    pub scope: &'static str,
    /// The `topics` key: subjects as written, e.g. "penelitian".
    pub topics: &'a [String],
    /// The `summary` key, else the first paragraph of the text.
    pub summary: &'a str,
    /// The `parent` key: for a PKS, the id of the MoU it carries out;
    /// absent when that MoU is not public.
    pub parent: Option<&'a str>,
    /// The `renews` key: the id of the earlier agreement this one extends;
    /// absent when that agreement is not public.
    pub renews: Option<&'a str>,
    /// The `amends` key: for an addendum, the id of the agreement it
    /// changes; absent when that agreement is not public.
    pub amends: Option<&'a str>,
    /// The `public` key: false when the agreement is checked but published nowhere.
    pub public: bool,
    /// The `[dates]` table.
    pub dates: DatesRecord,
    /// The `[[partners]]` entries, in file order.
    pub partners: Vec<PartnerRecord<'a>>,
    /// The `[[activities]]` entries, in file order.
    pub activities: Vec<ActivityRecord<'a>>,
    /// The `[[evaluations]]` entries, in file order.
    pub evaluations: Vec<EvaluationRecord<'a>>,
    /// The `[[documents]]` entries, in file order.
    pub documents: Vec<DocumentRecord<'a>>,
    /// Public agreements whose `parent` is this one.
    pub children: Vec<&'a str>,
    /// Public agreements whose `renews` is this one.
    pub renewed_by: Vec<&'a str>,
    /// Public agreements whose `amends` is this one.
    pub amended_by: Vec<&'a str>,
}

/// The `[dates]` table as written; absent keys are left out.
#[derive(Serialize, JsonSchema)]
pub struct DatesRecord {
    /// `planning`: the day planning (perencanaan) began.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planning: Option<NaiveDate>,
    /// `drafting`: the day drafting (perumusan) began.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drafting: Option<NaiveDate>,
    /// `negotiation`: the day negotiation (pembahasan) began.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub negotiation: Option<NaiveDate>,
    /// `approval`: the day of approval (pengesahan).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval: Option<NaiveDate>,
    /// `signed`: the day of signing (penandatanganan).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed: Option<NaiveDate>,
    /// `starts`: the first day in force as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starts: Option<NaiveDate>,
    /// `expires`: the last day in force as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
    /// `terminated`: the day it was ended early or dropped before signing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminated: Option<NaiveDate>,
    /// `duration_months`: the term in calendar months, instead of `expires`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_months: Option<u32>,
}

/// One `[[partners]]` entry.
#[derive(Serialize, JsonSchema)]
pub struct PartnerRecord<'a> {
    /// The partner's name as written.
    pub name: &'a str,
    /// The partner register's key when the name is one of a registered
    /// partner's names: the same organisation however it is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<&'a str>,
    /// The `category` key, e.g. `university` or `ngo`.
    #[schemars(schema_with = "json_schema::category")]
    pub category: &'static str,
    /// The name of the person who signed for the partner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signatory: Option<&'a str>,
    /// The signatory's position, e.g. "Rektor".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signatory_title: Option<&'a str>,
    /// The partner's document number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<&'a str>,
    /// The partner's website address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<&'a str>,
}

/// One `[[activities]]` entry (kegiatan).
#[derive(Serialize, JsonSchema)]
pub struct ActivityRecord<'a> {
    /// The day of the activity.
    pub date: NaiveDate,
    /// The activity's title.
    pub title: &'a str,
    /// The activity type (`type`), e.g. `sosialisasi`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    // Not required: left out when absent (`default` tells the schema so).
    #[serde(default)]
    #[schemars(schema_with = "json_schema::activity_type")]
    pub activity_type: Option<&'static str>,
    /// What was done, in Markdown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
    /// What it produced (luaran).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<&'a str>,
    /// Its benefit (manfaat).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benefit: Option<&'a str>,
    /// The number of participants (jumlah peserta).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participants: Option<u64>,
    /// A link to a report or news item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// Proof of the activity (bukti).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<EvidenceRecord<'a>>,
}

/// Proof of an activity: a file of the site (with its digest) or a link.
#[derive(Serialize, JsonSchema)]
pub struct EvidenceRecord<'a> {
    /// A file under `files/`, from the repository's top folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    /// A link, when the proof is not a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// For a file, its SHA-256 in hex: computed, else as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<&'a str>,
}

/// One `[[evaluations]]` entry (monitoring dan evaluasi).
#[derive(Serialize, JsonSchema)]
pub struct EvaluationRecord<'a> {
    /// The day of the evaluation.
    pub date: NaiveDate,
    /// The result: `on-track`, `partial` or `not-implemented`.
    #[schemars(schema_with = "json_schema::result")]
    pub result: &'static str,
    /// The days evaluated (periode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<PeriodRecord>,
    /// The method (metode), e.g. `rapat-evaluasi`.
    #[serde(skip_serializing_if = "Option::is_none")]
    // Not required: left out when absent (`default` tells the schema so).
    #[serde(default)]
    #[schemars(schema_with = "json_schema::method")]
    pub method: Option<&'static str>,
    /// Free-text notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<&'a str>,
    /// The obstacle categories (kendala), each once, e.g. `anggaran`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    // Not required: left out when absent (`default` tells the schema so).
    #[serde(default)]
    #[schemars(schema_with = "json_schema::obstacles")]
    pub obstacles: Vec<&'static str>,
    /// The obstacles in the editor's own words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub obstacle_notes: Option<&'a str>,
    /// The recommendation (rekomendasi), e.g. `lanjutkan`.
    #[serde(skip_serializing_if = "Option::is_none")]
    // Not required: left out when absent (`default` tells the schema so).
    #[serde(default)]
    #[schemars(schema_with = "json_schema::recommendation")]
    pub recommendation: Option<&'static str>,
}

/// The days an evaluation covers.
#[derive(Serialize, JsonSchema)]
pub struct PeriodRecord {
    /// The first day evaluated.
    pub from: NaiveDate,
    /// The last day evaluated.
    pub to: NaiveDate,
}

/// One `[[documents]]` entry.
#[derive(Serialize, JsonSchema)]
pub struct DocumentRecord<'a> {
    /// The document's title.
    pub title: &'a str,
    /// A file under `files/`, from the repository's top folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    /// A link, when the document is not a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// For a file, its SHA-256 in hex: computed, else as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<&'a str>,
    /// For a file, its size in bytes.
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

/// The same document as the site publishes it (`data/agreements.json.gz`, uncompressed here):
/// compact JSON and a final newline. Indentation is a third of the pretty
/// document, and the published site has a size limit; scripts read both
/// the same.
pub fn write_compact_json(model: &Model, mut out: impl std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer(&mut out, &document(model))?;
    out.write_all(b"\n")
}

/// The data document (`data/agreements.json.gz`) for the model's public agreements.
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

/// The published record of one agreement.
pub fn record<'a>(model: &'a Model, a: &'a Agreement) -> AgreementRecord<'a> {
    let unit = &model.units[a.unit];
    let public_ids = |ixs: &[AgreementIx]| -> Vec<&'a str> {
        ixs.iter()
            .map(|&i| &model.agreements[i])
            .filter(|x| x.is_public())
            .map(|x| x.id.as_str())
            .collect()
    };
    // A private agreement's id is its file name, which can say what it
    // is: a reference to one is left out, as on the agreement's page.
    let public_id = |ix: Option<AgreementIx>| -> Option<&'a str> {
        ix.map(|i| &model.agreements[i])
            .filter(|x| x.is_public())
            .map(|x| x.id.as_str())
    };
    let ends = a.lifecycle.end.filter(|e| Some(*e) != a.lifecycle.expires);
    let front = &a.front;
    AgreementRecord {
        id: &a.id,
        title: &front.title,
        kind: front.kind.code(),
        unit: &unit.path,
        unit_name: &unit.name,
        stage: a.lifecycle.stage.code(),
        status: a.lifecycle.status.as_str(),
        flags: a.lifecycle.flags.iter().map(|f| f.as_str()).collect(),
        starts: a.lifecycle.starts,
        expires: a.lifecycle.expires,
        ends,
        number: front.number.as_ref().map(|n| n.value.as_str()),
        scope: front.scope.code(),
        topics: &front.topics,
        summary: a.summary(),
        parent: public_id(a.relations.parent),
        renews: public_id(a.relations.renews),
        amends: public_id(a.relations.amends),
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
        category: p.category.code(),
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
        activity_type: x.activity_type.map(|t| t.code()),
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
        result: x.result.code(),
        period: x.period.as_ref().map(|p| PeriodRecord {
            from: p.from.value,
            to: p.to.value,
        }),
        method: x.method.map(|m| m.code()),
        notes: x.notes.as_deref(),
        obstacles: x.obstacles.iter().map(|o| o.code()).collect(),
        obstacle_notes: x.obstacle_notes.as_deref(),
        recommendation: x.recommendation.map(|r| r.code()),
    }
}
