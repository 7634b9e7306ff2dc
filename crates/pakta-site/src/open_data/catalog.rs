//! `data/catalog.jsonld`: a DCAT-AP catalog of the site's datasets — every
//! public agreement, and each unit's with the units below it — and their
//! distributions (JSON, CSV, the workbook, the Data Package, Atom,
//! iCalendar; a unit's own JSON and CSV), so that a
//! portal's DCAT harvester (CKAN's among them) imports them as they are.

use serde_json::{Value, json};

use super::tables::TABLES;
use super::{About, CATALOG_PATH, DATAPACKAGE_PATH, SCHEMA_PATH, csv_path};

/// One dataset of the catalog: whose agreements, and where its files are.
pub(crate) struct Dataset {
    /// The dataset's title.
    pub title: String,
    /// The page that presents it, relative to the site root.
    pub page: String,
    /// Its files, relative to the site root, with their media type and
    /// format name.
    pub files: Vec<(String, &'static str, &'static str)>,
}

/// The site's own dataset: the bulk document, the tables and their
/// descriptions, the feed and the calendar.
pub(crate) fn site_dataset(title: &str, bulk_path: &str) -> Dataset {
    let mut files = vec![(bulk_path.to_string(), "application/gzip", "JSON")];
    files.extend(
        TABLES
            .iter()
            .map(|&table| (csv_path(table), "text/csv", "CSV")),
    );
    files.extend([
        (
            super::xlsx::PATH.to_string(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "XLSX",
        ),
        (DATAPACKAGE_PATH.to_string(), "application/json", "JSON"),
        (SCHEMA_PATH.to_string(), "application/schema+json", "JSON"),
        ("data/feed.xml".to_string(), "application/atom+xml", "ATOM"),
        ("data/calendar.ics".to_string(), "text/calendar", "ICAL"),
    ]);
    Dataset {
        title: title.to_string(),
        page: "data/".to_string(),
        files,
    }
}

/// A unit's dataset: its own share of the bulk document and of the
/// agreements table, its feed and calendar, in the unit's folder `dir`.
pub(crate) fn unit_dataset(title: String, dir: &str) -> Dataset {
    Dataset {
        title,
        page: dir.to_string(),
        files: vec![
            (crate::data_file::unit_path(dir), "application/gzip", "JSON"),
            (super::unit_csv_path(dir), "text/csv", "CSV"),
            (format!("{dir}feed.xml"), "application/atom+xml", "ATOM"),
            (format!("{dir}calendar.ics"), "text/calendar", "ICAL"),
        ],
    }
}

/// The catalog of `datasets`.
pub(crate) fn catalog(about: &About, datasets: &[Dataset]) -> Value {
    let url = |path: &str| format!("{}{path}", about.site);
    let publisher = json!({
        "@type": "foaf:Agent",
        "foaf:name": about.publisher,
    });
    let licence = json!({ "@id": about.licence.url });
    let modified = json!({ "@value": about.modified.to_string(), "@type": "xsd:date" });
    let entries: Vec<Value> = datasets
        .iter()
        .map(|dataset| {
            let distributions: Vec<Value> = dataset
                .files
                .iter()
                .map(|(path, media_type, format)| {
                    let name = path.rsplit('/').next().unwrap_or(path);
                    json!({
                        "@id": url(path),
                        "@type": "dcat:Distribution",
                        "dct:title": name,
                        "dcat:downloadURL": { "@id": url(path) },
                        "dcat:accessURL": { "@id": url(path) },
                        "dcat:mediaType": format!("https://www.iana.org/assignments/media-types/{media_type}"),
                        "dct:format": format,
                        "dct:license": licence,
                        "dct:modified": modified,
                    })
                })
                .collect();
            json!({
                "@id": format!("{}#dataset", url(&dataset.page)),
                "@type": "dcat:Dataset",
                "dct:title": dataset.title,
                "dct:description": about.description,
                "dct:publisher": publisher,
                "dct:license": licence,
                "dct:modified": modified,
                "dcat:landingPage": { "@id": url(&dataset.page) },
                "dcat:distribution": distributions,
            })
        })
        .collect();
    json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": url(CATALOG_PATH),
        "@type": "dcat:Catalog",
        "dct:title": about.title,
        "dct:description": about.description,
        "dct:publisher": publisher,
        "dct:license": licence,
        "dct:modified": modified,
        "foaf:homepage": { "@id": about.site },
        "dcat:dataset": entries,
    })
}
