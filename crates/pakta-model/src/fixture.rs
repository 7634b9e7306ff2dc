//! Small models for the unit tests of the analytics: a root unit with two
//! provinces, and agreements written as front matter.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use pakta_content::diagnostics::{SourceFile, Spanned};
use pakta_content::{
    AgreementSource, Category, Config, Dates, Evaluation, EvaluationResult, FrontMatter, Kind,
    Level, Obstacle, Partner, Scope, UnitSource,
};
use pakta_load::Sources;

use crate::Model;

pub(crate) fn day(text: &str) -> NaiveDate {
    text.parse().expect("test dates are valid")
}

pub(crate) fn at(text: &str) -> Option<Spanned<NaiveDate>> {
    Some(Spanned::new(day(text), 0..0))
}

/// A signed agreement of `kind` with one university partner.
pub(crate) fn signed(kind: Kind, date: &str) -> FrontMatter {
    FrontMatter {
        title: "T".into(),
        kind,
        number: None,
        scope: Scope::Domestic,
        topics: Vec::new(),
        summary: None,
        parent: None,
        renews: None,
        amends: None,
        public: true,
        dates: Dates {
            signed: at(date),
            ..Dates::default()
        },
        partners: vec![Partner {
            name: "P".into(),
            name_span: Default::default(),
            category: Category::University,
            signatory: None,
            signatory_title: None,
            number: None,
            website: None,
        }],
        activities: Vec::new(),
        evaluations: Vec::new(),
        documents: Vec::new(),
        kind_span: 0..0,
    }
}

pub(crate) fn evaluation(
    date: &str,
    result: EvaluationResult,
    obstacles: &[Obstacle],
) -> Evaluation {
    Evaluation {
        date: Spanned::new(day(date), 0..0),
        result,
        period: None,
        method: None,
        notes: None,
        obstacles: obstacles.to_vec(),
        obstacle_notes: None,
        recommendation: None,
    }
}

fn unit(path: &str, level: Level) -> UnitSource {
    UnitSource {
        name: format!("Unit {path}"),
        level: Some(Spanned::new(level, 0..0)),
        ..UnitSource::unnamed(
            path.into(),
            SourceFile::new(format!("agreements/{path}/_unit.toml"), ""),
        )
    }
}

/// Units "" (national), "a" and "b" (provinces) and "a/x" (a regency);
/// agreements by id, placed in the unit of their folder.
pub(crate) fn model(agreements: Vec<(&str, FrontMatter)>, today: &str) -> Model {
    let mut agreements: Vec<AgreementSource> = agreements
        .into_iter()
        .map(|(id, front)| AgreementSource {
            id: id.into(),
            source: SourceFile::new(format!("agreements/{id}.md"), ""),
            front: Some(Arc::new(front)),
            references: Default::default(),
            body: Arc::from(""),
            text_links: Vec::new(),
        })
        .collect();
    agreements.sort_by(|x, y| x.id.cmp(&y.id));
    let sources = Sources {
        root: PathBuf::from("."),
        config: Config::default(),
        units: vec![
            unit("", Level::National),
            unit("a", Level::Province),
            unit("a/x", Level::Regency),
            unit("b", Level::Province),
        ],
        agreements,
        partners: Vec::new(),
    };
    Model::build(sources, Default::default(), day(today))
}
