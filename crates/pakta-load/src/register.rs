//! Reads the partner register: one `partners/<key>.toml` per organisation.
//! One file per partner keeps pull requests small and free of conflicts;
//! the file name is the partner's key and its address on the site.

use std::path::Path;

use toml::de::DeTable;

use super::regular_file::{Refusal, read_regular_file};
use super::toml_file::{decode_utf8, toml_syntax_errors};
use pakta_content::diagnostics::{Diagnostic, Diagnostics, Severity, SourceFile, Spanned};
use pakta_content::message::Message;
use pakta_content::schema::{TableReader, spec};
use pakta_content::slug::{is_slug, slugify};
use pakta_content::{Category, PartnerSource};

/// The register's folder, at the repository's root.
pub const PARTNERS_DIR: &str = "partners";

/// Every entry of the register, sorted by key; none when there is no
/// `partners/` folder.
pub(crate) fn load_register(root: &Path, diagnostics: &mut Diagnostics) -> Vec<PartnerSource> {
    let folder = root.join(PARTNERS_DIR);
    let Ok(metadata) = std::fs::symlink_metadata(&folder) else {
        return Vec::new();
    };
    if !metadata.is_dir() {
        diagnostics.push(
            Diagnostic::file_level(
                Severity::Error,
                PARTNERS_DIR,
                "not-a-file",
                Message::new("not-a-file.register").arg("folder", PARTNERS_DIR),
            )
            .with_help(Message::new("not-a-file.register.help").arg("folder", PARTNERS_DIR)),
        );
        return Vec::new();
    }
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(error) => {
            diagnostics.push(Refusal::Unreadable(error.to_string()).diagnostic(PARTNERS_DIR));
            return Vec::new();
        }
    };
    let mut names: Vec<String> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => match entry.file_name().into_string() {
                Ok(name) => names.push(name),
                Err(name) => diagnostics.push(invalid_key(
                    &format!("{PARTNERS_DIR}/{}", name.to_string_lossy()),
                    Message::new("invalid-id.partner-not-utf8"),
                    None,
                )),
            },
            Err(error) => {
                diagnostics.push(Refusal::Unreadable(error.to_string()).diagnostic(PARTNERS_DIR));
            }
        }
    }
    names.sort();
    let mut partners = Vec::new();
    for name in names {
        if name.starts_with('.') {
            continue;
        }
        let rel = format!("{PARTNERS_DIR}/{name}");
        let Some(key) = name.strip_suffix(".toml") else {
            diagnostics.push(
                Diagnostic::file_level(
                    Severity::Warning,
                    &rel,
                    "ignored-file",
                    Message::new("ignored-file.register").arg("name", &name),
                )
                .with_help(Message::new("ignored-file.register.help").arg("folder", PARTNERS_DIR)),
            );
            continue;
        };
        if !is_slug(key) {
            diagnostics.push(invalid_key(
                &rel,
                Message::new("invalid-id.partner-key").arg("key", key),
                Some(slugify(key)),
            ));
            continue;
        }
        let mut bytes = Vec::new();
        match read_regular_file(&folder.join(&name), &mut bytes) {
            Ok(()) => partners.push(parse_partner(key.to_string(), rel, bytes, diagnostics)),
            Err(refusal) => diagnostics.push(refusal.diagnostic(&rel)),
        }
    }
    // By key, not file name: "undip" before "undip-fisip" whatever `.toml`
    // sorts like.
    partners.sort_by(|a, b| a.key.cmp(&b.key));
    partners
}

fn invalid_key(rel: &str, message: Message, suggestion: Option<String>) -> Diagnostic {
    let help = match suggestion.filter(|s| !s.is_empty()) {
        Some(slug) => Message::new("invalid-id.help-rename-to")
            .arg("path", format!("{PARTNERS_DIR}/{slug}.toml")),
        None => Message::new("invalid-id.help-rename"),
    };
    Diagnostic::file_level(Severity::Error, rel, "invalid-id", message).with_help(help)
}

fn parse_partner(
    key: String,
    rel: String,
    bytes: Vec<u8>,
    diagnostics: &mut Diagnostics,
) -> PartnerSource {
    let (source, utf8_ok) = decode_utf8(rel, bytes, diagnostics);
    let mut partner = PartnerSource {
        key,
        name: Spanned::new(String::new(), 0..0),
        acronym: None,
        aliases: Vec::new(),
        parent: None,
        category: None,
        website: None,
        source: SourceFile::new(String::new(), String::new()),
    };
    if utf8_ok {
        let (table, errors) = DeTable::parse_recoverable(&source.text);
        if errors.is_empty() {
            let r = TableReader::check(&source, 0, &spec::REGISTERED_PARTNER, &table, diagnostics);
            if let Some(name) = r.text("name") {
                partner.name = name;
            }
            partner.acronym = r.text("acronym");
            partner.aliases = r.spanned_text_list("aliases");
            partner.parent = r.text("parent");
            partner.category = r.choice::<Category>("category").map(|c| c.value);
            partner.website = r.text("website").map(|w| w.value);
        } else {
            diagnostics.extend(toml_syntax_errors(&source, 0, errors));
        }
    }
    partner.source = source;
    partner
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (PartnerSource, Vec<Diagnostic>) {
        let mut diagnostics = Diagnostics::new();
        let partner = parse_partner(
            "undip".into(),
            "partners/undip.toml".into(),
            text.as_bytes().to_vec(),
            &mut diagnostics,
        );
        (partner, diagnostics.into_sorted())
    }

    #[test]
    fn an_entry_keeps_every_name_with_its_place() {
        let text = "name = \"Universitas Diponegoro\"\nacronym = \"UNDIP\"\naliases = [\"Univ. Diponegoro\"]\ncategory = \"university\"\n";
        let (partner, diagnostics) = parse(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let names: Vec<&str> = partner.names().map(|n| n.value).collect();
        assert_eq!(
            names,
            [
                "undip",
                "Universitas Diponegoro",
                "UNDIP",
                "Univ. Diponegoro"
            ]
        );
        let alias = &partner.aliases[0];
        assert_eq!(&text[alias.span.clone()], "\"Univ. Diponegoro\"");
        assert_eq!(partner.category, Some(Category::University));
    }

    #[test]
    fn unknown_keys_and_bad_values_are_reported() {
        let (partner, diagnostics) = parse("nama = \"X\"\ncategory = \"kampus\"\n");
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
        // `nama` is reported with its rename to `name`, not as a missing
        // `name` as well.
        assert_eq!(codes, ["unknown-field", "invalid-value"]);
        assert!(partner.name.value.is_empty());
        assert_eq!(partner.category, None);
    }
}
