//! A generated content repository: a few hundred agreements across a
//! national unit, provinces and regencies, of every kind, at every stage
//! and in every status (renewed, terminated and cancelled ones too), some
//! private, with MoUs that got their PKS and MoUs that did not. The same
//! seed gives the same repository. Each agreement is kept as plain data
//! beside the file written from it, so a test can compute what the site
//! should say straight from the inputs, without pakta's model.

use chrono::{Days, Months, NaiveDate};

use super::fixtures::{Agreement, Unit};
use super::site_test::SiteTest;

/// A small deterministic generator (SplitMix64): the corpus must not
/// change between runs or machines.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// A day from `from` to `to` inclusive.
    fn day(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days().max(0) as u64;
        from + Days::new(self.below(span + 1))
    }
}

pub(crate) const KINDS: [&str; 4] = ["mou", "pks", "addendum", "other"];
pub(crate) const CATEGORIES: [&str; 12] = [
    "ministry",
    "state-institution",
    "regional-government",
    "university",
    "school",
    "professional-organization",
    "ngo",
    "student-organization",
    "media",
    "company",
    "international",
    "other",
];
const STAGES: [&str; 4] = ["planning", "drafting", "negotiation", "approval"];

/// What one generated agreement file says, as data.
#[derive(Clone, Debug)]
pub(crate) struct Generated {
    /// The unit folder below `agreements/` ("" for the root).
    pub unit: String,
    /// The id: the file's path below `agreements/` without `.md`.
    pub id: String,
    pub kind: &'static str,
    pub public: bool,
    /// One entry per partner, as written (a category may repeat).
    pub categories: Vec<&'static str>,
    /// The stage dates before signing that were written, in order.
    pub stages: Vec<(&'static str, NaiveDate)>,
    pub signed: Option<NaiveDate>,
    pub starts: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
    pub terminated: Option<NaiveDate>,
    pub parent: Option<String>,
    pub renews: Option<String>,
    pub activities: Vec<NaiveDate>,
    pub evaluations: Vec<NaiveDate>,
}

/// The generated repository's units, root first: (path, name, level).
pub(crate) fn units() -> Vec<(String, String, &'static str)> {
    let mut units = vec![(
        String::new(),
        "KPU Republik Indonesia".to_string(),
        "national",
    )];
    for province in ["aceh", "jawa-barat", "papua"] {
        units.push((
            province.to_string(),
            format!("KPU Provinsi {province}"),
            "province",
        ));
        for regency in ["kota-a", "kab-b"] {
            units.push((
                format!("{province}/{regency}"),
                format!("KPU {regency} {province}"),
                "regency",
            ));
        }
    }
    units
}

/// `count` agreements (and the renewals some of them get) as of `today`.
pub(crate) fn generate(seed: u64, count: usize, today: NaiveDate) -> Vec<Generated> {
    let mut rng = Rng::new(seed);
    let units = units();
    let mut out: Vec<Generated> = Vec::new();
    let long_ago = today - Months::new(72);
    for n in 0..count {
        let unit = units[rng.below(units.len() as u64) as usize].0.clone();
        let kind = rng.pick(&KINDS);
        let mut a = blank(&unit, &format!("g{n:04}-{kind}"), kind);
        a.public = !rng.chance(10);
        for _ in 0..=rng.below(2) {
            a.categories.push(rng.pick(&CATEGORIES));
        }
        // The lifecycle this agreement is written to reach.
        let planned = rng.below(100);
        let planning = rng.day(long_ago, today - Days::new(30));
        a.stages.push(("planning", planning));
        let mut last = planning;
        let reached = if planned < 25 {
            rng.below(4) as usize
        } else {
            3
        };
        for stage in &STAGES[1..=reached] {
            last = rng.day(last, (last + Days::new(120)).min(today));
            a.stages.push((stage, last));
        }
        if planned < 25 {
            // Not signed; some of them dropped (cancelled), some only
            // planned for later dates.
            if rng.chance(30) {
                a.terminated = Some(rng.day(last, today));
            }
            out.push(a);
            continue;
        }
        let signed = rng.day(last, (last + Days::new(90)).min(today));
        a.signed = Some(signed);
        if rng.chance(10) {
            // Signed, in force only from a later day.
            a.starts = Some(rng.day(today + Days::new(1), today + Days::new(200)));
            a.expires = Some(a.starts.unwrap() + Months::new(24));
        } else {
            let months = rng.pick(&[6u32, 12, 24, 36, 60]);
            a.expires = Some(rng.day(
                signed + Months::new(months),
                signed + Months::new(months + 6),
            ));
            if rng.chance(8) {
                a.terminated = Some(rng.day(signed + Days::new(1), today));
            }
        }
        let from = a.starts.unwrap_or(signed);
        if from <= today {
            for _ in 0..rng.below(4) {
                a.activities.push(rng.day(from, today));
            }
            for _ in 0..rng.below(3) {
                a.evaluations.push(rng.day(from, today));
            }
        }
        a.activities.sort();
        a.evaluations.sort();
        let expired = a.expires.is_some_and(|e| e < today) && a.terminated.is_none();
        let own = out.len();
        out.push(a.clone());
        if expired && rng.chance(50) {
            // A renewal, signed after the old term; some still unsigned.
            let mut renewal = blank(&unit, &format!("g{n:04}-renewal"), kind);
            renewal.public = !rng.chance(10);
            renewal.categories = a.categories.clone();
            renewal.renews = Some(a.id.clone());
            let after = a.expires.unwrap();
            renewal
                .stages
                .push(("planning", rng.day(after - Days::new(60), after)));
            if rng.chance(80) {
                let signed = rng.day(after, today);
                renewal.signed = Some(signed);
                renewal.expires = Some(signed + Months::new(36));
            }
            out.push(renewal);
        }
        if kind == "mou" && out[own].terminated.is_none() && rng.chance(60) {
            // A PKS carrying the MoU out, signed early or late or not yet.
            let mut pks = blank(&unit, &format!("g{n:04}-pks"), "pks");
            pks.public = !rng.chance(15);
            pks.categories = out[own].categories.clone();
            pks.parent = Some(out[own].id.clone());
            pks.stages.push(("planning", signed));
            if rng.chance(75) {
                let pks_signed = rng.day(signed, (signed + Months::new(12)).min(today));
                pks.signed = Some(pks_signed);
                pks.expires = Some(pks_signed + Months::new(12));
                pks.activities
                    .push(rng.day(pks_signed, today.max(pks_signed)));
            }
            out.push(pks);
        }
    }
    out
}

fn blank(unit: &str, name: &str, kind: &'static str) -> Generated {
    Generated {
        unit: unit.to_string(),
        id: if unit.is_empty() {
            name.to_string()
        } else {
            format!("{unit}/{name}")
        },
        kind,
        public: true,
        categories: Vec::new(),
        stages: Vec::new(),
        signed: None,
        starts: None,
        expires: None,
        terminated: None,
        parent: None,
        renews: None,
        activities: Vec::new(),
        evaluations: Vec::new(),
    }
}

impl Generated {
    /// The file name below the unit's folder, without `.md`.
    fn name(&self) -> &str {
        self.id.rsplit('/').next().expect("never empty")
    }

    fn fixture(&self) -> Agreement {
        let name = self.name();
        let mut file = match self.kind {
            "mou" => Agreement::mou(name),
            "pks" => Agreement::pks(name),
            "addendum" => Agreement::addendum(name),
            _ => Agreement::other(name),
        }
        .in_unit(&self.unit);
        if !self.public {
            file = file.private();
        }
        if let Some(parent) = &self.parent {
            file = file.parent(parent);
        }
        if let Some(renews) = &self.renews {
            file = file.renews(renews);
        }
        for (stage, date) in &self.stages {
            file = file.date(stage, &date.to_string());
        }
        let dates = [
            ("signed", self.signed),
            ("starts", self.starts),
            ("expires", self.expires),
            ("terminated", self.terminated),
        ];
        for (key, date) in dates {
            if let Some(date) = date {
                file = file.date(key, &date.to_string());
            }
        }
        for (i, category) in self.categories.iter().enumerate() {
            file = file.partner(&format!("Mitra {} {i}", self.name()), category);
        }
        for date in &self.activities {
            file = file.activity(&date.to_string(), "Kegiatan bersama");
        }
        for date in &self.evaluations {
            file = file.evaluation(&date.to_string(), "on-track");
        }
        file
    }
}

/// A site test holding the generated units and agreements.
pub(crate) fn site(agreements: &[Generated], config: &str, today: &str) -> SiteTest {
    let mut test = SiteTest::new().config(config).today(today);
    for (path, name, level) in units().into_iter().skip(1) {
        test = test.unit(match level {
            "province" => Unit::province(&path, &name),
            _ => Unit::regency(&path, &name),
        });
    }
    for a in agreements {
        test = test.agreement(a.fixture());
    }
    test
}
