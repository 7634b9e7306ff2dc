//! The site's open data beyond the bulk document: the relational tables
//! as CSV (`tables`), their Frictionless Data Package (`datapackage`), the
//! same tables as one workbook (`xlsx`), the data dictionary page
//! (`dictionary`), the JSON Schema of the bulk
//! document and the DCAT catalog of every download (`catalog`), all under `data/`, all stating the licence of
//! `[data] license`.

pub(crate) mod catalog;
mod compressed;
pub(crate) mod datapackage;
pub(crate) mod dictionary;
mod encoded;
pub(crate) mod tables;
pub(crate) mod xlsx;

use chrono::NaiveDate;

pub(crate) use compressed::CompressedDocuments;
pub(crate) use encoded::EncodedRecords;

use pakta_content::licence::Licence;
use pakta_model::Model;

use super::about_page;

/// Where the JSON Schema of the bulk document lives below the site root.
pub(crate) const SCHEMA_PATH: &str = "data/schema.json";
/// Where the Data Package lives.
pub(crate) const DATAPACKAGE_PATH: &str = "data/datapackage.json";
/// Where the DCAT catalog lives.
pub(crate) const CATALOG_PATH: &str = "data/catalog.jsonld";

/// Where table `name` lives as CSV below the site root.
pub(crate) fn csv_path(table: tables::Table) -> String {
    format!("data/{}.csv", table.name())
}

/// Where a unit's agreements table lives as CSV, in the unit's folder `dir`.
pub(crate) fn unit_csv_path(dir: &str) -> String {
    format!("{dir}{}.csv", tables::Table::Agreements.name())
}

/// What every metadata file says about the data as a whole.
pub(crate) struct About<'a> {
    /// The site's title.
    pub title: &'a str,
    /// What the data is, in the site's language.
    pub description: &'a str,
    /// Who publishes it: `[site] publisher`, else the root unit, else the site.
    pub publisher: &'a str,
    /// The data's licence.
    pub licence: &'static Licence,
    /// The day the data describes (`--today`), never the clock.
    pub modified: NaiveDate,
    /// The content repository's address, the data's source.
    pub repository: Option<&'a str>,
    /// The absolute address of the site, ending in `/`.
    pub site: &'a str,
}

impl<'a> About<'a> {
    pub(crate) fn new(model: &'a Model, description: &'a str, site: &'a str) -> About<'a> {
        let config = &model.config;
        let publisher = about_page::publisher(model);
        About {
            title: &config.site.title,
            description,
            publisher,
            licence: config.data.license,
            modified: model.today,
            repository: config.site.repository.as_deref(),
            site,
        }
    }
}

/// Pretty JSON with a final newline, as every metadata file is written.
pub(crate) fn json_bytes(value: &serde_json::Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("a JSON value serialises");
    bytes.push(b'\n');
    bytes
}
