//! The documentation stays true and readable: every table in README.md and
//! docs/*.md renders as a table, every relative link between them leads
//! to a file and a heading that exist, every mistake the editors' guide
//! (and its English translation) shows gets exactly the message it prints
//! for it, and docs/check-codes.md names every code pakta reports.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{Repo, TODAY, sample_root, stderr};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// An editors' guide whose examples are run, in one language.
struct Guide {
    path: &'static str,
    /// The arguments choosing the guide's language: none for the
    /// Indonesian guide, which is what an editor's run speaks unasked.
    lang_args: &'static [&'static str],
    /// The info-string word of an example's input block, followed by the
    /// file's path in the repository.
    input_mark: &'static str,
    /// The info string of the block holding what `pakta check` prints for
    /// the input blocks before it.
    output_info: &'static str,
    /// How an error's line starts in that language.
    error_start: &'static str,
}

/// The guide in Indonesian, the editors' language.
const GUIDE: Guide = Guide {
    path: "docs/panduan-editor.md",
    lang_args: &[],
    input_mark: "berkas=",
    output_info: "text hasil",
    error_start: "kesalahan[",
};

/// Its English translation, kept in step.
const GUIDE_EN: Guide = Guide {
    path: "docs/editing.md",
    lang_args: &["--lang", "en"],
    input_mark: "file=",
    output_info: "text output",
    error_start: "error[",
};

/// README.md and every Markdown file under docs/, as paths relative to
/// the repository's root.
fn documents() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(sample_root().join("docs"))
        .expect("docs/")
        .map(|entry| entry.expect("a docs/ entry").file_name())
        .filter_map(|name| name.to_str().map(str::to_string))
        .filter(|name| name.ends_with(".md"))
        .map(|name| format!("docs/{name}"))
        .collect();
    names.sort();
    names.insert(0, "README.md".to_string());
    names
}

fn read(document: &str) -> String {
    std::fs::read_to_string(sample_root().join(document))
        .unwrap_or_else(|e| panic!("{document}: {e}"))
}

fn parser(text: &str) -> Parser<'_> {
    Parser::new_ext(
        text,
        Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES,
    )
}

// ---------------------------------------------------------------------------
// Tables

/// A run of consecutive lines starting with `|`, outside fenced code: what
/// the writer meant as one table.
#[derive(Debug)]
struct PipeBlock {
    first_line: usize,
    cells_per_line: Vec<usize>,
}

/// The cells of one table line as GitHub counts them: split at every `|`
/// not escaped with `\`, code spans included.
fn cells(line: &str) -> usize {
    let trimmed = line.trim();
    let mut pipes = 0;
    let mut escaped = false;
    for c in trimmed.chars() {
        match c {
            '\\' if !escaped => {
                escaped = true;
                continue;
            }
            '|' if !escaped => pipes += 1,
            _ => {}
        }
        escaped = false;
    }
    let leading = usize::from(trimmed.starts_with('|'));
    let trailing = usize::from(trimmed.ends_with('|') && !trimmed.ends_with("\\|"));
    pipes + 1 - leading - trailing
}

fn pipe_blocks(text: &str) -> Vec<PipeBlock> {
    let mut blocks: Vec<PipeBlock> = Vec::new();
    let mut fence: Option<&str> = None;
    let mut in_block = false;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            in_block = false;
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            in_block = false;
            continue;
        }
        if trimmed.starts_with('|') {
            if !in_block {
                blocks.push(PipeBlock {
                    first_line: n + 1,
                    cells_per_line: Vec::new(),
                });
            }
            blocks
                .last_mut()
                .expect("a block was just opened")
                .cells_per_line
                .push(cells(trimmed));
            in_block = true;
        } else {
            in_block = false;
        }
    }
    blocks
}

/// Each rendered table: its header's cell count and the cell count of
/// every body row.
fn rendered_tables(text: &str) -> Vec<(usize, Vec<usize>)> {
    let mut tables = Vec::new();
    let mut header = 0;
    let mut rows: Vec<usize> = Vec::new();
    let mut in_head = false;
    for event in parser(text) {
        match event {
            Event::Start(Tag::Table(_)) => {
                header = 0;
                rows.clear();
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => rows.push(0),
            Event::Start(Tag::TableCell) => {
                if in_head {
                    header += 1;
                } else if let Some(row) = rows.last_mut() {
                    *row += 1;
                }
            }
            Event::End(TagEnd::Table) => tables.push((header, std::mem::take(&mut rows))),
            _ => {}
        }
    }
    tables
}

/// The problems with one document's tables, each naming the line.
fn table_problems(document: &str, text: &str) -> Vec<String> {
    let blocks = pipe_blocks(text);
    let tables = rendered_tables(text);
    let mut problems = Vec::new();
    if blocks.len() != tables.len() {
        problems.push(format!(
            "{document}: {} runs of `|` lines (starting at lines {:?}) but {} rendered tables: \
             a table is broken (a line inside it that is not a row, or no `| --- |` line)",
            blocks.len(),
            blocks.iter().map(|b| b.first_line).collect::<Vec<_>>(),
            tables.len()
        ));
        return problems;
    }
    for (block, (header, rows)) in blocks.iter().zip(&tables) {
        let line = block.first_line;
        let columns = block.cells_per_line.get(1).copied().unwrap_or_default();
        if block.cells_per_line.len() < 2 || *header != columns {
            problems.push(format!(
                "{document}:{line}: the header has {header} cells, the `| --- |` line {columns}"
            ));
        }
        if rows.len() + 2 != block.cells_per_line.len() {
            problems.push(format!(
                "{document}:{line}: {} lines render as {} rows",
                block.cells_per_line.len(),
                rows.len() + 2
            ));
        }
        for (offset, count) in block.cells_per_line.iter().enumerate() {
            if *count != columns {
                problems.push(format!(
                    "{document}:{}: {count} cells where the table has {columns} \
                     (an unescaped `|` in a cell? write `\\|`)",
                    line + offset
                ));
            }
        }
    }
    problems
}

#[test]
fn every_table_in_the_documentation_renders_as_a_table() {
    let mut problems = Vec::new();
    let mut tables = 0;
    for document in documents() {
        let text = read(&document);
        tables += rendered_tables(&text).len();
        problems.extend(table_problems(&document, &text));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(tables >= 15, "only {tables} tables found");
}

#[test]
fn a_table_cut_by_a_paragraph_or_a_stray_pipe_is_caught() {
    let whole = "| a | b |\n| --- | --- |\n| 1 | 2 |\n| 3 | 4 |\n";
    assert!(table_problems("whole.md", whole).is_empty());
    let cut = "| a | b |\n| --- | --- |\n| 1 | 2 |\n\nA paragraph.\n| 3 | 4 |\n";
    assert_eq!(table_problems("cut.md", cut).len(), 1, "{cut}");
    let stray = "| a | b |\n| --- | --- |\n| `x|y` | 2 |\n";
    assert_eq!(table_problems("stray.md", stray).len(), 1, "{stray}");
    let escaped = "| a | b |\n| --- | --- |\n| `x\\|y` | 2 |\n";
    assert!(table_problems("escaped.md", escaped).is_empty());
    let fenced = "```\n| not | a table |\n```\n";
    assert!(table_problems("fenced.md", fenced).is_empty());
}

// ---------------------------------------------------------------------------
// Links

/// The anchors GitHub gives a document's headings: lower case, spaces to
/// hyphens, punctuation dropped, a repeated heading numbered.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut heading: Option<String> = None;
    for event in parser(text) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = heading.take().expect("a heading was open");
                let slug: String = text
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
                    .map(|c| if c == ' ' { '-' } else { c })
                    .collect();
                let mut candidate = slug.clone();
                let mut n = 0;
                while found.contains(&candidate) {
                    n += 1;
                    candidate = format!("{slug}-{n}");
                }
                found.insert(candidate);
            }
            _ => {}
        }
    }
    found
}

fn is_external(destination: &str) -> bool {
    destination.contains("://") || destination.starts_with("mailto:")
}

/// The relative links of a document that lead nowhere.
fn dead_links(document: &str) -> Vec<String> {
    let text = read(document);
    let folder = Path::new(document).parent().unwrap_or(Path::new(""));
    let mut dead = Vec::new();
    for event in parser(&text) {
        let Event::Start(Tag::Link { dest_url, .. }) = event else {
            continue;
        };
        if is_external(&dest_url) {
            continue;
        }
        let (path, anchor) = match dest_url.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor)),
            None => (&*dest_url, None),
        };
        let target: PathBuf = if path.is_empty() {
            PathBuf::from(document)
        } else {
            normalise(&folder.join(path))
        };
        let on_disk = sample_root().join(&target);
        if !on_disk.exists() {
            dead.push(format!("{document}: {dest_url}: no {}", target.display()));
            continue;
        }
        if let Some(anchor) = anchor {
            let is_markdown = target.extension().is_some_and(|e| e == "md");
            let target_text = std::fs::read_to_string(&on_disk).unwrap_or_default();
            if !is_markdown || !anchors(&target_text).contains(anchor) {
                dead.push(format!(
                    "{document}: {dest_url}: {} has no heading #{anchor}",
                    target.display()
                ));
            }
        }
    }
    dead
}

/// `docs/../README.md` as `README.md`, without touching the disk.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn every_relative_link_between_the_documents_resolves() {
    let dead: Vec<String> = documents().iter().flat_map(|d| dead_links(d)).collect();
    assert!(dead.is_empty(), "{}", dead.join("\n"));
}

#[test]
fn the_readme_links_every_document_under_docs() {
    let readme = read("README.md");
    for document in documents().iter().skip(1) {
        assert!(
            readme.contains(&format!("]({document})")),
            "README.md does not link {document}"
        );
    }
}

#[test]
fn anchors_are_made_the_way_github_makes_them() {
    let text = "# Panduan\n## 4. Baca hasil pemeriksaan\n## Mengunggah naskah: \"Unggah naskah\"\n\
                ## The partner register: `partners/<key>.toml`\n## Panduan\n";
    let found = anchors(text);
    for anchor in [
        "panduan",
        "4-baca-hasil-pemeriksaan",
        "mengunggah-naskah-unggah-naskah",
        "the-partner-register-partnerskeytoml",
        "panduan-1",
    ] {
        assert!(found.contains(anchor), "{anchor} not in {found:?}");
    }
}

// ---------------------------------------------------------------------------
// The guide's examples

/// One mistake the guide shows: the files as the editor wrote them and
/// what `pakta check` prints for them.
#[derive(Debug)]
struct Example {
    files: Vec<(String, String)>,
    expected: String,
}

fn examples(text: &str, guide: &Guide) -> Vec<Example> {
    let mut examples = Vec::new();
    let mut files: Vec<(String, String)> = Vec::new();
    let mut open: Option<String> = None;
    let mut body = String::new();
    for event in parser(text) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                open = Some(info.to_string());
                body.clear();
            }
            Event::Text(t) if open.is_some() => body.push_str(&t),
            Event::End(TagEnd::CodeBlock) => {
                let info = open.take().unwrap_or_default();
                if let Some(path) = info
                    .split_whitespace()
                    .find_map(|word| word.strip_prefix(guide.input_mark))
                {
                    files.push((path.to_string(), body.clone()));
                } else if info == guide.output_info {
                    assert!(
                        !files.is_empty(),
                        "{}: an output block with no input block before it:\n{body}",
                        guide.path
                    );
                    examples.push(Example {
                        files: std::mem::take(&mut files),
                        expected: body.clone(),
                    });
                }
            }
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2 | HeadingLevel::H3,
                ..
            }) => assert!(
                files.is_empty(),
                "{}: input blocks with no output block after them: {files:?}",
                guide.path
            ),
            _ => {}
        }
    }
    assert!(
        files.is_empty(),
        "{}: input blocks with no output block after them: {files:?}",
        guide.path
    );
    examples
}

/// What differs between the examples and what `pakta check` prints for
/// them, on an Indonesian run in a repository with the minimal settings
/// and a national root unit.
fn out_of_date(examples: &[Example], guide: &Guide) -> Vec<String> {
    let mut wrong = Vec::new();
    for example in examples {
        let repo = Repo::minimal();
        for (path, text) in &example.files {
            repo.write(path, text);
        }
        let mut args = guide.lang_args.to_vec();
        args.extend(["check", "--today", TODAY]);
        let output = repo.pakta_untranslated(&args);
        let printed = stderr(&output);
        let has_error = example.expected.contains(guide.error_start);
        let status = output.status.code();
        if printed.trim_end() != example.expected.trim_end() || status != Some(i32::from(has_error))
        {
            wrong.push(format!(
                "{}: the guide prints\n{}\npakta check printed (exit status {status:?})\n{printed}",
                example.files.last().expect("an input").0,
                example.expected
            ));
        }
    }
    wrong
}

fn assert_up_to_date(guide: &Guide) {
    let examples = examples(&read(guide.path), guide);
    assert!(examples.len() >= 12, "only {} examples", examples.len());
    let wrong = out_of_date(&examples, guide);
    assert!(
        wrong.is_empty(),
        "{} is out of date:\n\n{}",
        guide.path,
        wrong.join("\n---\n")
    );
}

#[test]
fn every_mistake_in_the_guide_gets_the_message_the_guide_prints() {
    assert_up_to_date(&GUIDE);
}

#[test]
fn every_mistake_in_the_english_guide_gets_the_message_it_prints() {
    assert_up_to_date(&GUIDE_EN);
}

/// The levels of a document's headings, in order, outside code.
fn heading_levels(text: &str) -> Vec<HeadingLevel> {
    parser(text)
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { level, .. }) => Some(level),
            _ => None,
        })
        .collect()
}

#[test]
fn the_english_guide_is_kept_in_step_with_the_indonesian_one() {
    let indonesian = read(GUIDE.path);
    let english = read(GUIDE_EN.path);
    assert_eq!(
        heading_levels(&indonesian),
        heading_levels(&english),
        "the two guides' sections differ"
    );
    let inputs = |text: &str, guide: &Guide| -> Vec<Vec<(String, String)>> {
        examples(text, guide).into_iter().map(|e| e.files).collect()
    };
    assert_eq!(
        inputs(&indonesian, &GUIDE),
        inputs(&english, &GUIDE_EN),
        "the two guides' examples differ"
    );
    assert_eq!(new_commands(&indonesian), new_commands(&english));
}

#[test]
fn the_guide_covers_the_mistakes_editors_make_most() {
    let codes: BTreeSet<String> = examples(&read(GUIDE.path), &GUIDE)
        .iter()
        .flat_map(|e| {
            e.expected
                .lines()
                .filter_map(|l| l.split_once('[')?.1.split_once(']'))
                .map(|(code, _)| code.to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    for code in [
        "date-format",
        "wrong-type",
        "impossible-date",
        "unknown-field",
        "invalid-value",
        "missing-field",
        "invalid-toml",
        "unterminated-front-matter",
        "stage-order",
        "unknown-reference",
        "missing-file",
        "empty-section",
        "no-expiry",
    ] {
        assert!(codes.contains(code), "the guide shows no `{code}`");
    }
}

#[test]
fn a_message_other_than_the_guides_is_caught() {
    let file = "+++\ntitle = \"Nota Kesepahaman\"\nkind = \"mou\"\n\n[dates]\n\
                signed = 10-06-2024\nexpires = 2028-06-09\n\n[[partners]]\n\
                name = \"Universitas Sebelas Maret\"\ncategory = \"university\"\n+++\n\nTeks.\n";
    let guide = |message: &str| {
        format!(
            "## Contoh\n\n```toml berkas=agreements/2024-mou-uns.md\n{file}```\n\n\
             ```text hasil\nkesalahan[date-format]: {message}\n\
             \x20--> agreements/2024-mou-uns.md:6:10\n  |\n6 | signed = 10-06-2024\n\
             \x20 |          ^^^^^^^^^^\n  = saran: Tulis: signed = 2024-06-10\n```\n"
        )
    };
    let true_message = "Tanggal `signed` ditulis \"10-06-2024\"; pakta membaca tanggal sebagai tahun-bulan-tanggal";
    let right = examples(&guide(true_message), &GUIDE);
    assert_eq!(right.len(), 1);
    assert_eq!(out_of_date(&right, &GUIDE), Vec::<String>::new());
    let old = examples(&guide("Tanggal harus ditulis tahun-bulan-tanggal"), &GUIDE);
    assert_eq!(out_of_date(&old, &GUIDE).len(), 1);
}

// ---------------------------------------------------------------------------
// Check codes

/// The codes the source hands to a diagnostic as a literal: the first
/// kebab-case string that stands as an argument of its own in a call of
/// `Diagnostic::error`, `warning` or `file_level` (a message key, inside
/// `Message::new(…)`, is followed by `)` and not taken). Tests below
/// `#[cfg(test)]` are left out.
fn codes_in_the_source() -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    let roots = [sample_root().join("crates"), sample_root().join("src")];
    for entry in roots.iter().flat_map(walkdir::WalkDir::new) {
        let entry = entry.expect("a source entry");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("a source file");
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for call in [
            "Diagnostic::error(",
            "Diagnostic::warning(",
            "Diagnostic::file_level(",
        ] {
            for (at, _) in code.match_indices(call) {
                let arguments: String = code[at + call.len()..].chars().take(400).collect();
                if let Some(found) = first_standalone_code(&arguments) {
                    codes.insert(found);
                }
            }
        }
    }
    codes
}

fn first_standalone_code(arguments: &str) -> Option<String> {
    let parts: Vec<&str> = arguments.split('"').collect();
    // Odd parts are inside quotes.
    (1..parts.len().saturating_sub(1)).step_by(2).find_map(|i| {
        let literal = parts[i];
        let before = parts[i - 1].trim_end();
        let after = parts[i + 1].trim_start();
        let kebab = literal.contains('-')
            && literal
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        (kebab && (before.ends_with('(') || before.ends_with(',')) && after.starts_with(','))
            .then(|| literal.to_string())
    })
}

/// The codes in the last column of check-codes.md's tables.
fn codes_in_the_tables(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter(|line| line.starts_with("| ") && !line.starts_with("| ---"))
        .skip(1)
        .filter_map(|line| line.trim_end().trim_end_matches('|').rsplit_once('|'))
        .flat_map(|(_, cell)| {
            cell.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_code_the_source_reports_is_documented() {
    let documented = read("docs/check-codes.md");
    let codes = codes_in_the_source();
    assert!(
        codes.len() >= 50,
        "only {} codes found: {codes:?}",
        codes.len()
    );
    let missing: Vec<&String> = codes
        .iter()
        .filter(|code| !documented.contains(&format!("`{code}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/check-codes.md does not name {missing:?}"
    );
}

#[test]
fn every_code_documented_in_a_table_is_one_the_source_has() {
    let tabled = codes_in_the_tables(&read("docs/check-codes.md"));
    assert!(tabled.len() >= 45, "{tabled:?}");
    let mut source = String::new();
    for entry in [sample_root().join("crates"), sample_root().join("src")]
        .iter()
        .flat_map(walkdir::WalkDir::new)
    {
        let entry = entry.expect("a source entry");
        if entry.path().extension().is_some_and(|e| e == "rs") {
            source.push_str(&std::fs::read_to_string(entry.path()).expect("a source file"));
        }
    }
    let unknown: Vec<&String> = tabled
        .iter()
        .filter(|code| !source.contains(&format!("\"{code}\"")))
        .collect();
    assert!(
        unknown.is_empty(),
        "docs/check-codes.md names codes no source has: {unknown:?}"
    );
}

#[test]
fn a_code_is_told_from_a_message_key() {
    assert_eq!(
        first_standalone_code(" self.file, span, \"date-format\", Message::new(\"date-format\"))"),
        Some("date-format".to_string())
    );
    assert_eq!(
        first_standalone_code(" self.file, span, legacy.code, Message::new(\"legacy-text\"))"),
        None
    );
}

// ---------------------------------------------------------------------------
// The guide's command line

/// The words of a shell command as the guide writes it: `\` at a line's
/// end continues it, double quotes hold a word with spaces.
fn shell_words(command: &str) -> Vec<String> {
    let joined = command.replace("\\\n", " ");
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in joined.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            c if c.is_whitespace() && !quoted => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}

/// The guide's `sh` blocks that run `pakta new`.
fn new_commands(text: &str) -> Vec<Vec<String>> {
    let mut commands = Vec::new();
    let mut in_shell = false;
    for event in parser(text) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => in_shell = &*info == "sh",
            Event::Text(t) if in_shell && t.starts_with("pakta new ") => {
                commands.push(shell_words(&t));
            }
            Event::End(TagEnd::CodeBlock) => in_shell = false,
            _ => {}
        }
    }
    commands
}

#[test]
fn the_guides_pakta_new_writes_the_file_it_names_and_the_file_passes() {
    let guide = read(GUIDE.path);
    let commands = new_commands(&guide);
    assert_eq!(commands.len(), 1, "{commands:?}");
    let repo = Repo::sample();
    let mut args: Vec<&str> = commands[0].iter().skip(1).map(String::as_str).collect();
    args.extend(["--today", TODAY]);
    let output = repo.pakta_untranslated(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let written = common::stdout(&output).trim().to_string();
    // The sample already holds 2026-mou-uns, as the guide says may happen.
    assert_eq!(
        written,
        "agreements/jawa-tengah/karanganyar/2026-mou-uns-2.md"
    );
    assert!(guide.contains("`agreements/jawa-tengah/karanganyar/2026-mou-uns.md`"));
    assert!(guide.contains("`2026-mou-uns-2.md`"));
    let check = repo.pakta_untranslated(&["check", "--format", "json", "--today", TODAY]);
    common::assert_only_unfilled_sections(&common::stdout(&check));
}

#[test]
fn shell_words_follow_quotes_and_continued_lines() {
    assert_eq!(
        shell_words("pakta new --unit a \\\n  --partner \"Nama Mitra (NM)\" --kind mou\n"),
        [
            "pakta",
            "new",
            "--unit",
            "a",
            "--partner",
            "Nama Mitra (NM)",
            "--kind",
            "mou"
        ]
    );
}
