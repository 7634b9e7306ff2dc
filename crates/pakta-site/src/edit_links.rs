//! Links from the site to the repository's files on GitHub, so that an
//! editor goes from a page to its file without knowing Git: "Ubah data
//! ini" opens GitHub's editor on an agreement's file, "Tambah perjanjian"
//! GitHub's new-file page in a unit's folder with a valid starting text,
//! and "Unggah naskah" GitHub's upload page for the unit's documents. Only
//! when `[site] repository` is a GitHub address; plain links, so they work
//! under the site's Content-Security-Policy.

use std::sync::OnceLock;

use chrono::NaiveDate;
use pakta_content::SiteConfig;
use pakta_content::i18n::Texts;

/// A new agreement file a unit page proposes: its name in the unit's
/// folder and its text.
pub struct NewAgreementFile {
    /// The file's name, e.g. `2026-mou-nama-mitra.md`.
    pub name: String,
    /// The file's whole text, valid for `pakta check`.
    pub text: String,
}

/// Writes the file a unit's "Tambah perjanjian" link proposes, for the unit
/// at `unit_path` (below `agreements/`, "" for the root) named `unit_name`,
/// as of `today`, in the site's language (`texts`).
pub type NewAgreementText =
    fn(unit_path: &str, unit_name: &str, today: NaiveDate, texts: &Texts) -> NewAgreementFile;

static NEW_AGREEMENT_TEXT: OnceLock<NewAgreementText> = OnceLock::new();

/// Hands the site the starting text `pakta new` writes, which lives with
/// that command in the binary; set once, before any site is prepared.
/// Without it, "Tambah perjanjian" opens GitHub's new-file page empty.
pub fn use_new_agreement_text(text: NewAgreementText) {
    let _ = NEW_AGREEMENT_TEXT.set(text);
}

/// The repository on GitHub and the branch changes are proposed against.
pub(crate) struct GitHub {
    /// `https://github.com/OWNER/REPO`.
    base: String,
    branch: String,
}

/// A unit page's links.
#[derive(serde::Serialize)]
pub(crate) struct UnitEditLinks {
    pub new_href: String,
    pub upload_href: String,
}

impl GitHub {
    /// The repository of `[site] repository`, when it is a GitHub address.
    pub(crate) fn from_config(site: &SiteConfig) -> Option<GitHub> {
        let repository = site.repository.as_deref()?;
        let owner_and_name = pakta_load::github_repository(repository)?;
        Some(GitHub {
            base: format!("https://github.com/{owner_and_name}"),
            branch: site.branch.clone(),
        })
    }

    /// The repository's issues, where anyone may report a mistake (or see
    /// that it was reported already).
    pub(crate) fn issues(&self) -> String {
        format!("{}/issues", self.base)
    }

    /// GitHub's editor for the file at `path` (relative to the repository).
    pub(crate) fn edit(&self, path: &str) -> String {
        format!(
            "{}/edit/{}/{}",
            self.base,
            encode_path(&self.branch),
            encode_path(path)
        )
    }

    /// The new-file and upload pages of the unit at `unit_path`.
    pub(crate) fn unit(
        &self,
        unit_path: &str,
        unit_name: &str,
        today: NaiveDate,
        texts: &Texts,
    ) -> UnitEditLinks {
        let folder = join("agreements", unit_path);
        let mut new_href = format!(
            "{}/new/{}/{}",
            self.base,
            encode_path(&self.branch),
            encode_path(&folder)
        );
        if let Some(write) = NEW_AGREEMENT_TEXT.get() {
            let file = write(unit_path, unit_name, today, texts);
            new_href.push_str("?filename=");
            new_href.push_str(&encode_component(&file.name));
            new_href.push_str("&value=");
            new_href.push_str(&encode_component(&file.text));
        }
        UnitEditLinks {
            new_href,
            upload_href: format!(
                "{}/upload/{}/{}",
                self.base,
                encode_path(&self.branch),
                encode_path(&join("files", unit_path))
            ),
        }
    }
}

fn join(folder: &str, path: &str) -> String {
    if path.is_empty() {
        folder.to_string()
    } else {
        format!("{folder}/{path}")
    }
}

/// Percent-encodes every byte but the unreserved ones (RFC 3986), for a
/// query value: spaces, line breaks, `&`, `=`, `#` and `+` included.
fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A path with each segment encoded and its `/` kept.
fn encode_path(path: &str) -> String {
    path.split('/')
        .map(encode_component)
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(repository: Option<&str>, branch: &str) -> SiteConfig {
        let mut site = pakta_content::Config::default().site;
        site.repository = repository.map(str::to_string);
        site.branch = branch.to_string();
        site
    }

    #[test]
    fn only_github_addresses_give_links() {
        assert!(GitHub::from_config(&config(None, "main")).is_none());
        assert!(GitHub::from_config(&config(Some("https://gitlab.com/a/b"), "main")).is_none());
    }

    #[test]
    fn links_name_the_branch_and_encode_what_they_carry() {
        let github =
            GitHub::from_config(&config(Some("https://github.com/kpu/data"), "rilis/2026"))
                .unwrap();
        assert_eq!(
            github.edit("agreements/jawa-tengah/2026-mou-uns.md"),
            "https://github.com/kpu/data/edit/rilis/2026/agreements/jawa-tengah/2026-mou-uns.md"
        );
        let texts = Texts::default_for(pakta_content::i18n::Lang::Id);
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let links = github.unit("", "KPU", today, texts);
        assert_eq!(
            links.upload_href,
            "https://github.com/kpu/data/upload/rilis/2026/files"
        );
        assert!(
            links
                .new_href
                .starts_with("https://github.com/kpu/data/new/rilis/2026/agreements"),
            "{}",
            links.new_href
        );
        assert_eq!(
            encode_component("a b&c=d#e+f\n\"é"),
            "a%20b%26c%3Dd%23e%2Bf%0A%22%C3%A9"
        );
    }
}
