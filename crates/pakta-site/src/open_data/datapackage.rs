//! `data/datapackage.json`: a Frictionless (Tabular) Data Package
//! describing the CSV tables — each column's type, the codes and labels a
//! coded column may hold (from the glossary), primary and foreign keys —
//! with the licence, the publisher and the sources.

use serde_json::{Value, json};

use super::About;
use super::tables::{ColumnType, TABLES, Table};
use pakta_content::i18n::Texts;

/// The Data Package of the tables.
pub(crate) fn datapackage(about: &About, texts: &Texts) -> Value {
    let resources: Vec<Value> = TABLES.iter().map(|&table| resource(table, texts)).collect();
    let mut sources = vec![json!({ "title": about.title, "path": about.site })];
    if let Some(repository) = about.repository {
        sources.push(json!({ "title": repository, "path": repository }));
    }
    json!({
        "profile": "tabular-data-package",
        "name": "pakta-agreements",
        "title": about.title,
        "description": about.description,
        "homepage": format!("{}data/", about.site),
        "version": about.modified.to_string(),
        "created": format!("{}T00:00:00Z", about.modified),
        "licenses": [{
            "name": about.licence.id,
            "title": about.licence.title,
            "path": about.licence.url,
        }],
        "contributors": [{ "title": about.publisher, "role": "publisher" }],
        "sources": sources,
        "resources": resources,
    })
}

fn resource(table: Table, texts: &Texts) -> Value {
    let fields: Vec<Value> = table
        .columns()
        .iter()
        .map(|column| {
            let mut field = json!({
                "name": column.name,
                "type": match column.ty {
                    ColumnType::Text => "string",
                    ColumnType::Integer => "integer",
                    ColumnType::Date => "date",
                },
            });
            let required = table.primary_key().contains(&column.name.as_str());
            let allowed = column.codes.filter(|_| !column.list).map(|list| {
                let values = list.values();
                if column.label {
                    values.iter().map(|v| list.label(texts, v)).collect()
                } else {
                    values
                }
            });
            let mut constraints = serde_json::Map::new();
            if required {
                constraints.insert("required".into(), true.into());
            }
            if let Some(allowed) = allowed {
                constraints.insert("enum".into(), allowed.into());
            }
            if !constraints.is_empty() {
                field["constraints"] = constraints.into();
            }
            field
        })
        .collect();
    let mut schema = json!({
        "fields": fields,
        "primaryKey": table.primary_key(),
        "missingValues": [""],
    });
    if table != Table::Agreements {
        schema["foreignKeys"] = json!([{
            "fields": "agreement_id",
            "reference": { "resource": "agreements", "fields": "id" },
        }]);
    }
    json!({
        "name": table.name(),
        "path": format!("{}.csv", table.name()),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "dialect": { "delimiter": ",", "quoteChar": "\"", "doubleQuote": true },
        "schema": schema,
    })
}
