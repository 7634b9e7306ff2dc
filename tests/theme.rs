//! The theme contract, through the real binary: overriding templates are
//! used exactly as written, a theme adds templates and assets and
//! overrides catalog texts key by key, and `pakta theme init` copies the
//! default theme out without ever writing over a folder.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Output;

use common::{CONFIG, Repo, TODAY, VALID_AGREEMENT};

const THEMED_CONFIG: &str =
    "[site]\ntitle = \"Uji\"\nbase_url = \"https://example.org/kerjasama\"\ntheme = \"mine\"\n";

fn repo_with(config: &str) -> Repo {
    let repo = Repo::empty();
    repo.write("pakta.toml", config);
    repo.write("agreements/_unit.toml", common::NATIONAL_UNIT);
    repo.write("agreements/2025-mou-uns.md", VALID_AGREEMENT);
    repo
}

fn build(repo: &Repo, out: &str) -> Output {
    let out = repo.path(out);
    repo.pakta(&["build", "--out", out.to_str().unwrap(), "--today", TODAY])
}

fn built(repo: &Repo, out: &str) {
    let result = build(repo, out);
    assert!(
        result.status.success(),
        "{}{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn overriding_templates_render_exactly_as_written() {
    let repo = repo_with(THEMED_CONFIG);
    repo.write(
        "themes/mine/agreement.html",
        r#"{% extends "base.html" %}
{% import "tools.html" as tools %}
{% block content %}<p class="plain">t(k="home")</p>
<ul>{% for site in page.activities %}{% include "parts/activity.html" %}{% endfor %}</ul>
<p class="macro">{{ tools::t(k="home") }}</p>
{% endblock content %}"#,
    );
    repo.write(
        "themes/mine/parts/activity.html",
        "<li class=\"activity\">{{ site.title }}</li>",
    );
    repo.write(
        "themes/mine/tools.html",
        "{% macro t(k) %}[{{ k }}]{% endmacro t %}",
    );
    built(&repo, "public");
    let page = repo.read("public/2025-mou-uns/index.html");
    assert!(
        page.contains(r#"<p class="plain">t(k="home")</p>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<li class="activity">Sosialisasi pemilih pemula</li>"#),
        "{page}"
    );
    assert!(page.contains(r#"<p class="macro">[home]</p>"#), "{page}");
    // The page still gets the default base template with the build's values.
    assert!(
        page.contains("<a class=\"brand\" href=\"/kerjasama/\">Uji</a>"),
        "{page}"
    );
}

#[test]
fn a_theme_adds_assets_and_overrides_one_catalog_text() {
    let repo = repo_with(THEMED_CONFIG);
    repo.write("themes/mine/img/logo.svg", "<svg/>");
    repo.write("themes/mine/.DS_Store", "junk");
    repo.write(
        "themes/mine/i18n/id.toml",
        "[labels]\nhome = \"Depan\"\nsearch-found = \"{n} ketemu\"\n",
    );
    built(&repo, "public");
    assert_eq!(repo.read("public/assets/img/logo.svg"), "<svg/>");
    assert!(!repo.path("public/assets/.DS_Store").exists());
    assert!(!repo.path("public/assets/i18n").exists());
    let home = repo.read("public/index.html");
    assert!(home.contains(">Depan</a>"), "{home}");
    assert!(!home.contains(">Beranda</a>"), "{home}");
    // Keys the override leaves out keep the default text.
    assert!(home.contains(">Daftar</a>"), "{home}");
    let search = repo.read("public/search/index.html");
    assert!(
        search.contains("&quot;search-found&quot;:&quot;{n} ketemu&quot;"),
        "{search}"
    );
}

#[test]
fn a_broken_theme_fails_the_build_naming_the_file() {
    let repo = repo_with(THEMED_CONFIG);
    repo.write("themes/mine/i18n/id.toml", "[labels]\nhomee = \"Depan\"\n");
    // Found by the check every build runs first: invalid content (1).
    let result = build(&repo, "public");
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("themes/mine/i18n/id.toml"), "{stderr}");
    assert!(stderr.contains("labels.homee"), "{stderr}");

    repo.remove("themes/mine/i18n/id.toml");
    repo.write("themes/mine/home.html", "<p>\n{% if %}</p>");
    let result = build(&repo, "public");
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("home.html"), "{stderr}");
    assert!(
        stderr.contains("2:"),
        "Tera points at the line as written: {stderr}"
    );
    assert!(!repo.path("public").exists());
}

#[test]
fn a_site_title_with_template_syntax_builds_and_is_escaped() {
    let title = r#"KPU {{ site.base }} {% if x %} "kutip" 'tunggal' \ <b>&"#;
    let config = format!(
        "[site]\ntitle = {}\nbase_url = \"https://example.org/kerjasama\"\n",
        toml_string(title)
    );
    let repo = repo_with(&config);
    let check = repo.pakta(&["check", "--today", TODAY]);
    assert!(check.status.success());
    built(&repo, "public");
    let escaped =
        r#"KPU {{ site.base }} {% if x %} &quot;kutip&quot; &#39;tunggal&#39; \ &lt;b&gt;&amp;"#;
    let home = repo.read("public/index.html");
    assert!(
        home.contains(&format!("<title>{escaped}</title>")),
        "{home}"
    );
    let page = repo.read("public/2025-mou-uns/index.html");
    assert!(
        page.contains(&format!(
            "<a class=\"brand\" href=\"/kerjasama/\">{escaped}</a>"
        )),
        "{page}"
    );
}

fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn theme_init_output_builds_exactly_like_the_default_theme() {
    let repo = repo_with(CONFIG);
    built(&repo, "default");
    let init = repo.pakta(&["theme", "init"]);
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let told = String::from_utf8_lossy(&init.stdout);
    assert!(told.contains("theme = \"custom\""), "{told}");
    assert!(repo.path("themes/custom/base.html").is_file());
    assert!(repo.path("themes/custom/i18n/en.toml").is_file());
    repo.write(
        "pakta.toml",
        CONFIG.replace("[site]\n", "[site]\ntheme = \"custom\"\n"),
    );
    built(&repo, "custom");
    let default = tree(&repo.path("default"));
    let custom = tree(&repo.path("custom"));
    assert!(default.len() > 20, "{}", default.len());
    assert_eq!(
        default.keys().collect::<Vec<_>>(),
        custom.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &default {
        assert!(custom[path] == *bytes, "{path} differs");
    }
}

#[test]
fn theme_init_refuses_an_existing_folder_and_odd_names() {
    let repo = repo_with(CONFIG);
    repo.write("themes/kpu/base.html", "my own work");
    let result = repo.pakta(&["theme", "init", "kpu"]);
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("themes/kpu already exists"), "{stderr}");
    assert_eq!(repo.read("themes/kpu/base.html"), "my own work");
    assert!(!repo.path("themes/kpu/home.html").exists());

    let result = repo.pakta(&["theme", "init", "../outside"]);
    assert_eq!(result.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&result.stderr).contains("not a folder name"));
    assert!(!repo.path("outside").exists());
}
