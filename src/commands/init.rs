//! `pakta init DIR`: a content-only repository for a new institution, with
//! everything it needs to check and publish on GitHub without compiling
//! anything: settings, the root unit, an example agreement, the schemas,
//! workflows that install a released pakta through the Action, a
//! pull-request template, CODEOWNERS, `.gitignore` and a README for
//! editors. It asks nothing, writes only into a new or empty folder and
//! never replaces a file.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use chrono::Datelike;

use super::{EXIT_FAILURE, EXIT_OK, exit};
use crate::cli::{InitArgs, SiteLanguage};
use crate::codeowners::{CODEOWNERS_FILE, render as render_codeowners};
use crate::console::Console;
use crate::scaffold::{agreement_id, derived_stem, partner_slug, relative_path};
use pakta_content::i18n::{Lang, Texts};
use pakta_content::message::Message;
use pakta_content::schema::json_schema::{SchemaKind, render as render_schema};
use pakta_content::starting_text::{NewAgreementFacts, starting_text};
use pakta_content::{Category, Kind, Stage};
use pakta_load::{CONFIG_FILE, CONTENT_DIR, LoadOptions, UNIT_FILE};
use pakta_model::pipeline::{analyse, today_in};

/// The repository this program is released from: its Action installs it.
const PAKTA_REPOSITORY: &str = "kpu-ri/pakta";

const CHECK_WORKFLOW: &str = include_str!("../init/check.yml");
const PUBLISH_WORKFLOW: &str = include_str!("../init/publish.yml");
const EDITORS_README: &str = include_str!("../init/README.md");
const GITIGNORE: &str = include_str!("../init/gitignore");
/// The same checklist this repository's own pull requests use.
const PULL_REQUEST_TEMPLATE: &str = include_str!("../../.github/pull_request_template.md");

/// The Action reference the workflows use: this release of pakta.
pub(crate) fn default_action() -> String {
    format!("{PAKTA_REPOSITORY}@v{}", env!("CARGO_PKG_VERSION"))
}

pub(crate) fn run(args: &InitArgs, console: &Console) -> ExitCode {
    match init(args, console) {
        Ok(files) => {
            for file in &files {
                println!("{file}");
            }
            console.tell(
                Message::new("init-done")
                    .arg("dir", args.dir.display())
                    .arg("files", files.len()),
            );
            exit(EXIT_OK)
        }
        Err(message) => {
            console.error(message);
            exit(EXIT_FAILURE)
        }
    }
}

fn init(args: &InitArgs, console: &Console) -> Result<Vec<String>, Message> {
    for (flag, value) in [("--title", &args.title), ("--unit-name", &args.unit_name)] {
        if value.trim().is_empty() {
            return Err(Message::new("new-empty-flag").arg("flag", flag));
        }
    }
    let action = args.action.clone().unwrap_or_else(default_action);
    if !is_action_reference(&action) {
        return Err(Message::new("init-invalid-action").arg("value", &action));
    }
    prepare_folder(&args.dir)?;

    let language = match args.language {
        SiteLanguage::Id => "id",
        SiteLanguage::En => "en",
    };
    let site_texts = Texts::default_for(Lang::from_config(language));
    let today = args.today.unwrap_or_else(|| today_in("Asia/Jakarta"));
    let title = args.title.trim();
    let unit_name = args.unit_name.trim();

    let mut files: Vec<(String, String)> = Vec::new();
    files.push((CONFIG_FILE.to_string(), config_text(args, language)));
    files.push((
        format!("{CONTENT_DIR}/{UNIT_FILE}"),
        unit_text(unit_name, args.level.as_str(), console.texts),
    ));
    let example_partner = Message::new("init-example-partner").render(site_texts);
    let example = NewAgreementFacts {
        title: Message::new("init-example-title").render(site_texts),
        kind: Kind::Mou,
        partner: example_partner.clone(),
        category: Category::University,
        unit_name: unit_name.to_string(),
        stage: Stage::Planning,
        date: today,
    };
    let example_id = agreement_id(
        "",
        &derived_stem(today.year(), Kind::Mou, &partner_slug(&example_partner)),
    );
    files.push((
        relative_path(&example_id),
        starting_text(&example, console.texts, site_texts),
    ));
    for kind in SchemaKind::ALL {
        files.push((format!("schemas/{}", kind.file_name()), render_schema(kind)));
    }
    let action_fill = [("action", action.as_str())];
    files.push((
        ".github/workflows/check.yml".into(),
        fill(CHECK_WORKFLOW, &action_fill),
    ));
    files.push((
        ".github/workflows/publish.yml".into(),
        fill(PUBLISH_WORKFLOW, &action_fill),
    ));
    files.push((
        ".github/pull_request_template.md".into(),
        PULL_REQUEST_TEMPLATE.to_string(),
    ));
    files.push((".gitignore".into(), GITIGNORE.to_string()));
    let action_repository = action.split('@').next().unwrap_or(PAKTA_REPOSITORY);
    files.push((
        "README.md".into(),
        fill(
            EDITORS_README,
            &[
                ("title", title),
                ("unit", unit_name),
                ("repository", action_repository),
            ],
        ),
    ));
    files.push(("files/.gitkeep".into(), String::new()));

    for (path, text) in &files {
        write_new(&args.dir, path, text)?;
    }

    // CODEOWNERS exactly as `pakta codeowners` writes it, so that the
    // check workflow's `pakta codeowners --check` passes from the start.
    let analysis =
        analyse(&args.dir, Some(today), LoadOptions { bodies: false }).map_err(|e| e.message())?;
    let codeowners = render_codeowners(&analysis.model.units);
    write_new(&args.dir, CODEOWNERS_FILE, &codeowners)?;

    let mut written: Vec<String> = files.into_iter().map(|(path, _)| path).collect();
    written.push(CODEOWNERS_FILE.to_string());
    written.sort();
    Ok(written)
}

/// Creates `dir`, or accepts it when it exists and is empty: an existing
/// repository (even one holding only `.git`) is never written into.
fn prepare_folder(dir: &Path) -> Result<(), Message> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Message::new("init-not-empty").arg("dir", dir.display()));
            }
            Ok(())
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(dir)
            .map_err(|e| {
                Message::new("cannot-create")
                    .arg("path", dir.display())
                    .arg("detail", e)
            }),
        Err(error) => Err(if dir.exists() && !dir.is_dir() {
            Message::new("init-not-a-folder").arg("dir", dir.display())
        } else {
            Message::new("cannot-create")
                .arg("path", dir.display())
                .arg("detail", error)
        }),
    }
}

fn write_new(dir: &Path, path: &str, text: &str) -> Result<(), Message> {
    let target = dir.join(path);
    let cannot = |error: std::io::Error| {
        Message::new("cannot-write")
            .arg("path", path)
            .arg("detail", error)
    };
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(cannot)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .map_err(cannot)?;
    file.write_all(text.as_bytes()).map_err(cannot)
}

fn config_text(args: &InitArgs, language: &str) -> String {
    let mut out = String::from("#:schema ./schemas/pakta.schema.json\n[site]\n");
    let _ = writeln!(out, "title = {}", toml_string(args.title.trim()));
    let _ = writeln!(out, "base_url = {}", toml_string(args.base_url.trim()));
    let _ = writeln!(out, "language = \"{language}\"");
    out.push_str("timezone = \"Asia/Jakarta\"\n");
    if let Some(repository) = &args.repository {
        let _ = writeln!(out, "repository = {}", toml_string(repository.trim()));
    }
    out
}

fn unit_text(name: &str, level: &str, hints: &Texts) -> String {
    let mut out = String::from("#:schema ../schemas/unit.schema.json\n");
    let _ = writeln!(out, "name = {}", toml_string(name));
    let _ = writeln!(out, "level = \"{level}\"");
    let _ = writeln!(
        out,
        "# reviewers = [\"@organisasi/tim-kerja-sama\"]  # {}",
        Message::new("init-hint-reviewers").render(hints)
    );
    out
}

/// `owner/repo@ref` (or `owner/repo/path@ref`), as `uses:` takes it.
fn is_action_reference(reference: &str) -> bool {
    let Some((path, git_ref)) = reference.split_once('@') else {
        return false;
    };
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    let parts: Vec<&str> = path.split('/').collect();
    parts.len() >= 2 && parts.iter().all(|p| plain(p)) && plain(git_ref)
}

/// Replaces each `{name}` of `template` with its value, in one pass, so
/// that a value holding braces is written as it is.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            values
                .iter()
                .find(|(name, _)| *name == &after[..close])
                .map(|(name, value)| (name.len(), *value))
        });
        match value {
            Some((length, value)) => {
                out.push_str(value);
                rest = &after[length + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_filled_once_and_workflow_expressions_kept() {
        assert_eq!(
            fill(
                "a {title} b ${{ github.sha }} {other}",
                &[("title", "{title} x")]
            ),
            "a {title} x b ${{ github.sha }} {other}"
        );
        let check = fill(CHECK_WORKFLOW, &[("action", "o/r@v1")]);
        assert!(check.contains("uses: o/r@v1\n"));
        assert!(check.contains("${{ github.event.pull_request.base.sha }}"));
    }

    #[test]
    fn action_references_are_owner_repo_at_ref() {
        assert!(is_action_reference(&default_action()));
        assert!(is_action_reference("org/pakta/sub@main"));
        for bad in [
            "org/pakta",
            "pakta@v1",
            "org/pakta@",
            "org/pak ta@v1",
            "o/r@v1\nx",
        ] {
            assert!(!is_action_reference(bad), "{bad}");
        }
    }
}
