//! Reads `pakta.toml`. A missing file means the defaults; a broken key is
//! reported and its default used, so the rest of the run still happens.

use toml::de::DeTable;

use super::toml_file::{decode_utf8, toml_syntax_errors};
use pakta_content::diagnostics::Diagnostics;
use pakta_content::licence::Licence;
use pakta_content::schema::{TableReader, spec};
use pakta_content::{Config, Reports, Rules};

/// The repository's settings file, at its root.
pub const CONFIG_FILE: &str = "pakta.toml";

pub(crate) fn parse_config(bytes: Vec<u8>, diagnostics: &mut Diagnostics) -> Config {
    let mut config = Config::default();
    let (source, utf8_ok) = decode_utf8(CONFIG_FILE.into(), bytes, diagnostics);
    if !utf8_ok {
        return config;
    }
    let (table, errors) = DeTable::parse_recoverable(&source.text);
    if !errors.is_empty() {
        diagnostics.extend(toml_syntax_errors(&source, 0, errors));
        return config;
    }
    let r = TableReader::check(&source, 0, &spec::CONFIG, &table, diagnostics);
    if let Some(site) = r.table("site") {
        let text = |name: &str| site.text(name).map(|t| t.value);
        let choice = |name: &str| site.choice(name).map(|c| c.value.to_string());
        let defaults = &mut config.site;
        defaults.title = text("title").unwrap_or(defaults.title.clone());
        defaults.base_url = text("base_url").unwrap_or(defaults.base_url.clone());
        defaults.language = choice("language").unwrap_or(defaults.language.clone());
        defaults.timezone = choice("timezone").unwrap_or(defaults.timezone.clone());
        defaults.theme = text("theme");
        defaults.repository = text("repository");
    }
    if let Some(rules) = r.table("rules") {
        let defaults = Rules::default();
        let number = |name: &str, default: u32| {
            rules
                .integer(name)
                .and_then(|n| u32::try_from(n.value).ok())
                .unwrap_or(default)
        };
        config.rules = Rules {
            expiring_soon_days: number("expiring_soon_days", defaults.expiring_soon_days),
            pks_deadline_months: number("pks_deadline_months", defaults.pks_deadline_months),
            dormant_months: number("dormant_months", defaults.dormant_months),
        };
    }
    if let Some(reports) = r.table("reports") {
        let months = reports
            .integer("months")
            .and_then(|n| u32::try_from(n.value).ok());
        config.reports = Reports {
            months: months.unwrap_or(Reports::default().months),
        };
    }
    if let Some(data) = r.table("data")
        && let Some(id) = data.choice("license")
        && let Some(license) = Licence::by_id(id.value)
    {
        config.data.license = license;
    }
    config
}
