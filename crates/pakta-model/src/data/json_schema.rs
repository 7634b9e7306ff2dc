//! `data/schema.json`: the JSON Schema of the open-data document, derived
//! from the very structs that write it (`schemars`), so the two cannot
//! drift apart; each field's description is its doc comment, and each
//! coded field lists its closed list's values.

use schemars::{Schema, SchemaGenerator, json_schema};
use serde_json::Value;

use super::codes::CodeList;
use super::{DataDocument, SCHEMA_VERSION};

/// The schema of [`DataDocument`], carrying [`SCHEMA_VERSION`] (as
/// `schema_version` beside the keywords, and as the only value the
/// document's own `schema_version` may have).
pub fn schema() -> Value {
    let mut schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<DataDocument<'static>>();
    schema.insert("schema_version".into(), SCHEMA_VERSION.into());
    schema.insert("title".into(), "pakta open data".into());
    let mut value = schema.to_value();
    value["properties"]["schema_version"]["const"] = SCHEMA_VERSION.into();
    value
}

fn one_of(list: CodeList) -> Schema {
    json_schema!({ "type": "string", "enum": list.values() })
}

fn many_of(list: CodeList) -> Schema {
    json_schema!({
        "type": "array",
        "items": { "type": "string", "enum": list.values() },
        "uniqueItems": true,
    })
}

macro_rules! code_schemas {
    ($($name:ident => $body:expr;)+) => {
        $(
            pub(super) fn $name(_: &mut SchemaGenerator) -> Schema {
                $body
            }
        )+
    };
}

code_schemas! {
    kind => one_of(CodeList::Kind);
    stage => one_of(CodeList::Stage);
    status => one_of(CodeList::Status);
    flags => many_of(CodeList::Flag);
    scope => one_of(CodeList::Scope);
    category => one_of(CodeList::Category);
    activity_type => one_of(CodeList::ActivityType);
    result => one_of(CodeList::Result);
    method => one_of(CodeList::Method);
    obstacles => many_of(CodeList::Obstacle);
    recommendation => one_of(CodeList::Recommendation);
}
