//! Turns one agreement file's bytes into an [`AgreementSource`], reporting
//! every problem with its shape.

use std::sync::Arc;

use toml::de::DeTable;

use super::frontmatter::{Split, split};
use super::toml_file::{decode_utf8, toml_syntax_errors};
use crate::content::{
    Activity, ActivityType, AgreementSource, Category, Dates, Document, Evaluation,
    EvaluationMethod, EvaluationResult, Evidence, FrontMatter, Kind, Obstacle, Partner, Period,
    Recommendation, Scope,
};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, Spanned};
use crate::schema::{TableReader, spec};

/// Parses one agreement file. Only the front matter's text is kept (every
/// later diagnostic points into it); the body is kept when `keep_body`, so
/// that checking a large repository does not hold every text in memory.
pub fn parse_agreement(
    id: String,
    path: String,
    bytes: &[u8],
    keep_body: bool,
    diagnostics: &mut Diagnostics,
) -> AgreementSource {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => {
            let (source, _) = decode_utf8(path, bytes.to_vec(), diagnostics);
            return AgreementSource {
                id,
                source,
                front: None,
                body: Arc::from(""),
            };
        }
    };
    let (header_end, body, front) = match split(text) {
        Split::Missing => {
            let source = SourceFile::new(path.clone(), first_line(text));
            diagnostics.push(
                Diagnostic::error(
                    &source,
                    0..0,
                    "missing-front-matter",
                    "this agreement has no front matter".into(),
                )
                .with_help("the file must begin with a line of exactly +++, then the TOML keys, then another +++ line"),
            );
            (source.text.len(), None, None)
        }
        Split::Unterminated => {
            let source = SourceFile::new(path.clone(), first_line(text));
            diagnostics.push(
                Diagnostic::error(
                    &source,
                    0..3,
                    "unterminated-front-matter",
                    "the front matter opened here is never closed".into(),
                )
                .with_help("add a line of exactly +++ after the last TOML key, before the text"),
            );
            (source.text.len(), None, None)
        }
        Split::Found { toml, body } => (body.start, Some(body), Some(toml)),
    };
    let source = SourceFile::new(path, &text[..header_end]);
    let mut agreement = AgreementSource {
        id,
        front: None,
        body: match body {
            Some(body) if keep_body => Arc::from(&text[body]),
            _ => Arc::from(""),
        },
        source,
    };
    if let Some(toml) = front {
        let base = toml.start;
        let (table, errors) = DeTable::parse_recoverable(&text[toml]);
        if errors.is_empty() {
            let reader = TableReader::check(
                &agreement.source,
                base,
                &spec::AGREEMENT,
                &table,
                diagnostics,
            );
            agreement.front = front_matter(&reader, diagnostics).map(Arc::new);
        } else {
            diagnostics.extend(toml_syntax_errors(&agreement.source, base, errors));
        }
    }
    agreement
}

fn first_line(text: &str) -> &str {
    text.split_inclusive('\n').next().unwrap_or("")
}

fn front_matter(r: &TableReader, diagnostics: &mut Diagnostics) -> Option<FrontMatter> {
    let dates = r.table("dates").map(|d| dates(&d, diagnostics));
    let partners: Vec<Partner> = r.tables("partners").iter().filter_map(partner).collect();
    let kind = r.choice("kind")?;
    let front = FrontMatter {
        title: r.text("title")?.value,
        kind: Kind::parse(kind.value)?,
        kind_span: kind.span.clone(),
        number: r.text("number"),
        scope: r
            .choice("scope")
            .and_then(|s| Scope::parse(s.value))
            .unwrap_or(Scope::Domestic),
        topics: r.text_list("topics"),
        summary: r.text("summary").map(|s| s.value),
        parent: r.text("parent"),
        renews: r.text("renews"),
        amends: r.text("amends"),
        public: r.bool("public").unwrap_or(true),
        dates: dates?,
        partners,
        activities: r.tables("activities").iter().filter_map(activity).collect(),
        evaluations: r
            .tables("evaluations")
            .iter()
            .filter_map(evaluation)
            .collect(),
        documents: r.tables("documents").iter().filter_map(document).collect(),
    };
    let complete = front.dates.stages().next().is_some() && !front.partners.is_empty();
    complete.then_some(front)
}

fn dates(r: &TableReader, diagnostics: &mut Diagnostics) -> Dates {
    let duration_months = r
        .integer("duration_months")
        .and_then(|n| match u32::try_from(n.value) {
            Ok(months) if months <= 12 * 200 => Some(Spanned::new(months, n.span)),
            _ => {
                diagnostics.push(Diagnostic::error(
                    r.file(),
                    n.span,
                    "invalid-value",
                    "`duration_months` is implausibly large".into(),
                ));
                None
            }
        });
    let dates = Dates {
        planning: r.date("planning"),
        drafting: r.date("drafting"),
        negotiation: r.date("negotiation"),
        approval: r.date("approval"),
        signed: r.date("signed"),
        starts: r.date("starts"),
        expires: r.date("expires"),
        terminated: r.date("terminated"),
        duration_months,
    };
    let any_stage_written = spec::STAGES.iter().any(|s| r.has(s));
    if !any_stage_written {
        diagnostics.push(
            Diagnostic::error(
                r.file(),
                r.span().start..r.span().start,
                "missing-field",
                "[dates] needs at least one stage date".into(),
            )
            .with_help(
                "add the date of the stage reached so far: planning, drafting, negotiation, approval or signed",
            ),
        );
    }
    dates
}

fn partner(r: &TableReader) -> Option<Partner> {
    Some(Partner {
        name: r.text("name")?.value,
        category: Category::parse(r.choice("category")?.value)?,
        signatory: r.text("signatory").map(|s| s.value),
        signatory_title: r.text("signatory_title").map(|s| s.value),
        number: r.text("number").map(|s| s.value),
        website: r.text("website").map(|s| s.value),
    })
}

fn activity(r: &TableReader) -> Option<Activity> {
    Some(Activity {
        date: r.date("date")?,
        title: r.text("title")?.value,
        activity_type: r.choice("type").and_then(|t| ActivityType::parse(t.value)),
        description: r.text("description").map(|s| s.value),
        output: r.text("output").map(|s| s.value),
        benefit: r.text("benefit").map(|s| s.value),
        participants: r
            .integer("participants")
            .and_then(|n| u64::try_from(n.value).ok()),
        url: r.text("url").map(|s| s.value),
        evidence: r.table("evidence").map(|e| Evidence {
            file: e.text("file"),
            url: e.text("url").map(|s| s.value),
            sha256: e.text("sha256"),
            span: e.span(),
        }),
    })
}

fn evaluation(r: &TableReader) -> Option<Evaluation> {
    let written_notes = r.text("obstacle_notes").map(|s| s.value);
    // The older free-text `obstacles` was warned about by the reader; its
    // text is kept, after any `obstacle_notes`, so nothing is lost.
    let obstacle_notes = match (written_notes, r.legacy_text("obstacles")) {
        (Some(notes), Some(old)) => Some(format!("{notes}\n\n{old}")),
        (notes, old) => notes.or(old),
    };
    Some(Evaluation {
        date: r.date("date")?,
        result: EvaluationResult::parse(r.choice("result")?.value)?,
        period: r.table("period").and_then(|p| {
            Some(Period {
                from: p.date("from")?,
                to: p.date("to")?,
            })
        }),
        method: r
            .choice("method")
            .and_then(|m| EvaluationMethod::parse(m.value)),
        notes: r.text("notes").map(|s| s.value),
        obstacles: r
            .choice_list("obstacles")
            .into_iter()
            .filter_map(Obstacle::parse)
            .collect(),
        obstacle_notes,
        recommendation: r
            .choice("recommendation")
            .and_then(|x| Recommendation::parse(x.value)),
    })
}

fn document(r: &TableReader) -> Option<Document> {
    Some(Document {
        title: r.text("title")?.value,
        file: r.text("file"),
        url: r.text("url").map(|s| s.value),
        sha256: r.text("sha256"),
        span: r.span(),
    })
}
