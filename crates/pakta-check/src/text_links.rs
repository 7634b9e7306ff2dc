//! Relative links and images written in agreement texts must lead to a
//! file the site publishes: an agreement's page, a unit's, an attached
//! document or one of the site's own sections. `[x](../../../etc/passwd)`
//! or a link to a private agreement leads nowhere and is pointed out.

use std::collections::BTreeSet;

use pakta_content::diagnostics::Diagnostics;
use pakta_content::reserved::is_reserved_segment;
use pakta_load::Sources;

use super::Attachments;

/// Warns, at the link, about every relative link in a text that leads to
/// nothing on the site.
pub(crate) fn check(sources: &Sources, attachments: &Attachments, diagnostics: &mut Diagnostics) {
    if sources.agreements.iter().all(|a| a.text_links.is_empty()) {
        return;
    }
    let site = SiteFiles {
        base_path: base_path(&sources.config.site.base_url),
        agreements: sources
            .agreements
            .iter()
            .filter(|a| a.front.as_ref().is_some_and(|f| f.public))
            .map(|a| a.id.as_str())
            .collect(),
        units: sources.units.iter().map(|u| u.path.as_str()).collect(),
        attachments,
    };
    for agreement in &sources.agreements {
        let page = format!("{}/", agreement.id);
        for link in &agreement.text_links {
            let found = resolve(&page, &site.base_path, &link.target).is_some_and(|p| site.has(&p));
            if !found {
                diagnostics.push(link.unresolved.clone());
            }
        }
    }
}

/// What the site publishes, as far as a link from a text may point.
struct SiteFiles<'s> {
    base_path: String,
    agreements: BTreeSet<&'s str>,
    units: BTreeSet<&'s str>,
    attachments: &'s Attachments,
}

impl SiteFiles<'_> {
    /// Whether `path` (below the site's root, no leading `/`) names a
    /// file or a folder page of the site.
    fn has(&self, path: &str) -> bool {
        let page = path
            .strip_suffix("index.html")
            .unwrap_or(path)
            .trim_end_matches('/');
        if page.is_empty() || self.agreements.contains(page) {
            return true;
        }
        let (first, rest) = page.split_once('/').unwrap_or((page, ""));
        match first {
            "files" => self.attachments.contains_key(page),
            "units" => {
                let unit = ["feed.xml", "calendar.ics"]
                    .iter()
                    .find_map(|file| rest.strip_suffix(file))
                    .unwrap_or(rest)
                    .trim_end_matches('/');
                self.units.contains(unit)
            }
            "feed.xml" | "calendar.ics" => rest.is_empty(),
            other => is_reserved_segment(other),
        }
    }
}

/// The path part of the site's address, between slashes: `/kerjasama/`.
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| {
        rest.find('/').map_or("", |slash| &rest[slash..])
    });
    let trimmed = after_scheme.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// The site path `target` leads to from the page in folder `page` (both
/// below the site's root), or `None` when it leaves the site.
fn resolve(page: &str, base_path: &str, target: &str) -> Option<String> {
    let target = target.split(['?', '#']).next().unwrap_or("");
    let target = percent_decoded(target)?;
    let (mut parts, rest): (Vec<&str>, &str) = match target.strip_prefix('/') {
        Some(_) => {
            let from_base = target
                .strip_prefix(base_path)
                .or_else(|| (format!("{target}/") == base_path).then_some(""))?;
            (Vec::new(), from_base)
        }
        None => (page.split('/').filter(|p| !p.is_empty()).collect(), &target),
    };
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// `%XX` escapes decoded; `None` when they do not make UTF-8 text.
fn percent_decoded(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(decoded).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_from_the_agreements_page() {
        let page = "jawa-tengah/2025-mou-a/";
        let base = "/kerjasama/";
        for (target, expected) in [
            ("../2025-mou-b/", Some("jawa-tengah/2025-mou-b")),
            ("../../files/a%20b.pdf", Some("files/a b.pdf")),
            ("./", Some("jawa-tengah/2025-mou-a")),
            (
                "lampiran.pdf?x=1#p",
                Some("jawa-tengah/2025-mou-a/lampiran.pdf"),
            ),
            ("/kerjasama/lists/", Some("lists")),
            ("/kerjasama", Some("")),
            ("/lain/", None),
            ("../../../etc/passwd", None),
        ] {
            assert_eq!(resolve(page, base, target).as_deref(), expected, "{target}");
        }
    }

    #[test]
    fn the_base_path_is_the_addresses_path() {
        assert_eq!(base_path("https://example.org/kerjasama"), "/kerjasama/");
        assert_eq!(base_path("https://example.org/a/b/"), "/a/b/");
        assert_eq!(base_path("https://example.org"), "/");
        assert_eq!(base_path("/"), "/");
    }
}
