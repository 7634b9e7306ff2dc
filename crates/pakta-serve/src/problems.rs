//! What the terminal is told about the repository's problems: all of them
//! after the first build, then only what an edit changed. A national
//! repository can carry thousands of warnings; printing them all after
//! every keystroke would bury the one the edit just made.

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

/// An [`Identity`] borrowed from a build's problems, ordered as the
/// identity it stands for.
type IdentityRef<'a> = (&'a str, Severity, &'static str, &'a Message);

fn borrowed(identity: &Identity) -> IdentityRef<'_> {
    (&identity.0, identity.1, identity.2, &identity.3)
}

fn identity_of(d: &Diagnostic) -> IdentityRef<'_> {
    (&d.file, d.severity, d.code, &d.message)
}

/// The problems the terminal was last told about: each identity once,
/// sorted, with how many times it occurred.
#[derive(Default)]
pub(crate) struct Reported {
    last: Option<Vec<(Identity, usize)>>,
}

impl Reported {
    /// What to print about `current`, the problems of the latest build,
    /// and remembers them for the next build.
    ///
    /// The identities are sorted and walked beside the last build's, so
    /// that an edit copies only the identities it made new: after every
    /// keystroke, a national repository's thousands of unchanged warnings
    /// cost a comparison each, not a copy.
    pub(crate) fn update(&mut self, current: &[Diagnostic], color: bool, texts: &Texts) -> String {
        // Each identity's occurrences stay in the order of `current`.
        let mut order: Vec<(IdentityRef<'_>, usize)> = current
            .iter()
            .enumerate()
            .map(|(at, d)| (identity_of(d), at))
            .collect();
        order.sort_unstable();
        let groups: Vec<&[(IdentityRef<'_>, usize)]> = order.chunk_by(|a, b| a.0 == b.0).collect();
        let Some(last) = self.last.take() else {
            self.last = Some(
                groups
                    .iter()
                    .map(|group| (owned(group[0].0), group.len()))
                    .collect(),
            );
            return render_human(current, color, texts);
        };

        let mut is_new = vec![false; current.len()];
        let mut fixed: Vec<(Identity, usize)> = Vec::new();
        let mut remembered: Vec<(Identity, usize)> = Vec::with_capacity(groups.len());
        let mut before = last.into_iter().peekable();
        for group in &groups {
            let identity = group[0].0;
            // The last build's identities that sort first are gone.
            while let Some(gone) = before.next_if(|(id, _)| borrowed(id) < identity) {
                fixed.push(gone);
            }
            let (kept, had) = match before.next_if(|(id, _)| borrowed(id) == identity) {
                Some((id, had)) => (id, had),
                None => (owned(identity), 0),
            };
            // New: the occurrences of an identity beyond how many there were.
            for &(_, at) in group.iter().skip(had) {
                is_new[at] = true;
            }
            if had > group.len() {
                fixed.push((kept.clone(), had - group.len()));
            }
            remembered.push((kept, group.len()));
        }
        fixed.extend(before);
        let new: Vec<Diagnostic> = current
            .iter()
            .zip(&is_new)
            .filter(|(_, new)| **new)
            .map(|(d, _)| d.clone())
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
        self.last = Some(remembered);
        out
    }
}

fn owned(identity: IdentityRef<'_>) -> Identity {
    (
        identity.0.to_string(),
        identity.1,
        identity.2,
        identity.3.clone(),
    )
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
    fn one_of_two_occurrences_fixed_is_counted_and_the_rest_kept() {
        let mut reported = Reported::default();
        let first = [
            warning("a.md", 3, "one"),
            warning("b.md", 1, "two"),
            warning("a.md", 9, "one"),
            warning("c.md", 2, "three"),
        ];
        reported.update(&first, false, texts());
        // One of a.md's two is fixed, c.md's is gone, d.md's is new and
        // b.md's moved.
        let second = [
            warning("d.md", 4, "four"),
            warning("b.md", 2, "two"),
            warning("a.md", 5, "one"),
        ];
        let changes = reported.update(&second, false, texts());
        assert!(changes.contains("d.md:4:1"), "{changes}");
        assert!(!changes.contains("a.md:5:1"), "{changes}");
        assert!(!changes.contains("b.md:2:1"), "{changes}");
        assert_eq!(changes.matches("Fixed in").count(), 2, "{changes}");
        let a_fixed = changes.find("Fixed in a.md").expect("a.md's fixed line");
        let c_fixed = changes.find("Fixed in c.md").expect("c.md's fixed line");
        assert!(a_fixed < c_fixed, "in the identities' order:\n{changes}");
        assert!(
            changes.contains("Unchanged since the last build: 2 "),
            "{changes}"
        );

        // The remembered counts are the second build's: a.md's second
        // occurrence coming back is new again.
        let third = [
            warning("a.md", 5, "one"),
            warning("a.md", 8, "one"),
            warning("b.md", 2, "two"),
            warning("d.md", 4, "four"),
        ];
        let changes = reported.update(&third, false, texts());
        assert!(changes.contains("a.md:8:1"), "{changes}");
        assert!(!changes.contains("Fixed in"), "{changes}");
        assert!(
            changes.contains("Unchanged since the last build: 3 "),
            "{changes}"
        );
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
