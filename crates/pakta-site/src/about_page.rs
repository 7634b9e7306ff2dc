//! The "Tentang" page: who publishes the site, what it covers, whom to
//! write to, under which licence the data may be reused and how to report
//! a mistake, all from `pakta.toml` and the model.

use serde::Serialize;

use pakta_content::SiteConfig;
use pakta_model::Model;

use super::edit_links::GitHub;
use super::views::Links;

/// Where the logo is published: beside the page, keeping its type.
pub(crate) fn logo_path(site: &SiteConfig) -> Option<String> {
    let logo = site.logo.as_deref()?;
    let extension = logo.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
    Some(format!("about/logo.{extension}"))
}

/// Who publishes the site: `[site] publisher`, else the root unit, else
/// the site's title. The open-data catalogs name the same publisher.
pub(crate) fn publisher(model: &Model) -> &str {
    let site = &model.config.site;
    site.publisher.as_deref().unwrap_or_else(|| {
        model
            .units
            .iter()
            .find(|u| u.parent.is_none())
            .map_or(site.title.as_str(), |u| u.name.as_str())
    })
}

/// What the template shows.
#[derive(Serialize)]
pub(crate) struct AboutPage<'a> {
    publisher: &'a str,
    logo_href: Option<String>,
    contact_email: Option<&'a str>,
    contact_address: Option<&'a str>,
    /// Public agreements and units: the site's coverage in figures.
    agreements: usize,
    units: usize,
    /// The repository's issues on GitHub, where mistakes are reported.
    issues_href: Option<String>,
}

pub(crate) fn page<'a>(model: &'a Model, links: &Links, github: Option<&GitHub>) -> AboutPage<'a> {
    let site = &model.config.site;
    AboutPage {
        publisher: publisher(model),
        logo_href: logo_path(site).map(|path| format!("{}{path}", links.base)),
        contact_email: site.contact_email.as_deref(),
        contact_address: site.contact_address.as_deref(),
        agreements: model.agreements.iter().filter(|a| a.is_public()).count(),
        units: model.units.len(),
        issues_href: github.map(GitHub::issues),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_logo_keeps_its_type_under_about() {
        let mut site = pakta_content::Config::default().site;
        assert_eq!(logo_path(&site), None);
        site.logo = Some("files/Lambang KPU.PNG".into());
        assert_eq!(logo_path(&site).as_deref(), Some("about/logo.png"));
    }
}
