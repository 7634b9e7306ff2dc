//! The editing forms under `admin/`, written when `pakta.toml` has `[cms]`:
//! a Decap CMS configuration generated from the content format
//! ([`pakta_content::schema::spec`] and its closed lists), so the forms
//! offer exactly the keys and codes `check` accepts; the admin page that
//! loads the CMS; and the small script that makes it write dates as TOML
//! dates.
//!
//! Each unit is its own collection (`agreements/<unit>`): Decap's nested
//! collections put every entry in a folder of its own as `index.md`,
//! which is not how agreements are stored (the file name is the id), so
//! the editor picks the unit from the list of collections, in the order
//! of the unit tree, and the new file lands in that unit's folder.

use serde_json::{Map, Value, json};

use pakta_content::CmsConfig;
use pakta_content::closed::ClosedList;
use pakta_content::escape;
use pakta_content::i18n::{Lang, Texts};
use pakta_content::schema::spec::{self, Field, FieldType, TableSpec};
use pakta_model::Model;

/// The files of the editing forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmsFile {
    /// The page that loads the CMS, `admin/index.html`.
    Page,
    /// The CMS configuration, `admin/config.yml`.
    Config,
    /// The script writing dates as TOML dates, `admin/dates.js`.
    Dates,
}

impl CmsFile {
    /// Every file, in the order they are written.
    pub(crate) const ALL: [CmsFile; 3] = [CmsFile::Page, CmsFile::Config, CmsFile::Dates];

    /// Where the file lives below the site root.
    pub(crate) fn path(self) -> &'static str {
        match self {
            CmsFile::Page => "admin/index.html",
            CmsFile::Config => "admin/config.yml",
            CmsFile::Dates => "admin/dates.js",
        }
    }
}

/// The file's bytes for the site of `model`, whose `[cms]` is `cms`.
pub(crate) fn render(file: CmsFile, model: &Model, cms: &CmsConfig) -> Vec<u8> {
    let texts = Texts::default_for(Lang::Id);
    match file {
        CmsFile::Page => page(cms, &model.config.site.title, texts).into_bytes(),
        CmsFile::Config => config(model, texts).into_bytes(),
        CmsFile::Dates => DATES_SCRIPT.as_bytes().to_vec(),
    }
}

const DATES_SCRIPT: &str = include_str!("cms_dates.js");

/// The admin page's own Content-Security-Policy: the CMS script from its
/// origin only, the GitHub API it saves through, avatars, and what the
/// CMS itself needs: inline styles (its components are styled at run
/// time) and `'unsafe-eval'` (it compiles the validator of its
/// configuration, with Ajv, when it starts). Every other page keeps the
/// site's strict policy.
pub(crate) fn content_security_policy(script_url: &str) -> String {
    let origin = origin(script_url);
    format!(
        "default-src 'self'; script-src 'self' {origin} 'unsafe-eval'; \
         style-src 'self' 'unsafe-inline' {origin}; \
         img-src 'self' data: blob: https://avatars.githubusercontent.com; \
         font-src 'self' data: {origin}; \
         connect-src 'self' https://api.github.com {origin}; \
         frame-src 'self' blob:; \
         object-src 'none'; base-uri 'self'; form-action 'self'"
    )
}

/// `scheme://host[:port]` of an address.
fn origin(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |at| at + 3);
    let end = url[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |at| after_scheme + at);
    &url[..end]
}

fn page(cms: &CmsConfig, site_title: &str, texts: &Texts) -> String {
    let title = format!("{} — {}", texts.text("cms-title"), site_title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <title>{title}</title>\n\
         <link href=\"config.yml\" type=\"text/yaml\" rel=\"cms-config-url\">\n\
         </head>\n<body>\n\
         <script src=\"{src}\" integrity=\"{integrity}\" crossorigin=\"anonymous\"></script>\n\
         <script src=\"dates.js\" data-date-fields=\"{dates}\"></script>\n\
         </body>\n</html>\n",
        policy = escape::html(&content_security_policy(&cms.script_url)),
        title = escape::html(&title),
        src = escape::html(&cms.script_url),
        integrity = escape::html(&cms.script_integrity),
        dates = escape::html(&date_fields(&spec::AGREEMENT).join(" ")),
    )
}

/// Every date key of `table` as a path (`dates.signed`,
/// `activities.*.date`), for the script that writes them as dates.
pub(crate) fn date_fields(table: &TableSpec) -> Vec<String> {
    let mut paths = Vec::new();
    for field in table.fields {
        match &field.ty {
            FieldType::Date => paths.push(field.name.to_string()),
            FieldType::Table(inner) => paths.extend(
                date_fields(inner)
                    .into_iter()
                    .map(|p| format!("{}.{p}", field.name)),
            ),
            FieldType::TableList(inner) => paths.extend(
                date_fields(inner)
                    .into_iter()
                    .map(|p| format!("{}.*.{p}", field.name)),
            ),
            _ => {}
        }
    }
    paths
}

/// The collection of the partner register, which agreements' partner
/// names are chosen from.
const REGISTER_COLLECTION: &str = "partners";

/// The Decap CMS configuration, as JSON (which YAML reads as it is):
/// written by a serialiser rather than by hand, so no label can break it.
fn config(model: &Model, texts: &Texts) -> String {
    let site = &model.config.site;
    let repository = site
        .repository
        .as_deref()
        .and_then(pakta_load::github_repository)
        .unwrap_or_default();
    let mut collections = vec![register_collection(texts)];
    let mut units: Vec<&pakta_model::Unit> = model.units.iter().collect();
    units.sort_by(|a, b| a.path.split('/').cmp(b.path.split('/')));
    for unit in units {
        collections.push(unit_collection(&unit.path, &unit.name, texts));
    }
    let config = json!({
        "backend": {
            "name": "github",
            "repo": repository,
            "branch": site.branch,
        },
        "publish_mode": "editorial_workflow",
        "site_url": site.base_url,
        "display_url": site.base_url,
        "media_folder": "files",
        "public_folder": "files",
        "omit_empty_optional_fields": true,
        "slug": { "encoding": "ascii", "clean_accents": true, "sanitize_replacement": "-" },
        "collections": collections,
    });
    let text = serde_json::to_string_pretty(&config).expect("a JSON value serialises");
    let fields = serde_json::to_string(&agreement_fields(texts)).expect("a JSON value serialises");
    let mut text = share_agreement_fields(&text, &fields);
    text.push('\n');
    text
}

/// Stands for the agreement fields in every unit's collection until the
/// text is written.
const AGREEMENT_FIELDS: &str = "\"fields\": \"@agreement-fields@\"";

/// Every unit's collection has the same fields: the first carries them
/// under a YAML anchor and the others name it, so the configuration of a
/// national repository (hundreds of units) stays small. JSON is YAML's
/// flow style, where anchors are allowed; the CMS resolves them.
fn share_agreement_fields(text: &str, fields: &str) -> String {
    let mut out = String::with_capacity(text.len() + fields.len());
    let mut rest = text;
    let mut first = true;
    while let Some(at) = rest.find(AGREEMENT_FIELDS) {
        out.push_str(&rest[..at]);
        if first {
            out.push_str("\"fields\": &agreement-fields ");
            out.push_str(fields);
            first = false;
        } else {
            out.push_str("\"fields\": *agreement-fields");
        }
        rest = &rest[at + AGREEMENT_FIELDS.len()..];
    }
    out.push_str(rest);
    out
}

/// The keys of an agreement's front matter, then its text.
fn agreement_fields(texts: &Texts) -> Vec<Value> {
    let mut fields = fields("agreement", &spec::AGREEMENT, texts);
    fields.push(labelled(
        "agreement",
        "body",
        texts,
        json!({ "name": "body", "widget": "markdown", "required": false }),
    ));
    fields
}

fn register_collection(texts: &Texts) -> Value {
    json!({
        "name": REGISTER_COLLECTION,
        "label": texts.text("cms-register"),
        "label_singular": texts.text("cms-register-one"),
        "folder": pakta_load::PARTNERS_DIR,
        "extension": "toml",
        "format": "toml",
        "create": true,
        "identifier_field": "name",
        "slug": "{{slug}}",
        "editor": { "preview": false },
        "fields": fields("register", &spec::REGISTERED_PARTNER, texts),
    })
}

fn unit_collection(unit_path: &str, unit_name: &str, texts: &Texts) -> Value {
    let folder = join("agreements", unit_path);
    let files = join("files", unit_path);
    json!({
        "name": collection_name(unit_path),
        "label": texts.text("cms-unit-collection").replace("{unit}", unit_name),
        "label_singular": texts.text("cms-unit-one"),
        "folder": folder,
        "extension": "md",
        "format": "toml-frontmatter",
        "create": true,
        "identifier_field": "title",
        "slug": "{{year}}-{{fields.kind}}-{{slug}}",
        "media_folder": format!("/{files}"),
        "public_folder": files,
        "editor": { "preview": false },
        "fields": "@agreement-fields@",
    })
}

/// A collection's name, part of the CMS's addresses: the unit's path with
/// `--` between its folders (`agreements` for the root).
fn collection_name(unit_path: &str) -> String {
    if unit_path.is_empty() {
        "agreements".into()
    } else {
        format!("agreements--{}", unit_path.replace('/', "--"))
    }
}

fn join(folder: &str, path: &str) -> String {
    if path.is_empty() {
        folder.to_string()
    } else {
        format!("{folder}/{path}")
    }
}

/// The widgets of a table's keys, in the format's order. `table` names
/// the table in the catalog keys of labels and hints.
fn fields(table: &str, spec: &'static TableSpec, texts: &Texts) -> Vec<Value> {
    spec.fields
        .iter()
        .map(|field| labelled(table, field.name, texts, widget(table, field, texts)))
        .collect()
}

/// The fields of an optional table (an evaluation's period, an activity's
/// evidence): the CMS validates the fields of such a table even when
/// nothing is written in it, so none is required there; `check` still
/// requires both ends of a period once one is given.
fn optional_fields(table: &str, spec: &'static TableSpec, texts: &Texts) -> Vec<Value> {
    let mut fields = fields(table, spec, texts);
    for field in &mut fields {
        field["required"] = json!(false);
    }
    fields
}

fn labelled(table: &str, name: &str, texts: &Texts, widget: Value) -> Value {
    let mut entry = Map::new();
    entry.insert("name".into(), name.into());
    entry.insert(
        "label".into(),
        texts.text(&format!("cms-{table}-{name}")).into(),
    );
    entry.insert(
        "hint".into(),
        texts.text(&format!("cms-{table}-{name}-hint")).into(),
    );
    if let Value::Object(settings) = widget {
        entry.extend(settings);
    }
    Value::Object(entry)
}

/// The catalog key prefix of a nested table's labels.
fn table_key(spec: &'static TableSpec) -> &'static str {
    [
        (&spec::DATES, "dates"),
        (&spec::PARTNER, "partner"),
        (&spec::ACTIVITY, "activity"),
        (&spec::EVIDENCE, "evidence"),
        (&spec::EVALUATION, "evaluation"),
        (&spec::PERIOD, "period"),
        (&spec::DOCUMENT, "document"),
    ]
    .into_iter()
    .find(|(table, _)| std::ptr::eq(*table, spec))
    .map_or("agreement", |(_, key)| key)
}

fn widget(table: &str, field: &Field, texts: &Texts) -> Value {
    let mut widget = match &field.ty {
        FieldType::Text if table == "partner" && field.name == "name" => json!({
            "widget": "relation",
            "collection": REGISTER_COLLECTION,
            "value_field": "name",
            "search_fields": ["name", "acronym"],
            "display_fields": ["name"],
        }),
        // A file of the unit's folder under files/ (the collection's
        // media folder), uploaded through the form.
        FieldType::Text if field.name == "file" => json!({
            "widget": "file",
            "choose_url": false,
        }),
        FieldType::Text | FieldType::Reference => {
            json!({ "widget": if field.multiline { "text" } else { "string" } })
        }
        FieldType::Date => json!({
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "YYYY-MM-DD",
            "time_format": false,
        }),
        FieldType::Integer { min, max } => {
            let mut number = json!({ "widget": "number", "value_type": "int", "min": min });
            // No upper bound worth showing when the format sets none.
            if *max < i64::from(i32::MAX) {
                number["max"] = json!(max);
            }
            number
        }
        FieldType::Bool => json!({ "widget": "boolean", "default": true }),
        FieldType::TextList | FieldType::ReviewerList => json!({
            "widget": "list",
            "field": { "name": "item", "label": texts.text(&format!("cms-{table}-{}", field.name)), "widget": "string" },
        }),
        FieldType::Choice(list) => select(list, false, texts),
        FieldType::ChoiceList { choices, .. } => select(choices, true, texts),
        FieldType::Url => json!({
            "widget": "string",
            "pattern": ["^https?://[^\\s]+$", texts.text("cms-pattern-url")],
        }),
        FieldType::Sha256 => json!({
            "widget": "string",
            "pattern": ["^[0-9a-fA-F]{64}$", texts.text("cms-pattern-sha256")],
        }),
        FieldType::Table(inner) if !field.required => json!({
            "widget": "object",
            "collapsed": true,
            "fields": optional_fields(table_key(inner), inner, texts),
        }),
        FieldType::Table(inner) => json!({
            "widget": "object",
            "collapsed": false,
            "fields": fields(table_key(inner), inner, texts),
        }),
        FieldType::TableList(inner) => json!({
            "widget": "list",
            "fields": fields(table_key(inner), inner, texts),
        }),
    };
    widget["required"] = json!(field.required);
    widget
}

/// A closed list as a select: the catalog's Indonesian names shown, the
/// codes written.
fn select(list: &ClosedList, multiple: bool, texts: &Texts) -> Value {
    let options: Vec<Value> = list
        .choices
        .iter()
        .map(|choice| {
            let label = list
                .term_key(choice.code)
                .map_or(choice.code, |key| texts.get(&key).unwrap_or(choice.code));
            json!({ "label": label, "value": choice.code })
        })
        .collect();
    json!({ "widget": "select", "multiple": multiple, "options": options })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_unit_carries_the_fields_and_the_others_name_them() {
        let text =
            format!("[{{{AGREEMENT_FIELDS}}}, {{{AGREEMENT_FIELDS}}}, {{{AGREEMENT_FIELDS}}}]");
        assert_eq!(
            share_agreement_fields(&text, "[1]"),
            "[{\"fields\": &agreement-fields [1]}, {\"fields\": *agreement-fields}, {\"fields\": *agreement-fields}]"
        );
        assert_eq!(share_agreement_fields("{}", "[1]"), "{}");
    }

    #[test]
    fn the_origin_is_scheme_host_and_port() {
        assert_eq!(
            origin("https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js"),
            "https://unpkg.com"
        );
        assert_eq!(
            origin("http://127.0.0.1:8080/decap-cms.js"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(origin("https://cdn.example"), "https://cdn.example");
    }

    #[test]
    fn every_date_of_the_front_matter_is_found() {
        let dates = date_fields(&spec::AGREEMENT);
        assert!(dates.contains(&"dates.signed".to_string()));
        assert!(dates.contains(&"activities.*.date".to_string()));
        assert!(dates.contains(&"evaluations.*.period.from".to_string()));
        assert_eq!(dates.len(), 8 + 1 + 1 + 2);
    }

    #[test]
    fn every_label_and_hint_is_in_both_catalogs() {
        let tables = [
            ("agreement", &spec::AGREEMENT),
            ("dates", &spec::DATES),
            ("partner", &spec::PARTNER),
            ("activity", &spec::ACTIVITY),
            ("evidence", &spec::EVIDENCE),
            ("evaluation", &spec::EVALUATION),
            ("period", &spec::PERIOD),
            ("document", &spec::DOCUMENT),
            ("register", &spec::REGISTERED_PARTNER),
        ];
        for lang in [Lang::Id, Lang::En] {
            let texts = Texts::default_for(lang);
            for (table, spec) in tables {
                for name in spec.field_names() {
                    for key in [
                        format!("cms-{table}-{name}"),
                        format!("cms-{table}-{name}-hint"),
                    ] {
                        assert!(texts.get(&key).is_some(), "{lang:?} lacks {key}");
                    }
                }
            }
        }
    }
}
