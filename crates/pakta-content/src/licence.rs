//! The open licences a site's data may carry (`[data] license`), with the
//! titles and addresses every metadata file states.

use serde::Serialize;

/// One licence: its SPDX id, title and the address of its text.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Licence {
    /// The SPDX id, as written in `pakta.toml`, e.g. `CC-BY-4.0`.
    pub id: &'static str,
    /// Its full title.
    pub title: &'static str,
    /// The address of its text.
    pub url: &'static str,
}

/// Every licence `[data] license` accepts, in the order of
/// [`crate::closed::LICENSES`], which checks the setting.
pub const LICENCES: &[Licence] = &[
    Licence {
        id: "CC-BY-4.0",
        title: "Creative Commons Attribution 4.0 International",
        url: "https://creativecommons.org/licenses/by/4.0/",
    },
    Licence {
        id: "CC-BY-SA-4.0",
        title: "Creative Commons Attribution-ShareAlike 4.0 International",
        url: "https://creativecommons.org/licenses/by-sa/4.0/",
    },
    Licence {
        id: "CC0-1.0",
        title: "Creative Commons Zero v1.0 Universal",
        url: "https://creativecommons.org/publicdomain/zero/1.0/",
    },
    Licence {
        id: "ODbL-1.0",
        title: "Open Data Commons Open Database License v1.0",
        url: "https://opendatacommons.org/licenses/odbl/1-0/",
    },
    Licence {
        id: "ODC-By-1.0",
        title: "Open Data Commons Attribution License v1.0",
        url: "https://opendatacommons.org/licenses/by/1-0/",
    },
    Licence {
        id: "PDDL-1.0",
        title: "Open Data Commons Public Domain Dedication & License 1.0",
        url: "https://opendatacommons.org/licenses/pddl/1-0/",
    },
];

impl Licence {
    /// The licence with SPDX id `id`, if it is one of [`LICENCES`].
    pub fn by_id(id: &str) -> Option<&'static Licence> {
        LICENCES.iter().find(|l| l.id == id)
    }

    /// CC-BY-4.0: reuse with attribution, what Satu Data asks of open data.
    pub fn default_licence() -> &'static Licence {
        &LICENCES[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::closed::LICENSES;

    #[test]
    fn the_setting_accepts_exactly_the_licences_described_here() {
        let accepted: Vec<&str> = LICENSES.codes().collect();
        let described: Vec<&str> = LICENCES.iter().map(|l| l.id).collect();
        assert_eq!(accepted, described);
        assert_eq!(Licence::default_licence().id, "CC-BY-4.0");
    }
}
