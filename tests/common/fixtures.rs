//! Typed builders for fixture content: agreements and units written as the
//! files an editor would write, so that a test says what it sets up
//! (`Agreement::mou("2026-mou-x").partner(..).signed(..)`) instead of
//! carrying TOML text.

/// A TOML basic string; JSON's escapes are all valid TOML.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialise")
}

/// One agreement file under `agreements/<unit>/<id>.md`.
#[derive(Clone)]
pub(crate) struct Agreement {
    id: String,
    unit: String,
    kind: &'static str,
    title: String,
    lines: Vec<String>,
    dates: Vec<String>,
    tables: Vec<String>,
    body: String,
}

impl Agreement {
    pub(crate) fn mou(id: &str) -> Agreement {
        Agreement::new(id, "mou", "Nota Kesepahaman")
    }

    pub(crate) fn pks(id: &str) -> Agreement {
        Agreement::new(id, "pks", "Perjanjian Kerja Sama")
    }

    pub(crate) fn addendum(id: &str) -> Agreement {
        Agreement::new(id, "addendum", "Adendum")
    }

    pub(crate) fn other(id: &str) -> Agreement {
        Agreement::new(id, "other", "Perjanjian")
    }

    fn new(id: &str, kind: &'static str, title: &str) -> Agreement {
        Agreement {
            id: id.to_string(),
            unit: String::new(),
            kind,
            title: format!("{title} {id}"),
            lines: Vec::new(),
            dates: Vec::new(),
            tables: Vec::new(),
            body: String::new(),
        }
    }

    /// The unit folder below `agreements/` ("" is the root unit).
    pub(crate) fn in_unit(mut self, unit: &str) -> Self {
        self.unit = unit.to_string();
        self
    }

    pub(crate) fn title(mut self, title: &str) -> Self {
        self.title = title.to_string();
        self
    }

    /// Any other top-level key, its value written as TOML (`"\"x\""`, `true`).
    pub(crate) fn field(mut self, key: &str, toml_value: &str) -> Self {
        self.lines.push(format!("{key} = {toml_value}"));
        self
    }

    pub(crate) fn number(self, number: &str) -> Self {
        self.field("number", &quoted(number))
    }

    pub(crate) fn summary(self, summary: &str) -> Self {
        self.field("summary", &quoted(summary))
    }

    pub(crate) fn topics(self, topics: &[&str]) -> Self {
        let list: Vec<String> = topics.iter().map(|t| quoted(t)).collect();
        self.field("topics", &format!("[{}]", list.join(", ")))
    }

    pub(crate) fn parent(self, id: &str) -> Self {
        self.field("parent", &quoted(id))
    }

    pub(crate) fn renews(self, id: &str) -> Self {
        self.field("renews", &quoted(id))
    }

    pub(crate) fn amends(self, id: &str) -> Self {
        self.field("amends", &quoted(id))
    }

    pub(crate) fn private(self) -> Self {
        self.field("public", "false")
    }

    /// A key of `[dates]`, e.g. `date("negotiation", "2025-02-01")`.
    pub(crate) fn date(mut self, key: &str, date: &str) -> Self {
        self.dates.push(format!("{key} = {date}"));
        self
    }

    pub(crate) fn planning(self, date: &str) -> Self {
        self.date("planning", date)
    }

    pub(crate) fn signed(self, date: &str) -> Self {
        self.date("signed", date)
    }

    pub(crate) fn expires(self, date: &str) -> Self {
        self.date("expires", date)
    }

    pub(crate) fn terminated(self, date: &str) -> Self {
        self.date("terminated", date)
    }

    pub(crate) fn duration_months(self, months: u32) -> Self {
        self.date("duration_months", &months.to_string())
    }

    pub(crate) fn partner(self, name: &str, category: &str) -> Self {
        self.table(
            "partners",
            &[("name", &quoted(name)), ("category", &quoted(category))],
        )
    }

    pub(crate) fn activity(self, date: &str, title: &str) -> Self {
        self.table("activities", &[("date", date), ("title", &quoted(title))])
    }

    pub(crate) fn evaluation(self, date: &str, result: &str) -> Self {
        self.table(
            "evaluations",
            &[("date", date), ("result", &quoted(result))],
        )
    }

    pub(crate) fn document_url(self, title: &str, url: &str) -> Self {
        self.table(
            "documents",
            &[("title", &quoted(title)), ("url", &quoted(url))],
        )
    }

    /// A document kept in the repository; write the file with `SiteTest::file`.
    pub(crate) fn document_file(self, title: &str, path: &str) -> Self {
        self.table(
            "documents",
            &[("title", &quoted(title)), ("file", &quoted(path))],
        )
    }

    /// An entry of an array of tables (`[[name]]`), values written as TOML.
    pub(crate) fn table(mut self, name: &str, entries: &[(&str, &str)]) -> Self {
        let mut text = format!("[[{name}]]\n");
        for (key, value) in entries {
            text.push_str(&format!("{key} = {value}\n"));
        }
        self.tables.push(text);
        self
    }

    pub(crate) fn body(mut self, markdown: &str) -> Self {
        self.body = markdown.to_string();
        self
    }

    pub(crate) fn path(&self) -> String {
        if self.unit.is_empty() {
            format!("agreements/{}.md", self.id)
        } else {
            format!("agreements/{}/{}.md", self.unit, self.id)
        }
    }

    pub(crate) fn to_markdown(&self) -> String {
        let mut text = format!(
            "+++\ntitle = {}\nkind = \"{}\"\n",
            quoted(&self.title),
            self.kind
        );
        for line in &self.lines {
            text.push_str(line);
            text.push('\n');
        }
        text.push_str("\n[dates]\n");
        for line in &self.dates {
            text.push_str(line);
            text.push('\n');
        }
        for table in &self.tables {
            text.push('\n');
            text.push_str(table);
        }
        text.push_str("+++\n\n");
        text.push_str(&self.body);
        text
    }
}

/// One `_unit.toml` under `agreements/<path>/`.
#[derive(Clone)]
pub(crate) struct Unit {
    path: String,
    name: String,
    level: &'static str,
    reviewers: Vec<String>,
}

impl Unit {
    pub(crate) fn national(name: &str) -> Unit {
        Unit::new("", name, "national")
    }

    pub(crate) fn province(path: &str, name: &str) -> Unit {
        Unit::new(path, name, "province")
    }

    pub(crate) fn regency(path: &str, name: &str) -> Unit {
        Unit::new(path, name, "regency")
    }

    pub(crate) fn city(path: &str, name: &str) -> Unit {
        Unit::new(path, name, "city")
    }

    fn new(path: &str, name: &str, level: &'static str) -> Unit {
        Unit {
            path: path.to_string(),
            name: name.to_string(),
            level,
            reviewers: Vec::new(),
        }
    }

    pub(crate) fn reviewers(mut self, reviewers: &[&str]) -> Self {
        self.reviewers = reviewers.iter().map(|r| r.to_string()).collect();
        self
    }

    pub(crate) fn path(&self) -> String {
        if self.path.is_empty() {
            "agreements/_unit.toml".to_string()
        } else {
            format!("agreements/{}/_unit.toml", self.path)
        }
    }

    pub(crate) fn to_toml(&self) -> String {
        let reviewers: Vec<&str> = self.reviewers.iter().map(String::as_str).collect();
        super::unit(&self.name, self.level, &reviewers)
    }
}
