//! One glossary: every value of a closed list has a name in the message
//! catalogs in both languages, and no name of the glossary is written
//! anywhere else. A status, flag, kind, stage, category or scope named in
//! Rust code, a template or the search script instead of taken from the
//! catalog fails this test with the file and line that wrote it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pakta_content::closed::LISTS;
use pakta_content::i18n::{Catalog, Lang};
use pakta_model::{Flag, Status};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_value_of_every_closed_list_has_a_name_in_both_languages() {
    // The content format's lists name their own glossary sections; the
    // model's statuses and flags are computed, not written by editors.
    let mut lists: Vec<(&str, Vec<&str>)> = vec![
        ("status", Status::ALL.iter().map(|s| s.as_str()).collect()),
        ("flag", Flag::ALL.iter().map(|f| f.as_str()).collect()),
    ];
    lists.extend(
        LISTS
            .iter()
            .filter_map(|list| Some((list.glossary?, list.codes().collect()))),
    );
    assert!(lists.len() > 10, "every named list of the content format");
    for lang in [Lang::Id, Lang::En] {
        let catalog = Catalog::default_for(lang);
        for (field, values) in &lists {
            let terms = catalog
                .terms
                .get(*field)
                .unwrap_or_else(|| panic!("{}: no [terms.{field}]", lang.code()));
            let named: BTreeSet<&str> = terms.keys().map(String::as_str).collect();
            let values: BTreeSet<&str> = values.iter().copied().collect();
            // The flags of the findings page (expiring, expired) are
            // statuses shown as findings: the glossary may name more.
            assert!(
                values.is_subset(&named),
                "{}: [terms.{field}] lacks {:?}",
                lang.code(),
                values.difference(&named).collect::<Vec<_>>()
            );
            assert!(terms.values().all(|t| !t.trim().is_empty()));
        }
    }
}

/// The machine values of the content format (`active`, `media`,
/// `lainnya`): written in code as values, never as names.
fn machine_values() -> BTreeSet<String> {
    let mut values = BTreeSet::new();
    for lang in [Lang::Id, Lang::En] {
        for terms in Catalog::default_for(lang).terms.values() {
            values.extend(terms.keys().map(|k| k.to_lowercase()));
        }
    }
    values
}

/// Every name in the glossary, with the names a reader would still
/// recognise as the same word in another case (Indonesian ones lowercased,
/// as `diff` once wrote them).
struct Names {
    exact: BTreeSet<String>,
    folded: BTreeSet<String>,
}

fn glossary_names() -> Names {
    let machine = machine_values();
    let mut exact = BTreeSet::new();
    let mut folded = BTreeSet::new();
    for lang in [Lang::Id, Lang::En] {
        for terms in Catalog::default_for(lang).terms.values() {
            for name in terms.values() {
                exact.insert(name.clone());
                let lower = name.to_lowercase();
                if lang == Lang::Id && !machine.contains(&lower) {
                    folded.insert(lower);
                }
            }
        }
    }
    Names { exact, folded }
}

/// Literals that spell a glossary name but are no name shown to anyone:
/// the Indonesian spellings of keys editors may write (input the loader
/// maps to `[dates]` keys), and the search's word lists of the language.
const NOT_NAMES: &[(&str, &[&str])] = &[
    (
        "crates/pakta-content/src/schema/spec.rs",
        &[
            "perencanaan",
            "perumusan",
            "pembahasan",
            "pengesahan",
            "penandatanganan",
            "berakhir",
            "diakhiri",
        ],
    ),
    ("crates/pakta-search/src/stem.rs", &["perusahaan"]),
    ("crates/pakta-search/src/text.rs", &["kabupaten", "kota"]),
];

fn allowed(file: &str, literal: &str) -> bool {
    NOT_NAMES
        .iter()
        .any(|(f, words)| *f == file && words.contains(&literal))
}

impl Names {
    fn matches(&self, literal: &str) -> bool {
        let text = literal.trim();
        self.exact.contains(text) || self.folded.contains(&text.to_lowercase())
    }
}

/// The string literals of Rust or JavaScript source with their line
/// numbers; comments are skipped. JavaScript also quotes with `'`.
fn string_literals(source: &str, javascript: bool) -> Vec<(usize, String)> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => line += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = source[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |e| i + 2 + e + 2);
                line += source[i..end].matches('\n').count();
                i = end;
                continue;
            }
            // A char literal or a lifetime: skip the quote so that '"'
            // does not open a string.
            b'\'' if !javascript && bytes.get(i + 2) == Some(&b'\'') => i += 2,
            b'\'' if !javascript && bytes.get(i + 1) == Some(&b'\\') => i += 3,
            quote @ (b'"' | b'`' | b'\'') if quote != b'\'' || javascript => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != quote {
                    if bytes[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                let text = &source[start..j.min(bytes.len())];
                out.push((line, text.to_string()));
                line += text.matches('\n').count();
                i = j + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The text between tags of a template, line by line.
fn template_texts(source: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in source.lines().enumerate() {
        for piece in line.split('>').skip(1) {
            let text = piece.split('<').next().unwrap_or_default();
            // Tera expressions are code, not text.
            for part in text.split(['{', '}']) {
                if !part.trim().is_empty() {
                    out.push((n + 1, part.to_string()));
                }
            }
        }
        out.extend(
            string_literals(line, false)
                .into_iter()
                .map(|(_, s)| (n + 1, s)),
        );
    }
    out
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Where glossary names could be written: the Rust sources of every
/// crate and the binary, the default theme's templates and scripts.
fn sources() -> Vec<PathBuf> {
    let mut files = Vec::new();
    files_under(&root().join("src"), &mut files);
    files_under(&root().join("themes/default"), &mut files);
    for krate in std::fs::read_dir(root().join("crates")).expect("crates/") {
        files_under(&krate.expect("crate").path().join("src"), &mut files);
    }
    files.retain(|f| {
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or_default();
        matches!(ext, "rs" | "html" | "js")
    });
    files.sort();
    files
}

#[test]
fn no_name_of_the_glossary_is_written_outside_the_catalogs() {
    let names = glossary_names();
    let files = sources();
    assert!(files.len() > 50, "{}", files.len());
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a readable source file");
        let pieces = match file.extension().and_then(|e| e.to_str()) {
            Some("html") => template_texts(&text),
            Some("js") => string_literals(&text, true),
            _ => string_literals(&text, false),
        };
        for (line, piece) in pieces {
            let rel = file.strip_prefix(root()).unwrap_or(&file);
            let rel = rel.to_string_lossy().replace('\\', "/");
            if names.matches(&piece) && !allowed(&rel, &piece) {
                found.push(format!("{rel}:{line}: {piece:?}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "glossary names written outside themes/default/i18n (take them from the catalog):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_a_name_written_by_hand() {
    let names = glossary_names();
    let rust = "fn label() -> &'static str {\n    // \"Berlaku\" in a comment is fine\n    \"aktif\";\n    \"perlu pks\"\n}\n";
    let hits: Vec<(usize, String)> = string_literals(rust, false)
        .into_iter()
        .filter(|(_, s)| names.matches(s))
        .collect();
    assert_eq!(hits, [(4, "perlu pks".to_string())]);
    let template = "<td>{{ t(k=\"status-active\") }}</td>\n<th>Berlaku</th>\n";
    let hits: Vec<usize> = template_texts(template)
        .into_iter()
        .filter(|(_, s)| names.matches(s))
        .map(|(line, _)| line)
        .collect();
    assert_eq!(hits, [2]);
    let script = "var label = 'Segera berakhir'; // 'Berlaku'\n";
    assert_eq!(
        string_literals(script, true),
        [(1, "Segera berakhir".to_string())]
    );
    assert!(names.matches("Segera berakhir"));
    assert!(!names.matches("active") && !names.matches("media") && !names.matches("lainnya"));
}

/// Whether `name` appears in `text` as whole words, in the same case.
fn names_in(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The sentences of the command line name kinds, levels and stages
/// through `{placeholders}` filled from the glossary, never by writing the
/// name again: a renamed term then changes every message with it.
#[test]
fn no_message_writes_a_glossary_name_itself() {
    let names = glossary_names();
    let mut found = Vec::new();
    for lang in [Lang::Id, Lang::En] {
        for (key, text) in Catalog::default_for(lang).messages {
            for name in names.exact.iter().filter(|n| names_in(&text, n)) {
                found.push(format!("{}.toml [messages] {key}: {name:?}", lang.code()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "glossary names written in messages (use a term placeholder):\n{}",
        found.join("\n")
    );
    assert!(names_in("Status: Berlaku.", "Berlaku"));
    assert!(!names_in("dianggap berlaku tanpa batas", "Berlaku"));
    assert!(!names_in("Berlakunya", "Berlaku"));
}
