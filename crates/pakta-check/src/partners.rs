//! The partner register (`partners/<key>.toml`): every name, acronym and
//! alias belongs to one partner, `parent` names a registered partner
//! without going round in a circle, and an agreement naming a partner
//! almost as registered is told the registered spelling.

use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeMap;

use pakta_content::diagnostics::{Diagnostic, Diagnostics, Severity, Spanned, nearest};
use pakta_content::message::Message;
use pakta_content::slug::match_key;
use pakta_content::{AgreementSource, PartnerSource};
use pakta_load::Sources;

/// How many letters an unregistered name may differ from a registered
/// one to be taken for it: a typo or two, a letter per ten, at most four.
/// Similarity as a ratio would not do: long names of different
/// organisations share most of their words ("Fakultas Ilmu Sosial dan Ilmu
/// Politik, Universitas ...").
fn close_enough(distance: usize, chars: usize) -> bool {
    distance <= (chars / 10).clamp(2, 4)
}

/// Whether two matching keys read as one name with a typo rather than
/// two organisations. Besides few letters in all, each word that differs
/// must be a misspelling of its counterpart: regional offices differ by a
/// whole place name ("Dinas Kesehatan Kabupaten Bone" and "... Blora",
/// "... Sulawesi Utara" and "... Sulawesi Barat") or a number ("Madrasah
/// Aliyah Negeri 2" and "... 4"), a few letters apart but never a typo.
fn typo_of(key: &str, chars: usize, registered: &str, distance: usize) -> bool {
    if !close_enough(distance, chars) {
        return false;
    }
    let (words, registered_words): (Vec<&str>, Vec<&str>) = (
        key.split_whitespace().collect(),
        registered.split_whitespace().collect(),
    );
    if words.len() != registered_words.len() {
        // A space typed or left out: the same letters, split differently.
        return words.concat() == registered_words.concat();
    }
    words
        .iter()
        .zip(&registered_words)
        .all(|(a, b)| a == b || misspelt_word(a, b))
}

/// A word typed with a letter or two wrong: at most one edit per four
/// letters, and never a different number.
fn misspelt_word(a: &str, b: &str) -> bool {
    if a.chars().any(|c| c.is_ascii_digit()) || b.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let shorter = a.chars().count().min(b.chars().count());
    strsim::levenshtein(a, b) <= (shorter / 4).max(1)
}

/// Names shorter than this (as matching keys) are too short to compare:
/// "KPU" and "BPS" are one letter apart and unrelated.
const MIN_COMPARED_CHARS: usize = 6;

pub(crate) fn check(sources: &Sources, out: &mut Diagnostics) {
    let partners = &sources.partners;
    if partners.is_empty() {
        return;
    }
    let owners = unique_names(partners, out);
    parents(partners, out);
    close_names(&sources.agreements, partners, &owners, out);
}

/// Each name's matching key, owned by the first partner (in key order)
/// that writes it; a second partner writing it is an error, since an
/// agreement naming it could mean either.
fn unique_names<'a>(
    partners: &'a [PartnerSource],
    out: &mut Diagnostics,
) -> BTreeMap<String, &'a PartnerSource> {
    let mut owners: BTreeMap<String, &PartnerSource> = BTreeMap::new();
    for partner in partners {
        for name in partner.names() {
            let key = match_key(name.value);
            if key.is_empty() {
                continue;
            }
            match owners.get(&key) {
                Some(owner) if owner.key != partner.key => {
                    out.push(error_at(
                        partner,
                        &name,
                        "duplicate-partner-name",
                        Message::new("duplicate-partner-name")
                            .arg("name", name.value)
                            .arg("owner", &owner.key)
                            .arg("file", &owner.source.path),
                        Message::new("duplicate-partner-name.help"),
                    ));
                }
                Some(_) => {}
                None => {
                    owners.insert(key, partner);
                }
            }
        }
    }
    owners
}

fn parents(partners: &[PartnerSource], out: &mut Diagnostics) {
    let by_key: BTreeMap<&str, &PartnerSource> =
        partners.iter().map(|p| (p.key.as_str(), p)).collect();
    let parent_of =
        |key: &str| -> Option<&str> { by_key.get(key)?.parent.as_ref().map(|p| p.value.as_str()) };
    for partner in partners {
        let Some(parent) = &partner.parent else {
            continue;
        };
        if !by_key.contains_key(parent.value.as_str()) {
            let mut diagnostic = Diagnostic::error(
                &partner.source,
                parent.span.clone(),
                "unknown-partner",
                Message::new("unknown-partner").arg("value", &parent.value),
            );
            diagnostic = match nearest(&parent.value, by_key.keys().copied()) {
                Some(guess) => {
                    diagnostic.with_help(Message::new("did-you-mean").arg("guess", guess))
                }
                None => diagnostic.with_help(Message::new("unknown-partner.help")),
            };
            out.push(diagnostic);
            continue;
        }
        let start = partner.key.as_str();
        let mut chain = vec![start];
        let mut current = start;
        while let Some(next) = parent_of(current) {
            if next == start {
                chain.push(start);
                out.push(
                    Diagnostic::error(
                        &partner.source,
                        parent.span.clone(),
                        "partner-cycle",
                        Message::new("partner-cycle").arg("chain", chain.join(" -> ")),
                    )
                    .with_help(Message::new("partner-cycle.help")),
                );
                break;
            }
            if chain.contains(&next) || !by_key.contains_key(next) {
                break;
            }
            chain.push(next);
            current = next;
        }
    }
}

/// Warns on an agreement's partner name that matches no registered name
/// but is nearly one of them, so one organisation does not end up with
/// two pages because of a typo.
fn close_names(
    agreements: &[AgreementSource],
    partners: &[PartnerSource],
    owners: &BTreeMap<String, &PartnerSource>,
    out: &mut Diagnostics,
) {
    // Names and aliases only: acronyms are too short to compare.
    let registered: Vec<Registered> = partners
        .iter()
        .flat_map(|p| {
            std::iter::once(&p.name)
                .chain(&p.aliases)
                .filter(|n| !n.value.is_empty())
                .map(move |n| Registered::new(match_key(&n.value), p, n.value.as_str()))
        })
        .filter(|r| r.letters.chars >= MIN_COMPARED_CHARS)
        .collect();
    let mut registered = registered;
    registered.sort_by_key(|r| r.letters.chars);
    // A national repository names the same partners thousands of times:
    // each distinct name is compared once.
    let mut verdicts: HashMap<String, Option<(&PartnerSource, &str)>> = HashMap::new();
    for agreement in agreements {
        let Some(front) = &agreement.front else {
            continue;
        };
        for partner in &front.partners {
            let key = match_key(&partner.name);
            let verdict = match verdicts.get(&key) {
                Some(verdict) => *verdict,
                None => {
                    let verdict = if owners.contains_key(&key) {
                        None
                    } else {
                        closest_registered(&key, &registered)
                    };
                    verdicts.insert(key, verdict);
                    verdict
                }
            };
            let Some((registered_partner, registered_name)) = verdict else {
                continue;
            };
            out.push(
                Diagnostic::warning(
                    &agreement.source,
                    partner.name_span.clone(),
                    "partner-name-close",
                    Message::new("partner-name-close")
                        .arg("name", &partner.name)
                        .arg("registered", registered_name)
                        .arg("file", &registered_partner.source.path),
                )
                .with_help(
                    Message::new("partner-name-close.help")
                        .arg("official", &registered_partner.name.value)
                        .arg("name", &partner.name)
                        .arg("file", &registered_partner.source.path),
                ),
            );
        }
    }
}

/// A registered name or alias as compared with agreements' partner names.
struct Registered<'a> {
    key: String,
    letters: Letters,
    partner: &'a PartnerSource,
    name: &'a str,
}

impl<'a> Registered<'a> {
    fn new(key: String, partner: &'a PartnerSource, name: &'a str) -> Self {
        Registered {
            letters: Letters::of(&key),
            key,
            partner,
            name,
        }
    }
}

/// How many of each character a matching key holds, in 64 buckets (other
/// scripts share buckets): comparing two counts gives a lower bound of the
/// edit distance for a fraction of its cost, so the full distance is
/// computed only for names that could be close.
struct Letters {
    counts: [u16; 64],
    chars: usize,
}

impl Letters {
    fn of(key: &str) -> Letters {
        let mut counts = [0u16; 64];
        let mut chars = 0;
        for c in key.chars() {
            let bucket = match c {
                'a'..='z' => c as usize - 'a' as usize,
                '0'..='9' => 26 + (c as usize - '0' as usize),
                ' ' => 36,
                _ => 37 + (c as usize % 27),
            };
            counts[bucket] = counts[bucket].saturating_add(1);
            chars += 1;
        }
        Letters { counts, chars }
    }

    /// At most the edit distance: each edit adds, removes or replaces
    /// one character, changing each direction's surplus by at most one.
    fn distance_at_least(&self, other: &Letters) -> usize {
        let (mut more, mut fewer) = (0usize, 0usize);
        for (a, b) in self.counts.iter().zip(&other.counts) {
            match a.cmp(b) {
                std::cmp::Ordering::Greater => more += usize::from(a - b),
                std::cmp::Ordering::Less => fewer += usize::from(b - a),
                std::cmp::Ordering::Equal => {}
            }
        }
        more.max(fewer)
    }
}

/// The registered name nearest to an unregistered one, when close enough.
/// `registered` is sorted by length, so only names of a length within the
/// allowed distance are compared at all.
fn closest_registered<'a>(
    key: &str,
    registered: &[Registered<'a>],
) -> Option<(&'a PartnerSource, &'a str)> {
    let letters = Letters::of(key);
    if letters.chars < MIN_COMPARED_CHARS {
        return None;
    }
    let most = (letters.chars / 10).clamp(2, 4);
    let from = registered.partition_point(|r| r.letters.chars + most < letters.chars);
    let to = registered.partition_point(|r| r.letters.chars <= letters.chars + most);
    registered[from..to]
        .iter()
        .filter(|r| close_enough(letters.distance_at_least(&r.letters), letters.chars))
        .map(|r| (strsim::levenshtein(key, &r.key), r))
        .filter(|(distance, r)| typo_of(key, letters.chars, &r.key, *distance))
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.name.cmp(b.1.name)))
        .map(|(_, r)| (r.partner, r.name))
}

/// An error at a name; the key, which is the file's name, is placed at
/// the top of the file.
fn error_at(
    partner: &PartnerSource,
    name: &Spanned<&str>,
    code: &'static str,
    message: Message,
    help: Message,
) -> Diagnostic {
    let diagnostic = if name.span.is_empty() {
        Diagnostic::file_level(Severity::Error, &partner.source.path, code, message)
    } else {
        Diagnostic::error(&partner.source, name.span.clone(), code, message)
    };
    diagnostic.with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &str, b: &str) -> bool {
        let (a, b) = (match_key(a), match_key(b));
        typo_of(&a, a.chars().count(), &b, strsim::levenshtein(&a, &b))
    }

    #[test]
    fn the_letter_count_bound_never_exceeds_the_distance() {
        for (a, b) in [
            ("universitas diponegoro", "universitas dipenegoro"),
            ("abc", "cba"),
            ("kpu", "komisi pemilihan umum"),
            ("łódź", "lodz"),
            ("", "abc"),
        ] {
            let bound = Letters::of(a).distance_at_least(&Letters::of(b));
            assert!(bound <= strsim::levenshtein(a, b), "{a} / {b}");
        }
        assert_eq!(Letters::of("abc").distance_at_least(&Letters::of("cba")), 0);
        assert_eq!(
            Letters::of("abcd").distance_at_least(&Letters::of("wxyz")),
            4
        );
    }

    #[test]
    fn typos_are_close_and_other_organisations_are_not() {
        assert!(close("Universitas Dipenegoro", "Universitas Diponegoro"));
        assert!(close("Universitas Diponegor", "Universitas Diponegoro"));
        assert!(!close(
            "Universitas Negeri Semarang",
            "Universitas Negeri Surabaya"
        ));
        assert!(!close(
            "Fakultas Ilmu Sosial dan Ilmu Politik, Universitas Muhammadiyah Ponorogo",
            "Fakultas Ilmu Sosial dan Ilmu Politik, Universitas Diponegoro"
        ));
        assert!(close("Universitas  Dipo negoro", "Universitas Diponegoro"));
        assert!(close("Komisi Informasi Pusat", "Komisi Infromasi Pusat"));
    }

    #[test]
    fn offices_of_other_places_and_numbers_are_not_typos() {
        for (a, b) in [
            (
                "Dinas Kesehatan Kabupaten Bone",
                "Dinas Kesehatan Kabupaten Blora",
            ),
            (
                "Dinas Komunikasi dan Informatika Provinsi Sulawesi Utara",
                "Dinas Komunikasi dan Informatika Provinsi Sulawesi Barat",
            ),
            (
                "Lembaga Penyiaran Publik TVRI Stasiun Sulawesi Tenggara",
                "Lembaga Penyiaran Publik TVRI Stasiun Sulawesi Tengah",
            ),
            (
                "Madrasah Aliyah Negeri 2 Flores Timur",
                "Madrasah Aliyah Negeri 4 Flores Timur",
            ),
            (
                "Pimpinan Daerah Muhammadiyah Kupang",
                "Pimpinan Daerah Muhammadiyah Batang",
            ),
            ("Universitas Semarang", "Universitas Negeri Semarang"),
        ] {
            assert!(!close(a, b), "{a} / {b}");
        }
    }
}
