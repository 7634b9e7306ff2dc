//! JSON Schema documents generated from the same tables the validator reads
//! ([`super::spec`]), so editor completion and `pakta check` agree.
//!
//! Only keywords of JSON Schema draft 4 are used (Taplo, behind the Even
//! Better TOML extension, supports draft 4 features), under a draft-07
//! `$schema` line. TOML dates appear as strings with `"format": "date"`.

use serde_json::{Map, Value, json};

use super::spec::{self, Field, FieldType, TableSpec};
use crate::closed::{ClosedList, Stage};
use crate::i18n::{Lang, Texts};

/// What [`crate::reviewers::is_valid_owner`] accepts, for editors: `@user`,
/// `@org/team` or `local@domain.tld` (name lengths are left to pakta).
const REVIEWER_PATTERN: &str = r"^(@[A-Za-z0-9]+(-[A-Za-z0-9]+)*(/[A-Za-z0-9_-]+)?|[A-Za-z0-9._%+-]+@[A-Za-z0-9]+(-[A-Za-z0-9]+)*(\.[A-Za-z0-9]+(-[A-Za-z0-9]+)*)+)$";

/// One generated schema: which file it describes and where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    /// An agreement file's front matter.
    Agreement,
    /// A `_unit.toml`.
    Unit,
    /// `pakta.toml`.
    Config,
    /// A `partners/<key>.toml` of the partner register.
    Partner,
}

impl SchemaKind {
    /// Every schema, in the order `pakta schema --out` writes them.
    pub const ALL: [SchemaKind; 4] = [
        SchemaKind::Agreement,
        SchemaKind::Unit,
        SchemaKind::Config,
        SchemaKind::Partner,
    ];

    /// The file name under `schemas/`.
    pub fn file_name(self) -> &'static str {
        match self {
            SchemaKind::Agreement => "agreement.schema.json",
            SchemaKind::Unit => "unit.schema.json",
            SchemaKind::Config => "pakta.schema.json",
            SchemaKind::Partner => "partner.schema.json",
        }
    }

    fn table(self) -> &'static TableSpec {
        match self {
            SchemaKind::Agreement => &spec::AGREEMENT,
            SchemaKind::Unit => &spec::UNIT,
            SchemaKind::Config => &spec::CONFIG,
            SchemaKind::Partner => &spec::REGISTERED_PARTNER,
        }
    }

    fn title(self) -> &'static str {
        match self {
            SchemaKind::Agreement => "pakta agreement front matter",
            SchemaKind::Unit => "pakta _unit.toml",
            SchemaKind::Config => "pakta.toml",
            SchemaKind::Partner => "pakta partner register entry",
        }
    }

    fn description(self) -> &'static str {
        match self {
            SchemaKind::Agreement => {
                "The TOML between the two `+++` lines of an agreement file under agreements/."
            }
            SchemaKind::Unit => {
                "The organisational unit that owns a folder under agreements/ and its subfolders."
            }
            SchemaKind::Config => "Site settings and compliance rules of a pakta repository.",
            SchemaKind::Partner => {
                "One partner organisation in partners/<key>.toml: its canonical name and the other names agreements use for it."
            }
        }
    }
}

/// The schema document for `kind`, as JSON.
pub fn schema(kind: SchemaKind) -> Value {
    let mut root = Map::new();
    root.insert(
        "$schema".into(),
        json!("http://json-schema.org/draft-07/schema#"),
    );
    root.insert("title".into(), json!(kind.title()));
    root.insert("description".into(), json!(kind.description()));
    root.extend(object_schema(kind.table()));
    Value::Object(root)
}

/// The schema as the file under `schemas/` holds it: pretty, with a final
/// newline, keys sorted, so the text is stable.
pub fn render(kind: SchemaKind) -> String {
    let mut text = serde_json::to_string_pretty(&schema(kind)).expect("JSON values serialise");
    text.push('\n');
    text
}

fn object_schema(table: &'static TableSpec) -> Map<String, Value> {
    let mut properties = Map::new();
    for field in table.fields {
        properties.insert(field.name.into(), field_schema(field));
    }
    let required: Vec<&str> = table
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name)
        .collect();
    let mut object = Map::new();
    object.insert("type".into(), json!("object"));
    object.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        object.insert("required".into(), json!(required));
    }
    object.insert("additionalProperties".into(), json!(false));
    if std::ptr::eq(table, &spec::DATES) {
        // The validator requires at least one stage date.
        let any_stage: Vec<Value> = Stage::ALL
            .iter()
            .map(|stage| json!({ "required": [stage.code()] }))
            .collect();
        object.insert("anyOf".into(), Value::Array(any_stage));
    }
    object
}

fn field_schema(field: &Field) -> Value {
    let mut schema = type_schema(&field.ty, field.required);
    if let Value::Object(map) = &mut schema {
        map.insert("description".into(), json!(field.doc));
    }
    schema
}

fn type_schema(ty: &FieldType, required: bool) -> Value {
    match ty {
        FieldType::Text | FieldType::Reference => json!({ "type": "string", "minLength": 1 }),
        FieldType::Date => json!({ "type": "string", "format": "date" }),
        FieldType::Integer { min, max } if *max == i64::MAX => {
            json!({ "type": "integer", "minimum": min })
        }
        FieldType::Integer { min, max } => {
            json!({ "type": "integer", "minimum": min, "maximum": max })
        }
        FieldType::Bool => json!({ "type": "boolean" }),
        FieldType::TextList => json!({
            "type": "array",
            "items": { "type": "string", "minLength": 1 },
        }),
        FieldType::ReviewerList => json!({
            "type": "array",
            "items": { "type": "string", "pattern": REVIEWER_PATTERN },
        }),
        FieldType::Choice(choices) => choice_schema(choices),
        FieldType::ChoiceList {
            choices,
            legacy_text,
        } => {
            let list = json!({
                "type": "array",
                "items": choice_schema(choices),
                "uniqueItems": true,
            });
            match legacy_text {
                // Still accepted (with a warning), so editors of older
                // files do not see a schema error the checker does not give.
                Some(legacy) => json!({
                    "anyOf": [
                        list,
                        {
                            "type": "string",
                            "deprecated": true,
                            "description": format!("older form: move this text to `{}`", legacy.key),
                        },
                    ],
                }),
                None => list,
            }
        }
        FieldType::Url => json!({ "type": "string", "pattern": "^https?://" }),
        FieldType::Sha256 => json!({ "type": "string", "pattern": "^[0-9A-Fa-f]{64}$" }),
        FieldType::Table(table) => Value::Object(object_schema(table)),
        FieldType::TableList(table) => {
            let mut list = Map::new();
            list.insert("type".into(), json!("array"));
            list.insert("items".into(), Value::Object(object_schema(table)));
            if required {
                list.insert("minItems".into(), json!(1));
            }
            Value::Object(list)
        }
    }
}

/// An enum with each value's meaning, where Taplo shows it on completion
/// (`x-taplo.docs.enumValues`, matched by position). A value the glossary
/// names leads with that name, so editors see what the site will call it.
fn choice_schema(list: &ClosedList) -> Value {
    let texts = Texts::default_for(Lang::Id);
    let docs: Vec<String> = list
        .choices
        .iter()
        .map(|c| match list.term_key(c.code) {
            Some(key) => format!("{} — {}", texts.text(&key), c.doc),
            None => c.doc.to_string(),
        })
        .collect();
    json!({
        "type": "string",
        "enum": list.codes().collect::<Vec<_>>(),
        "x-taplo": { "docs": { "enumValues": docs } },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_keys_and_closed_lists_come_from_the_spec() {
        let agreement = schema(SchemaKind::Agreement);
        assert_eq!(
            agreement["required"],
            json!(["title", "kind", "dates", "partners"])
        );
        assert_eq!(
            agreement["properties"]["kind"]["enum"],
            json!(["mou", "pks", "addendum", "other"])
        );
        assert_eq!(agreement["additionalProperties"], json!(false));
        assert_eq!(agreement["properties"]["partners"]["minItems"], json!(1));
        assert!(
            agreement["properties"]["activities"]
                .get("minItems")
                .is_none()
        );
        assert_eq!(
            agreement["properties"]["dates"]["properties"]["duration_months"]["minimum"],
            json!(1)
        );
    }

    #[test]
    fn dates_need_at_least_one_stage() {
        let agreement = schema(SchemaKind::Agreement);
        let any_of = agreement["properties"]["dates"]["anyOf"]
            .as_array()
            .expect("an anyOf list");
        assert_eq!(any_of.len(), 5);
        assert_eq!(any_of[4], json!({ "required": ["signed"] }));
    }

    #[test]
    fn unit_schema_lists_reviewers() {
        let unit = schema(SchemaKind::Unit);
        assert_eq!(unit["required"], json!(["name", "level"]));
        assert_eq!(unit["properties"]["reviewers"]["type"], json!("array"));
        assert_eq!(
            unit["properties"]["level"]["x-taplo"]["docs"]["enumValues"][0],
            json!("Nasional — KPU RI / Bawaslu RI")
        );
    }
}
