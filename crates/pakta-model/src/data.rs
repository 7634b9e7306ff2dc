//! The open-data view of the model: `data/agreements.json` on the site and
//! the output of `pakta data`. Its shape is a stable interface.

use chrono::NaiveDate;
use serde::Serialize;

use crate::{Agreement, AgreementIx, Flag, Model, Status};
use pakta_content::{Activity, Dates, Evaluation, Kind, Partner, Scope, Stage};

#[derive(Serialize)]
pub struct DataDocument<'a> {
    pub generated_on: NaiveDate,
    pub agreements: Vec<AgreementRecord<'a>>,
}

#[derive(Serialize)]
pub struct AgreementRecord<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub kind: Kind,
    /// The unit's folder path, "" for the root.
    pub unit: &'a str,
    pub unit_name: &'a str,
    pub stage: Stage,
    pub status: Status,
    pub flags: &'a [Flag],
    pub starts: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
    /// The last day in force, when an early termination brings it forward.
    pub ends: Option<NaiveDate>,
    pub number: Option<&'a str>,
    pub scope: Scope,
    pub topics: &'a [String],
    pub summary: &'a str,
    pub parent: Option<&'a str>,
    pub renews: Option<&'a str>,
    pub amends: Option<&'a str>,
    pub public: bool,
    pub dates: &'a Dates,
    pub partners: &'a [Partner],
    pub activities: &'a [Activity],
    pub evaluations: &'a [Evaluation],
    pub documents: Vec<DocumentRecord<'a>>,
    /// Public agreements whose `parent` is this one.
    pub children: Vec<&'a str>,
    pub renewed_by: Vec<&'a str>,
    pub amended_by: Vec<&'a str>,
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

/// The data document as `pakta data` prints it and the site publishes it
/// (`data/agreements.json`): pretty JSON and a final newline, written as
/// it is produced, since a national repository's document exceeds 100 MB.
pub fn write_json(model: &Model, mut out: impl std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut out, &document(model))?;
    out.write_all(b"\n")
}

pub fn document(model: &Model) -> DataDocument<'_> {
    DataDocument {
        generated_on: model.today,
        agreements: model
            .public_agreements()
            .map(|a| record(model, a))
            .collect(),
    }
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
    AgreementRecord {
        id: &a.id,
        title: &a.front.title,
        kind: a.front.kind,
        unit: &unit.path,
        unit_name: &unit.name,
        stage: a.lifecycle.stage,
        status: a.lifecycle.status,
        flags: &a.lifecycle.flags,
        starts: a.lifecycle.starts,
        expires: a.lifecycle.expires,
        ends,
        number: a.front.number.as_ref().map(|n| n.value.as_str()),
        scope: a.front.scope,
        topics: &a.front.topics,
        summary: a.summary(),
        parent: a.front.parent.as_ref().map(|r| r.value.as_str()),
        renews: a.front.renews.as_ref().map(|r| r.value.as_str()),
        amends: a.front.amends.as_ref().map(|r| r.value.as_str()),
        public: a.front.public,
        dates: &a.front.dates,
        partners: &a.front.partners,
        activities: &a.front.activities,
        evaluations: &a.front.evaluations,
        documents: a
            .front
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
