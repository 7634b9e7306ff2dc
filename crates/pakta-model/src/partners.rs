//! The partner register as the model sees it: each registered partner
//! with its parent and sub-units resolved, and every name an agreement may
//! use for it (key, name, acronym, aliases) mapped to it by the partner
//! matching key.

use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeSet;

use pakta_content::slug::match_key;
use pakta_content::{Category, PartnerSource};

/// Position of a partner in [`PartnerRegister::partners`] (sorted by key).
pub type PartnerIx = usize;

/// One registered organisation.
#[derive(Debug, PartialEq, Eq)]
pub struct RegisteredPartner {
    /// The file name without `.toml`; its address on the site.
    pub key: String,
    /// The canonical name (the key when the entry has none).
    pub name: String,
    /// The organisation's acronym, e.g. "UNS".
    pub acronym: Option<String>,
    /// Other names the organisation is written under.
    pub aliases: Vec<String>,
    /// The partner category, e.g. `university`.
    pub category: Option<Category>,
    /// The organisation's website address.
    pub website: Option<String>,
    /// The larger organisation, when `parent` names a registered one.
    pub parent: Option<PartnerIx>,
    /// The partners whose `parent` is this one, by key.
    pub children: Vec<PartnerIx>,
}

/// The register, sorted by key, with a lookup by name.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PartnerRegister {
    /// The registered partners, sorted by key.
    pub partners: Vec<RegisteredPartner>,
    by_name: HashMap<String, PartnerIx>,
}

impl PartnerRegister {
    /// Builds the register from the loaded entries. A name claimed twice
    /// goes to the partner whose key sorts first, as `check` reports.
    pub fn build(sources: &[PartnerSource]) -> PartnerRegister {
        let mut by_name: HashMap<String, PartnerIx> = HashMap::new();
        for (ix, source) in sources.iter().enumerate() {
            for name in source.names() {
                let key = match_key(name.value);
                if !key.is_empty() {
                    by_name.entry(key).or_insert(ix);
                }
            }
        }
        let by_key: HashMap<&str, PartnerIx> = sources
            .iter()
            .enumerate()
            .map(|(ix, s)| (s.key.as_str(), ix))
            .collect();
        let mut partners: Vec<RegisteredPartner> = sources
            .iter()
            .map(|s| RegisteredPartner {
                key: s.key.clone(),
                name: if s.name.value.is_empty() {
                    s.key.clone()
                } else {
                    s.name.value.clone()
                },
                acronym: s.acronym.as_ref().map(|a| a.value.clone()),
                aliases: s.aliases.iter().map(|a| a.value.clone()).collect(),
                category: s.category,
                website: s.website.clone(),
                parent: s
                    .parent
                    .as_ref()
                    .and_then(|p| by_key.get(p.value.as_str()).copied()),
                children: Vec::new(),
            })
            .collect();
        for ix in 0..partners.len() {
            if let Some(parent) = partners[ix].parent {
                partners[parent].children.push(ix);
            }
        }
        PartnerRegister { partners, by_name }
    }

    /// The registered partner an agreement's partner name means, if any.
    pub fn resolve(&self, name: &str) -> Option<PartnerIx> {
        self.by_name.get(&match_key(name)).copied()
    }

    /// Every partner below `ix` (sub-units of sub-units too), sorted; a
    /// circular `parent`, which check refuses, ends the walk.
    pub fn descendants(&self, ix: PartnerIx) -> BTreeSet<PartnerIx> {
        let mut found = BTreeSet::new();
        let mut pending = self.partners[ix].children.clone();
        while let Some(next) = pending.pop() {
            if next != ix && found.insert(next) {
                pending.extend(&self.partners[next].children);
            }
        }
        found
    }

    /// The organisations above `ix`, nearest first, stopping at a circle.
    pub fn ancestors(&self, ix: PartnerIx) -> Vec<PartnerIx> {
        let mut out = Vec::new();
        let mut current = self.partners[ix].parent;
        while let Some(parent) = current {
            if parent == ix || out.contains(&parent) {
                break;
            }
            out.push(parent);
            current = self.partners[parent].parent;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pakta_content::diagnostics::{SourceFile, Spanned};

    fn entry(key: &str, name: &str, acronym: Option<&str>, parent: Option<&str>) -> PartnerSource {
        PartnerSource {
            key: key.into(),
            source: SourceFile::new(format!("partners/{key}.toml"), ""),
            name: Spanned::new(name.into(), 0..1),
            acronym: acronym.map(|a| Spanned::new(a.into(), 0..1)),
            aliases: vec![Spanned::new(format!("{name} (lama)"), 0..1)],
            parent: parent.map(|p| Spanned::new(p.into(), 0..1)),
            category: None,
            website: None,
        }
    }

    fn register() -> PartnerRegister {
        PartnerRegister::build(&[
            entry(
                "fisip-undip",
                "FISIP, Universitas Diponegoro",
                None,
                Some("undip"),
            ),
            entry("lab-fisip", "Laboratorium FISIP", None, Some("fisip-undip")),
            entry("undip", "Universitas Diponegoro", Some("UNDIP"), None),
        ])
    }

    #[test]
    fn every_name_of_a_partner_resolves_to_it() {
        let register = register();
        for name in [
            "undip",
            "UNDIP",
            "universitas diponegoro",
            "Universitas Diponegoro (Lama)",
        ] {
            assert_eq!(register.resolve(name), Some(2), "{name}");
        }
        assert_eq!(register.resolve("Universitas Sebelas Maret"), None);
    }

    #[test]
    fn sub_units_of_sub_units_are_descendants() {
        let register = register();
        assert_eq!(register.descendants(2), BTreeSet::from([0, 1]));
        assert_eq!(register.ancestors(1), [0, 2]);
    }

    #[test]
    fn a_circle_of_parents_ends_the_walk() {
        let register = PartnerRegister::build(&[
            entry("a", "Organisasi A", None, Some("b")),
            entry("b", "Organisasi B", None, Some("a")),
        ]);
        assert_eq!(register.descendants(0), BTreeSet::from([1]));
        assert_eq!(register.ancestors(0), [1]);
    }
}
