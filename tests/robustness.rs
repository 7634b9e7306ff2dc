//! Nothing panics on any input: mangled copies of every sample file are
//! checked, and each must produce diagnostics rather than a crash.

mod common;

use common::{Repo, TODAY};
use pakta_load::LoadOptions;
use pakta_model::pipeline::analyse;

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

const SPLICES: &[&[u8]] = &[
    b"+++",
    b"\n+++\n",
    b"\"",
    b"[[",
    b"]]",
    b"[dates]",
    b"=",
    b"\xff\xfe",
    b"\n",
    b"0000-00-00",
    b"9999-12-31",
    b"2024-02-30",
    b"-1",
    b"99999999999999999999",
    b"'''",
    b"\"\"\"",
    b"{",
    b"}",
    b"\\u0000",
    b"\r\n",
    b"parent = \"",
    b"renews = \"jawa-tengah\"\n",
    b"[[documents]]\nfile = \"..\"\n",
    b"duration_months = 4294967296\n",
    b"\xe2\x80",
    b"#",
];

fn mangle(original: &[u8], rng: &mut Lcg) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for _ in 0..1 + rng.next(4) {
        let at = rng.next(bytes.len() + 1);
        match rng.next(4) {
            0 => bytes.truncate(at),
            1 => {
                let end = (at + rng.next(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            _ => {
                let splice = SPLICES[rng.next(SPLICES.len())];
                bytes.splice(at..at, splice.iter().copied());
            }
        }
    }
    bytes
}

#[test]
fn mangled_sample_files_give_diagnostics_not_panics() {
    let sample = Repo::sample();
    let mut sources = Vec::new();
    for entry in walkdir::WalkDir::new(sample.path("agreements")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(&sample.root)
                .unwrap()
                .to_path_buf();
            sources.push((rel, std::fs::read(entry.path()).unwrap()));
        }
    }
    let today = TODAY.parse().unwrap();
    let mut rng = Lcg(20261122);
    let mut diagnostics_seen = 0;
    for round in 0..12 {
        let repo = Repo::sample();
        for (rel, bytes) in &sources {
            if rng.next(3) == 0 {
                std::fs::write(repo.root.join(rel), mangle(bytes, &mut rng)).unwrap();
            }
        }
        let result = std::panic::catch_unwind(|| {
            analyse(&repo.root, Some(today), LoadOptions { bodies: true })
        });
        let analysis = result.unwrap_or_else(|_| panic!("round {round} panicked"));
        let analysis = analysis.expect("readable repository");
        diagnostics_seen += analysis.diagnostics.len();
        for d in &analysis.diagnostics {
            assert!(d.line >= 1 && d.column >= 1, "{d:?}");
        }
        // Whatever survived must still be summarisable and exportable.
        let _ = serde_json::to_string(&pakta_model::data::document(&analysis.model)).unwrap();
        for agreement in &analysis.model.agreements {
            let _ = agreement.summary();
        }
    }
    assert!(
        diagnostics_seen > 50,
        "the mangling produced problems to report"
    );
}
