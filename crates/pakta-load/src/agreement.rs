//! Turns one agreement file's bytes into an [`AgreementSource`], reporting
//! every problem with its shape.

use std::sync::Arc;

use toml::de::DeTable;

use super::frontmatter::{Split, split};
use super::sections::check_empty_sections;
use super::text_links;
use super::toml_file::{decode_utf8, toml_syntax_errors};
use super::written_mistakes::{Repaired, repair_dates};
use pakta_content::diagnostics::{Diagnostic, Diagnostics, SourceFile, Spanned};
use pakta_content::message::Message;
use pakta_content::schema::{TableReader, characters, spec};
use pakta_content::{
    Activity, ActivityType, AgreementSource, Category, Dates, Document, Evaluation,
    EvaluationMethod, EvaluationPeriod, EvaluationResult, Evidence, FrontMatter, Kind, Obstacle,
    Partner, Recommendation, References, Scope, Stage,
};

/// The largest agreement file, front matter and text together. Rendering
/// hostile Markdown (`[a](`, `>` or `1. ` repeated) costs a build up to
/// about 300 bytes of memory per byte of text, so this keeps any one file
/// within 200 MB of a build's peak (`bench/hostile.sh` measures it); real
/// agreements are a few kilobytes, and long texts belong under `files/`.
pub(crate) const MAX_AGREEMENT_BYTES: usize = 512 * 1024;

/// Parses one agreement file. Only the front matter's text is kept (every
/// later diagnostic points into it); the body is kept when `keep_body`, so
/// that checking a large repository does not hold every text in memory.
pub(crate) fn parse_agreement(
    id: String,
    path: String,
    bytes: &[u8],
    keep_body: bool,
    diagnostics: &mut Diagnostics,
) -> AgreementSource {
    if bytes.len() > MAX_AGREEMENT_BYTES {
        diagnostics.push(
            Diagnostic::file_level(
                pakta_content::diagnostics::Severity::Error,
                &path,
                "agreement-too-large",
                Message::new("agreement-too-large")
                    .arg("size", bytes.len())
                    .arg("limit", MAX_AGREEMENT_BYTES),
            )
            .with_help(Message::new("agreement-too-large.help")),
        );
        return AgreementSource {
            id,
            source: SourceFile::new(path, ""),
            front: None,
            references: References::default(),
            body: Arc::from(""),
            text_links: Vec::new(),
        };
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => {
            let (source, _) = decode_utf8(path, bytes.to_vec(), diagnostics);
            return AgreementSource {
                id,
                source,
                front: None,
                references: References::default(),
                body: Arc::from(""),
                text_links: Vec::new(),
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
                    Message::new("missing-front-matter"),
                )
                .with_help(Message::new("missing-front-matter.help")),
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
                    Message::new("unterminated-front-matter"),
                )
                .with_help(Message::new("unterminated-front-matter.help")),
            );
            (source.text.len(), None, None)
        }
        Split::Found { toml, body } => (body.start, Some(body), Some(toml)),
    };
    let mut text_links = Vec::new();
    if let Some(body) = &body {
        check_body_characters(&path, text, body.start, diagnostics);
        text_links = text_links::read(&path, text, body.clone(), diagnostics);
        check_empty_sections(&path, text, body.start, diagnostics);
    }
    let source = SourceFile::new(path, &text[..header_end]);
    let mut agreement = AgreementSource {
        id,
        front: None,
        references: References::default(),
        body: match body {
            Some(body) if keep_body => Arc::from(&text[body]),
            _ => Arc::from(""),
        },
        text_links,
        source,
    };
    if let Some(toml) = front {
        let base = toml.start;
        let (table, errors) = DeTable::parse_recoverable(&text[toml.clone()]);
        if errors.is_empty() {
            read_front_matter(&mut agreement, base, &table, diagnostics);
        } else {
            // A date written as TOML never accepts makes the text invalid,
            // so only a text TOML refused is searched for one (nearly every
            // file parses: the search would cost a national repository's
            // check a tenth of its time).
            match repair_dates(&agreement.source, base, &text[toml]) {
                None => diagnostics.extend(toml_syntax_errors(&agreement.source, base, errors)),
                Some(repaired) => read_repaired(&mut agreement, base, repaired, diagnostics),
            }
        }
    }
    agreement
}

/// Reads the front matter with its date mistakes replaced; the reader's
/// complaints about the stand-ins put in their place are not the editor's.
fn read_repaired(
    agreement: &mut AgreementSource,
    base: usize,
    repaired: Repaired,
    diagnostics: &mut Diagnostics,
) {
    let (table, errors) = DeTable::parse_recoverable(&repaired.text);
    if errors.is_empty() {
        let mut found = Diagnostics::new();
        read_front_matter(agreement, base, &table, &mut found);
        let stand_ins = positions(&agreement.source, &repaired.stand_ins);
        diagnostics.extend(
            found
                .into_sorted()
                .into_iter()
                .filter(|d| !(d.code == "wrong-type" && stand_ins.contains(&(d.line, d.column)))),
        );
    } else {
        diagnostics.extend(toml_syntax_errors(&agreement.source, base, errors));
    }
    diagnostics.extend(repaired.diagnostics);
}

fn read_front_matter(
    agreement: &mut AgreementSource,
    base: usize,
    table: &toml::Spanned<DeTable<'_>>,
    diagnostics: &mut Diagnostics,
) {
    let reader = TableReader::check(
        &agreement.source,
        base,
        &spec::AGREEMENT,
        table,
        diagnostics,
    );
    agreement.references = References {
        parent: reader.text("parent"),
        renews: reader.text("renews"),
        amends: reader.text("amends"),
    };
    agreement.front = front_matter(&reader, diagnostics).map(Arc::new);
}

/// Line and column of each span's start, as diagnostics give them.
fn positions(source: &SourceFile, spans: &[std::ops::Range<usize>]) -> Vec<(u32, u32)> {
    spans
        .iter()
        .map(|span| {
            let before = source.text.get(..span.start).unwrap_or("");
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let line = before.matches('\n').count() + 1;
            let column = before[line_start..].chars().count() + 1;
            (
                u32::try_from(line).unwrap_or(u32::MAX),
                u32::try_from(column).unwrap_or(u32::MAX),
            )
        })
        .collect()
}

/// Control characters in the text below the front matter: the first on
/// each line, so that every line to fix is listed at once. Only the header
/// is kept as the file's source, so these diagnostics read the whole file.
fn check_body_characters(path: &str, text: &str, body_start: usize, diagnostics: &mut Diagnostics) {
    if characters::first_refused(&text[body_start..], true).is_none() {
        return;
    }
    let source = SourceFile::new(path, text);
    let mut line_start = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        if let Some((at, refused)) = characters::first_refused(line, true) {
            let at = line_start + at;
            diagnostics.push(
                Diagnostic::error(
                    &source,
                    at..at + refused.len_utf8(),
                    "control-character",
                    Message::new("control-character.body")
                        .arg("character", characters::code_point(refused)),
                )
                .with_help(Message::new("control-character.help-multiline")),
            );
        }
        line_start += line.len();
    }
}

fn first_line(text: &str) -> &str {
    text.split_inclusive('\n').next().unwrap_or("")
}

fn front_matter(r: &TableReader, diagnostics: &mut Diagnostics) -> Option<FrontMatter> {
    let dates = r.table("dates").map(|d| dates(&d, diagnostics));
    let partners: Vec<Partner> = exact(r.tables("partners").iter().filter_map(partner));
    let kind = r.choice::<Kind>("kind")?;
    let front = FrontMatter {
        title: r.text("title")?.value,
        kind: kind.value,
        kind_span: kind.span,
        number: r.text("number"),
        scope: r
            .choice::<Scope>("scope")
            .map_or(Scope::Domestic, |s| s.value),
        topics: exact(r.text_list("topics")),
        summary: r.text("summary").map(|s| s.value),
        parent: r.text("parent"),
        renews: r.text("renews"),
        amends: r.text("amends"),
        public: r.bool("public").unwrap_or(true),
        dates: dates?,
        partners,
        activities: exact(r.tables("activities").iter().filter_map(activity)),
        evaluations: exact(r.tables("evaluations").iter().filter_map(evaluation)),
        documents: exact(r.tables("documents").iter().filter_map(document)),
    };
    let complete = front.dates.stages().next().is_some() && !front.partners.is_empty();
    complete.then_some(front)
}

/// Collected without spare room: a national repository keeps fifty
/// thousand of these lists for the whole run, and a list grown one entry
/// at a time has room for four, most of it never used.
fn exact<T>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut list: Vec<T> = items.into_iter().collect();
    list.shrink_to_fit();
    list
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
                    Message::new("invalid-value.duration-too-long"),
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
    let any_stage_written = Stage::ALL.iter().any(|s| r.has(s.code()));
    if !any_stage_written {
        diagnostics.push(
            Diagnostic::error(
                r.file(),
                r.span().start..r.span().start,
                "missing-field",
                Message::new("missing-field.stage-date"),
            )
            .with_help(Message::new("missing-field.stage-date.help")),
        );
    }
    dates
}

fn partner(r: &TableReader) -> Option<Partner> {
    let name = r.text("name")?;
    Some(Partner {
        name: name.value,
        name_span: name.span,
        category: r.choice::<Category>("category")?.value,
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
        activity_type: r.choice::<ActivityType>("type").map(|t| t.value),
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
        result: r.choice::<EvaluationResult>("result")?.value,
        period: r.table("period").and_then(|p| {
            Some(EvaluationPeriod {
                from: p.date("from")?,
                to: p.date("to")?,
            })
        }),
        method: r.choice::<EvaluationMethod>("method").map(|m| m.value),
        notes: r.text("notes").map(|s| s.value),
        obstacles: r.choice_list::<Obstacle>("obstacles"),
        obstacle_notes,
        recommendation: r
            .choice::<Recommendation>("recommendation")
            .map(|x| x.value),
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const VALID: &str = "+++\ntitle = \"Nota\"\nkind = \"mou\"\nsummary = \"Ringkas\"\n\n[dates]\nsigned = 2025-03-10\n\n[[partners]]\nname = \"Universitas\"\ncategory = \"university\"\n\n[[evaluations]]\ndate = 2025-06-01\nresult = \"partial\"\nnotes = \"catatan\"\n+++\n\nTeks.\n";

    fn parse(text: &str) -> (AgreementSource, Vec<Diagnostic>) {
        let mut diagnostics = Diagnostics::new();
        let agreement = parse_agreement(
            "a".into(),
            "agreements/a.md".into(),
            text.as_bytes(),
            true,
            &mut diagnostics,
        );
        (agreement, diagnostics.into_sorted())
    }

    #[test]
    fn the_template_is_valid() {
        let (agreement, diagnostics) = parse(VALID);
        assert!(agreement.front.is_some());
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    /// Date mistakes are looked for only in a text TOML refused: a line
    /// inside a multi-line string that looks like a day-first date is the
    /// editor's text, not a date.
    #[test]
    fn a_date_like_line_in_a_string_is_no_date_mistake() {
        let in_string = VALID.replace(
            "summary = \"Ringkas\"",
            "topics = [\"\"\"\ntanggal = 10-03-2025\n\"\"\"]",
        );
        let (_, diagnostics) = parse(&in_string);
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
        assert!(!codes.contains(&"date-format"), "{codes:?}");

        let bare = VALID.replace("signed = 2025-03-10", "signed = 10-03-2025");
        let (agreement, diagnostics) = parse(&bare);
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["date-format"]);
        let front = agreement.front.expect("read with the date repaired");
        assert_eq!(
            front
                .dates
                .signed
                .as_ref()
                .map(|d| d.value.to_string())
                .as_deref(),
            Some("2025-03-10")
        );
    }

    /// Every value of every closed list an agreement holds, each in a
    /// file of its own: the checker accepts it and the record keeps it, so
    /// the spec's lists and the enums cannot drift apart unnoticed.
    #[test]
    fn every_value_of_every_list_is_read_into_the_record() {
        type Holds = Box<dyn Fn(&FrontMatter) -> bool>;
        let mut files: Vec<(String, Holds)> = Vec::new();
        for &kind in Kind::ALL {
            let text = VALID.replace("kind = \"mou\"", &format!("kind = \"{kind}\""));
            files.push((text, Box::new(move |f| f.kind == kind)));
        }
        for &scope in Scope::ALL {
            let text = VALID.replace("summary =", &format!("scope = \"{scope}\"\nsummary ="));
            files.push((text, Box::new(move |f| f.scope == scope)));
        }
        for &category in Category::ALL {
            let text = VALID.replace("\"university\"", &format!("\"{category}\""));
            files.push((text, Box::new(move |f| f.partners[0].category == category)));
        }
        let evaluation = |line: String| VALID.replace("notes = ", &format!("{line}\nnotes = "));
        for &result in EvaluationResult::ALL {
            let text = VALID.replace("\"partial\"", &format!("\"{result}\""));
            files.push((text, Box::new(move |f| f.evaluations[0].result == result)));
        }
        for &method in EvaluationMethod::ALL {
            let text = evaluation(format!("method = \"{method}\""));
            files.push((
                text,
                Box::new(move |f| f.evaluations[0].method == Some(method)),
            ));
        }
        for &obstacle in Obstacle::ALL {
            let text = evaluation(format!("obstacles = [\"{obstacle}\"]"));
            files.push((
                text,
                Box::new(move |f| f.evaluations[0].obstacles == [obstacle]),
            ));
        }
        for &recommendation in Recommendation::ALL {
            let text = evaluation(format!("recommendation = \"{recommendation}\""));
            files.push((
                text,
                Box::new(move |f| f.evaluations[0].recommendation == Some(recommendation)),
            ));
        }
        for &activity_type in ActivityType::ALL {
            let text = VALID.replace(
                "[[evaluations]]",
                &format!(
                    "[[activities]]\ndate = 2025-04-01\ntitle = \"Kegiatan\"\ntype = \"{activity_type}\"\n\n[[evaluations]]"
                ),
            );
            files.push((
                text,
                Box::new(move |f| f.activities[0].activity_type == Some(activity_type)),
            ));
        }
        for (text, holds) in files {
            let (agreement, diagnostics) = parse(&text);
            assert!(diagnostics.is_empty(), "{text}\n{diagnostics:?}");
            let front = agreement.front.expect("a record");
            assert!(holds(&front), "{text}");
        }
    }

    proptest! {
        #![proptest_config(pakta_testkit::hostile_text::config())]

        /// Hostile text spliced into a valid file anywhere, front matter
        /// or body: a record or an error, never a panic.
        #[test]
        fn any_spliced_file_gives_a_record_or_an_error(
            insert in pakta_testkit::hostile_text::short_text(),
            at in 0..VALID.len(),
        ) {
            let at = (0..=at).rev().find(|&i| VALID.is_char_boundary(i)).unwrap_or(0);
            let text = format!("{}{insert}{}", &VALID[..at], &VALID[at..]);
            let (agreement, diagnostics) = parse(&text);
            prop_assert!(
                agreement.front.is_some() || diagnostics.iter().any(Diagnostic::is_error),
                "{text:?}"
            );
            for d in &diagnostics {
                prop_assert!(d.line >= 1 && d.column >= 1);
            }
        }

        #[test]
        fn any_text_value_is_read_or_reported(value in pakta_testkit::hostile_text::short_text()) {
            let escaped = value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
                .replace('\r', "\\r");
            let text = VALID.replace("\"Ringkas\"", &format!("\"{escaped}\""))
                .replace("\"catatan\"", &format!("'''{value}'''"));
            let (agreement, diagnostics) = parse(&text);
            prop_assert!(agreement.front.is_some() || diagnostics.iter().any(Diagnostic::is_error));
        }
    }
}
