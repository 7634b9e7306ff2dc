//! What the terminal is told about the repository's problems: all of them
//! after the first build, then only what an edit changed. A national
//! repository can carry thousands of warnings; printing them all after
//! every keystroke would bury the one the edit just made.

use std::collections::BTreeMap;

use pakta_content::diagnostics::{Diagnostic, Severity, render_human};
use pakta_content::i18n::Texts;
use pakta_content::message::Message;

/// How many fixed problems are named one by one; the rest are counted.
const MAX_FIXED_LINES: usize = 20;

/// A problem as the editor recognises it across edits: its file, kind
/// and message, not its line, which moves when lines above it change.
/// The message is compared unrendered: a national repository's
/// thousands of warnings would otherwise be put into sentences after
/// every edit, to print a few.
type Identity = (String, Severity, &'static str, Message);

/// The problems the terminal was last told about, with how many of each.
#[derive(Default)]
pub(crate) struct Reported {
    last: Option<BTreeMap<Identity, usize>>,
}

impl Reported {
    /// What to print about `current`, the problems of the latest build,
    /// and remembers them for the next build.
    pub(crate) fn update(&mut self, current: &[Diagnostic], color: bool, texts: &Texts) -> String {
        let identities: Vec<Identity> = current.iter().map(identity).collect();
        let mut counts: BTreeMap<Identity, usize> = BTreeMap::new();
        for id in &identities {
            *counts.entry(id.clone()).or_default() += 1;
        }
        let Some(last) = self.last.take() else {
            self.last = Some(counts);
            return render_human(current, color, texts);
        };

        // New: the occurrences of an identity beyond how many there were.
        let mut seen: BTreeMap<&Identity, usize> = BTreeMap::new();
        let new: Vec<Diagnostic> = current
            .iter()
            .zip(&identities)
            .filter(|(_, id)| {
                let n = seen.entry(id).or_default();
                *n += 1;
                *n > last.get(*id).copied().unwrap_or(0)
            })
            .map(|(d, _)| d.clone())
            .collect();
        let fixed: Vec<(&Identity, usize)> = last
            .iter()
            .filter_map(|(id, &before)| {
                let now = counts.get(id).copied().unwrap_or(0);
                (before > now).then(|| (id, before - now))
            })
            .collect();

        let mut out = render_human(&new, color, texts);
        let fixed_total: usize = fixed.iter().map(|(_, n)| n).sum();
        for ((file, _, _, message), n) in fixed.iter().take(MAX_FIXED_LINES) {
            let line = Message::new("serve-problem-fixed")
                .arg("file", file)
                .nested("message", message.clone())
                .arg("count", n);
            out.push_str(&line.render(texts));
            out.push('\n');
        }
        let named: usize = fixed.iter().take(MAX_FIXED_LINES).map(|(_, n)| n).sum();
        if fixed_total > named {
            let more = Message::new("serve-problems-fixed-more").arg("count", fixed_total - named);
            out.push_str(&more.render(texts));
            out.push('\n');
        }
        let unchanged = current.len() - new.len();
        if unchanged > 0 {
            let rest = Message::new("serve-problems-unchanged").arg("count", unchanged);
            out.push_str(&rest.render(texts));
            out.push('\n');
        }
        self.last = Some(counts);
        out
    }
}

fn identity(d: &Diagnostic) -> Identity {
    (d.file.clone(), d.severity, d.code, d.message.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use pakta_content::i18n::Lang;

    fn warning(file: &str, line: u32, code: &'static str) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            file: file.into(),
            line,
            column: 1,
            code,
            message: Message::new("unknown-field")
                .arg("key", code)
                .nested("table", Message::new("table-front-matter")),
            help: None,
            excerpt: None,
        }
    }

    fn texts() -> &'static Texts {
        Texts::default_for(Lang::En)
    }

    #[test]
    fn the_first_build_prints_every_problem_then_only_what_changed() {
        let mut reported = Reported::default();
        let first = [warning("a.md", 3, "one"), warning("b.md", 5, "two")];
        let all = reported.update(&first, false, texts());
        assert!(
            all.contains("a.md:3:1") && all.contains("b.md:5:1"),
            "{all}"
        );

        // b.md's problem moved two lines down and a.md's was fixed; c.md
        // has a new one.
        let second = [warning("b.md", 7, "two"), warning("c.md", 1, "three")];
        let changes = reported.update(&second, false, texts());
        assert!(
            changes.contains("c.md:1:1"),
            "the new problem in full:\n{changes}"
        );
        assert!(
            !changes.contains("b.md"),
            "an unchanged problem is not repeated:\n{changes}"
        );
        assert!(changes.contains("Fixed in a.md"), "{changes}");
        assert!(
            changes.contains("Unchanged since the last build: 1 "),
            "{changes}"
        );

        let same = reported.update(&second, false, texts());
        assert!(!same.contains("c.md"), "{same}");
        assert!(
            same.contains("Unchanged since the last build: 2 "),
            "{same}"
        );
    }

    #[test]
    fn a_second_occurrence_of_the_same_problem_is_new() {
        let mut reported = Reported::default();
        reported.update(&[warning("a.md", 3, "one")], false, texts());
        let changes = reported.update(
            &[warning("a.md", 3, "one"), warning("a.md", 9, "one")],
            false,
            texts(),
        );
        assert!(changes.contains("a.md:9:1"), "{changes}");
        assert!(!changes.contains("a.md:3:1"), "{changes}");
    }

    #[test]
    fn many_fixed_problems_are_counted_after_the_first_ones() {
        let mut reported = Reported::default();
        let many: Vec<Diagnostic> = (0..50)
            .map(|i| warning(&format!("f{i:02}.md"), 1, "one"))
            .collect();
        reported.update(&many, false, texts());
        let changes = reported.update(&[], false, texts());
        assert_eq!(
            changes.matches("Fixed in").count(),
            MAX_FIXED_LINES,
            "{changes}"
        );
        assert!(changes.contains("Fixed: 30 more"), "{changes}");
    }
}
