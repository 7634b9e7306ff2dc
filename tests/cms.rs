//! The editing forms (`[cms]`): the Decap CMS configuration `pakta build`
//! writes offers every key and closed list of the content format, with
//! the codes as values and the catalog's Indonesian names; it is valid
//! YAML; the admin page alone loads a script from elsewhere, under its
//! own policy; a broken `[cms]` is reported, located, with every other
//! problem; without `[cms]` nothing is written. The forms working for
//! real, in Chromium, are tests/browser/cms.test.mjs.

mod common;

use std::path::{Path, PathBuf};

use yaml_rust2::{Yaml, YamlLoader};

use common::{Repo, TODAY, stderr};
use pakta_content::closed::{self, ClosedList};
use pakta_content::i18n::{Lang, Texts};
use pakta_content::schema::spec::{self, FieldType, TableSpec};

const REPOSITORY: &str = "repository = \"https://github.com/kpu-ri/kerjasama\"\n";

/// The sample repository on GitHub, with `[cms]` as given.
fn sample_with_cms(cms: &str) -> Repo {
    let repo = Repo::sample();
    let config = repo
        .read("pakta.toml")
        .replacen("[site]\n", &format!("[site]\n{REPOSITORY}"), 1);
    repo.write("pakta.toml", format!("{config}\n[cms]\n{cms}"));
    repo
}

fn build(repo: &Repo) -> PathBuf {
    let out = repo.path("public");
    let built = repo.pakta(&["build", "--today", TODAY, "--out", out.to_str().unwrap()]);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    out
}

fn config(out: &Path) -> Yaml {
    let text = std::fs::read_to_string(out.join("admin/config.yml")).expect("admin/config.yml");
    let mut documents = YamlLoader::load_from_str(&text).expect("the configuration is YAML");
    assert_eq!(documents.len(), 1);
    documents.remove(0)
}

fn text<'a>(yaml: &'a Yaml, key: &str) -> &'a str {
    yaml[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is no text in {yaml:?}"))
}

fn collection<'a>(config: &'a Yaml, name: &str) -> &'a Yaml {
    config["collections"]
        .as_vec()
        .expect("collections")
        .iter()
        .find(|c| c["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no collection {name}"))
}

/// Checks the form's fields against the format's table, recursively;
/// records each closed list met.
fn assert_fields(fields: &Yaml, table: &TableSpec, lists: &mut Vec<&'static str>) {
    let fields = fields.as_vec().expect("fields");
    let names: Vec<&str> = fields.iter().map(|f| text(f, "name")).collect();
    let expected: Vec<&str> = table.field_names().collect();
    assert_eq!(&names[..expected.len()], &expected[..], "{}", table.title);
    let texts = Texts::default_for(Lang::Id);
    for (field, form) in table.fields.iter().zip(fields) {
        let label = text(form, "label");
        assert!(!label.starts_with("cms-"), "{}: no label", field.name);
        assert!(!text(form, "hint").starts_with("cms-"), "{}", field.name);
        // Inside an optional table (a period, evidence) `check` requires,
        // not the form, which would refuse the table left empty.
        if field.required && form["required"].as_bool() != Some(true) {
            assert!(
                std::ptr::eq(table, &spec::PERIOD),
                "{} is required",
                field.name
            );
        }
        match &field.ty {
            FieldType::Choice(list) | FieldType::ChoiceList { choices: list, .. } => {
                assert_eq!(text(form, "widget"), "select", "{}", field.name);
                assert_eq!(
                    form["multiple"].as_bool(),
                    Some(matches!(field.ty, FieldType::ChoiceList { .. })),
                    "{}",
                    field.name
                );
                assert_options(form, list, texts);
                lists.push(list.name);
            }
            FieldType::Date => {
                assert_eq!(text(form, "widget"), "datetime");
                assert_eq!(text(form, "format"), "YYYY-MM-DD");
                assert_eq!(form["time_format"].as_bool(), Some(false));
            }
            FieldType::Table(inner) => {
                assert_eq!(text(form, "widget"), "object");
                assert_fields(&form["fields"], inner, lists);
            }
            FieldType::TableList(inner) => {
                assert_eq!(text(form, "widget"), "list");
                assert_fields(&form["fields"], inner, lists);
            }
            FieldType::Integer { .. } => {
                assert_eq!(text(form, "widget"), "number");
                assert_eq!(text(form, "value_type"), "int");
            }
            FieldType::TextList => assert_eq!(text(form, "widget"), "list"),
            FieldType::Bool => assert_eq!(text(form, "widget"), "boolean"),
            _ => {}
        }
    }
}

/// Every code of the list is an option's value, shown by its Indonesian
/// name.
fn assert_options(form: &Yaml, list: &ClosedList, texts: &Texts) {
    let options = form["options"].as_vec().expect("options");
    let values: Vec<&str> = options.iter().map(|o| text(o, "value")).collect();
    assert_eq!(values, list.codes().collect::<Vec<_>>(), "{}", list.name);
    for option in options {
        let code = text(option, "value");
        let key = list.term_key(code).expect("a named list");
        assert_eq!(text(option, "label"), texts.get(&key).expect("a term"));
    }
}

#[test]
fn the_configuration_offers_every_key_and_closed_list_of_the_format() {
    let repo = sample_with_cms("");
    let config = config(&build(&repo));
    assert_eq!(text(&config["backend"], "name"), "github");
    assert_eq!(text(&config["backend"], "repo"), "kpu-ri/kerjasama");
    assert_eq!(text(&config["backend"], "branch"), "main");
    assert_eq!(text(&config, "publish_mode"), "editorial_workflow");
    assert!(config["local_backend"].is_badvalue(), "only tests add it");

    let mut lists = Vec::new();
    // One collection per unit, in its folder, its uploads in its files/.
    for (name, folder, files) in [
        ("agreements", "agreements", "files"),
        (
            "agreements--jawa-tengah--karanganyar",
            "agreements/jawa-tengah/karanganyar",
            "files/jawa-tengah/karanganyar",
        ),
    ] {
        let agreements = collection(&config, name);
        assert_eq!(text(agreements, "folder"), folder);
        assert_eq!(text(agreements, "format"), "toml-frontmatter");
        assert_eq!(text(agreements, "extension"), "md");
        assert_eq!(text(agreements, "media_folder"), format!("/{files}"));
        assert_eq!(text(agreements, "public_folder"), files);
        assert_fields(&agreements["fields"], &spec::AGREEMENT, &mut lists);
        let fields = agreements["fields"].as_vec().unwrap();
        assert_eq!(
            fields.len(),
            spec::AGREEMENT.fields.len() + 1,
            "the keys and the text"
        );
        assert_eq!(text(fields.last().unwrap(), "widget"), "markdown");
    }
    let units = std::fs::read_dir(repo.path("agreements"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    let collections = config["collections"].as_vec().unwrap().len();
    assert!(collections > units + 1);
    // The units' collections share one list of fields, by a YAML alias.
    let written = std::fs::read_to_string(repo.path("public/admin/config.yml")).unwrap();
    assert_eq!(written.matches("&agreement-fields").count(), 1);
    assert_eq!(
        written.matches("*agreement-fields").count(),
        collections - 2
    );

    // Partner names are chosen from the register, itself a collection.
    let register = collection(&config, "partners");
    assert_eq!(text(register, "folder"), "partners");
    assert_eq!(text(register, "format"), "toml");
    assert_fields(&register["fields"], &spec::REGISTERED_PARTNER, &mut lists);
    let agreements = collection(&config, "agreements");
    let partners = agreements["fields"]
        .as_vec()
        .unwrap()
        .iter()
        .find(|f| text(f, "name") == "partners")
        .unwrap();
    let name = &partners["fields"][0];
    assert_eq!(text(name, "widget"), "relation");
    assert_eq!(text(name, "collection"), "partners");
    assert_eq!(text(name, "value_field"), "name");

    // Every closed list of an agreement or a register entry is a select;
    // the stages are the date keys; the rest belong to other files.
    let dates: Vec<&str> = spec::DATES.field_names().collect();
    assert!(closed::STAGES.codes().all(|stage| dates.contains(&stage)));
    let elsewhere = [
        closed::LEVELS.name,
        closed::STAGES.name,
        closed::LANGUAGES.name,
        closed::TIME_ZONES.name,
        closed::LICENSES.name,
    ];
    for list in closed::LISTS {
        assert_eq!(
            lists.contains(&list.name),
            !elsewhere.contains(&list.name),
            "{}",
            list.name
        );
    }
}

#[test]
fn the_admin_page_alone_loads_a_script_from_elsewhere() {
    const STRICT: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'\">";
    let repo = sample_with_cms("");
    let out = build(&repo);
    let admin = std::fs::read_to_string(out.join("admin/index.html")).unwrap();
    assert!(!admin.contains(STRICT));
    assert!(admin.contains(
        "<script src=\"https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js\" \
         integrity=\"sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p\" \
         crossorigin=\"anonymous\"></script>"
    ));
    let policy = admin
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the admin page's own policy")
        .replace("&#39;", "'");
    assert!(policy.contains("script-src 'self' https://unpkg.com 'unsafe-eval';"));
    assert!(policy.contains("connect-src 'self' https://api.github.com https://unpkg.com;"));
    assert!(policy.contains("object-src 'none'"));
    assert!(!policy.contains('*'), "{policy}");
    assert!(admin.find("Content-Security-Policy") < admin.find("<script"));
    // Its only other script is the site's own.
    assert_eq!(admin.matches("<script").count(), 2);
    assert!(admin.contains("<script src=\"dates.js\""));

    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "html") && !path.ends_with("admin/index.html") {
            let html = std::fs::read_to_string(&path).unwrap();
            assert!(html.contains(STRICT), "{}", path.display());
            assert!(!html.contains("unpkg.com"), "{}", path.display());
            pages += 1;
        }
    }
    assert!(pages > 100);
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap_or_default();
    assert!(!sitemap.contains("admin/"));
}

#[test]
fn a_pinned_script_of_its_own_is_loaded_from_its_origin() {
    let repo = sample_with_cms(
        "script_url = \"https://cdn.jsdelivr.net/npm/decap-cms@3.16.3/dist/decap-cms.js\"\n\
         script_integrity = \"sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p\"\n",
    );
    let admin = std::fs::read_to_string(build(&repo).join("admin/index.html")).unwrap();
    assert!(
        admin.contains("src=\"https://cdn.jsdelivr.net/npm/decap-cms@3.16.3/dist/decap-cms.js\"")
    );
    assert!(
        admin.contains("script-src &#39;self&#39; https://cdn.jsdelivr.net &#39;unsafe-eval&#39;;")
    );
    assert!(!admin.contains("unpkg"));
}

#[test]
fn the_forms_are_written_the_same_way_every_time() {
    let repo = sample_with_cms("");
    let first = build(&repo);
    let files = ["admin/index.html", "admin/config.yml", "admin/dates.js"];
    let before: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(first.join(f)).unwrap())
        .collect();
    let again = build(&repo);
    for (file, bytes) in files.iter().zip(before) {
        assert_eq!(std::fs::read(again.join(file)).unwrap(), bytes, "{file}");
    }
}

#[test]
fn without_cms_nothing_is_written() {
    let repo = Repo::sample();
    let out = build(&repo);
    assert!(!out.join("admin").exists());
}

/// `check`'s diagnostics with `code`, as (line, column).
fn located(repo: &Repo, code: &str) -> Vec<(u64, u64)> {
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1, "{diagnostics:?}");
    diagnostics
        .iter()
        .filter(|d| d["code"] == code)
        .inspect(|d| assert_eq!(d["file"], "pakta.toml"))
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect()
}

#[test]
fn cms_without_a_repository_on_github_is_refused_at_the_table() {
    let repo = Repo::minimal();
    repo.write(
        "pakta.toml",
        "[site]\ntitle = \"Uji\"\n\n[cms]\nscript_url = \"https://cdn.example/cms.js\"\n\
         script_integrity = \"sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p\"\n",
    );
    assert_eq!(located(&repo, "cms-repository"), [(4, 1)]);
    let message = repo.pakta(&["check", "--today", TODAY]);
    assert!(
        stderr(&message).contains("[cms] needs [site] repository"),
        "{}",
        stderr(&message)
    );
    repo.write(
        "pakta.toml",
        "[site]\nrepository = \"https://gitlab.com/kpu/kerjasama\"\n\n[cms]\n",
    );
    assert_eq!(located(&repo, "cms-repository"), [(4, 1)]);
    let built = repo.pakta(&["build", "--today", TODAY, "--out", "public"]);
    assert_ne!(built.status.code(), Some(0));
    assert!(!repo.path("public/admin").exists());
}

#[test]
fn unknown_keys_and_a_bad_integrity_are_reported_together() {
    let repo = Repo::minimal();
    repo.write(
        "pakta.toml",
        format!(
            "[site]\n{REPOSITORY}\n[cms]\nscript_url = \"https://cdn.example/cms.js\"\n\
             backend = \"github\"\nscript_integrity = \"sha384-abc\"\n"
        ),
    );
    assert_eq!(located(&repo, "unknown-field"), [(6, 1)]);
    assert_eq!(located(&repo, "invalid-integrity"), [(7, 20)]);
    for bad in [
        "md5-1B2M2Y8AsgTpgAmY7PhCfg==",
        "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2",
        "sha256 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
    ] {
        repo.write(
            "pakta.toml",
            format!(
                "[site]\n{REPOSITORY}\n[cms]\nscript_url = \"https://cdn.example/cms.js\"\n\
                 script_integrity = \"{bad}\"\n"
            ),
        );
        assert_eq!(located(&repo, "invalid-integrity"), [(6, 20)], "{bad}");
    }
}

#[test]
fn a_script_address_needs_its_own_integrity() {
    let repo = Repo::minimal();
    repo.write(
        "pakta.toml",
        format!("[site]\n{REPOSITORY}\n[cms]\nscript_url = \"https://cdn.example/cms.js\"\n"),
    );
    assert_eq!(located(&repo, "cms-script-pair"), [(5, 14)]);
}

#[test]
fn dates_the_forms_cannot_read_are_warned_about_only_with_cms() {
    let at = |repo: &Repo| -> Vec<(u64, u64)> {
        let output = repo.pakta(&["check", "--format", "json", "--today", TODAY]);
        let diagnostics: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
        diagnostics
            .iter()
            .filter(|d| d["code"] == "cms-unreadable-date")
            .filter(|d| d["file"] == "agreements/jawa-timur/2025-pks-tvri-jatim.md")
            .inspect(|d| assert_eq!(d["severity"], "warning"))
            .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
            .collect()
    };
    assert_eq!(at(&sample_with_cms("")), [(37, 19), (37, 36)]);
    assert_eq!(at(&Repo::sample()), []);
}
