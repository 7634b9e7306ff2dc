//! The command line: names, flags and help texts, nothing else.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "pakta",
    version,
    about = "Publish a Git repository of cooperation agreements as a transparency website",
    long_about = None
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The language of messages and reports (default: the PAKTA_LANG
    /// environment variable, else `[site] language` in pakta.toml, else id).
    #[arg(long, global = true, value_enum, ignore_case = true)]
    pub lang: Option<CliLang>,
}

impl Command {
    /// The content repository the command works on, whose pakta.toml
    /// may name the language to speak.
    pub(crate) fn root(&self) -> &std::path::Path {
        match self {
            Command::Check(args) => &args.repo.root,
            Command::Data(args) => &args.root,
            Command::Build(args) => &args.repo.root,
            Command::New(args) => &args.repo.root,
            Command::Import(args) => &args.repo.root,
            Command::Diff(args) => &args.repo.root,
            Command::Codeowners(args) => &args.root,
            Command::Serve(args) => &args.repo.root,
            Command::Theme(ThemeCommand::Init(args)) => &args.root,
            Command::Report(args) => &args.root,
            Command::Init(args) => &args.dir,
            Command::Schema(_) => std::path::Path::new("."),
        }
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Validate every file and print every problem at once, then a summary.
    Check(CheckArgs),
    /// Print the computed model as JSON (the site's data/agreements.json.gz, uncompressed).
    Data(RepoArgs),
    /// Write the website; on any error print the problems and leave the
    /// output folder as it was.
    Build(BuildArgs),
    /// Start a new agreement file in a unit's folder, at the planning stage.
    New(NewArgs),
    /// Bring in agreements kept in a spreadsheet (.xlsx or .csv), one file
    /// per row, in a unit's folder.
    Import(ImportArgs),
    /// Summarise what a change does to the agreements between two Git revisions.
    Diff(DiffArgs),
    /// Print the JSON Schema of the front matter, _unit.toml or pakta.toml.
    Schema(SchemaArgs),
    /// Write .github/CODEOWNERS from the reviewers of every unit.
    Codeowners(CodeownersArgs),
    /// Preview the site on 127.0.0.1, rebuilding and reloading on every change.
    Serve(ServeArgs),
    /// Work with the site's theme.
    #[command(subcommand)]
    Theme(ThemeCommand),
    /// Print the monthly report a unit sends up: the month's events,
    /// activities, evaluations and changes, and the findings at its end.
    Report(ReportArgs),
    /// Start the content repository of a new institution in a new or
    /// empty folder: settings, the root unit, an example agreement,
    /// schemas, GitHub workflows that install a released pakta, and a
    /// README for editors.
    Init(InitArgs),
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The new repository's folder; it must not exist or be empty.
    pub dir: PathBuf,
    /// The site's title, e.g. "Transparansi Kerja Sama KPU Provinsi Jawa Tengah".
    #[arg(long, value_name = "TEXT")]
    pub title: String,
    /// The root unit's name, e.g. "KPU Provinsi Jawa Tengah".
    #[arg(long, value_name = "NAME")]
    pub unit_name: String,
    /// The root unit's level.
    #[arg(long, value_enum, default_value_t = UnitLevel::National)]
    pub level: UnitLevel,
    /// Where the site will be published (the publish workflow passes
    /// GitHub Pages' address at each run).
    #[arg(long, value_name = "URL", default_value = "/")]
    pub base_url: String,
    /// The language of the site's interface.
    #[arg(long, value_enum, default_value_t = SiteLanguage::Id)]
    pub language: SiteLanguage,
    /// The repository's GitHub address, https://github.com/OWNER/REPO:
    /// pages then link to their commits and to GitHub's editor.
    #[arg(long, value_name = "URL")]
    pub repository: Option<String>,
    /// The Action the workflows install pakta with (default: this
    /// release of pakta).
    #[arg(long, value_name = "OWNER/REPO@REF")]
    pub action: Option<String>,
    /// The example agreement's planning date instead of today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SiteLanguage {
    /// Bahasa Indonesia.
    Id,
    /// English.
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum UnitLevel {
    National,
    Province,
    Regency,
    City,
}

impl UnitLevel {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            UnitLevel::National => "national",
            UnitLevel::Province => "province",
            UnitLevel::Regency => "regency",
            UnitLevel::City => "city",
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// The content repository (the folder holding pakta.toml and agreements/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(crate) root: PathBuf,
    /// The unit's folder below agreements/, e.g. jawa-tengah ("." for the root).
    #[arg(long, value_name = "PATH")]
    pub(crate) unit: String,
    /// The calendar month; statuses are computed as of its last day, or
    /// as of today while it is in progress.
    #[arg(long, value_name = "YYYY-MM")]
    pub(crate) month: pakta_report::Month,
    /// Make the report as of this day instead of today in the site's time
    /// zone (a month after it is refused).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub(crate) today: Option<NaiveDate>,
    /// Markdown (to paste into a letter or an issue), a standalone HTML
    /// page, CSV of the numbers per unit, or JSON for scripts.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub(crate) format: ReportFormat,
    /// Print how long each phase took, on standard error.
    #[arg(long)]
    pub(crate) timings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    Md,
    Html,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CliLang {
    /// Bahasa Indonesia.
    Id,
    /// English.
    En,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ThemeCommand {
    /// Copy the default theme into themes/NAME to change it; never
    /// overwrites an existing folder.
    Init(ThemeInitArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ThemeInitArgs {
    /// The new theme's folder name under themes/.
    #[arg(default_value = "custom")]
    pub name: String,
    /// The content repository (the folder holding pakta.toml and agreements/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub repo: RepoArgs,
    /// The port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    pub repo: RepoArgs,
    /// Where to write the site: a new or empty folder, or one pakta built
    /// before (never the repository or its content); replaced whole, and
    /// only when the whole build succeeds.
    #[arg(long, value_name = "DIR", default_value = "public")]
    pub out: PathBuf,
    /// The address the site is served from, overriding `[site] base_url`
    /// (e.g. https://org.github.io/kerjasama for a project site).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Print how long each phase took, on standard error.
    #[arg(long)]
    pub timings: bool,
    /// Where the text read from PDF documents is kept between builds
    /// (default: .pakta-cache in the repository; never inside --out).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Seconds one PDF document may take to read before it is skipped
    /// with a warning.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub pdf_time_limit: f64,
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    #[command(flatten)]
    pub repo: RepoArgs,
    /// The unit's folder below agreements/, e.g. jawa-tengah/karanganyar ("." for the root).
    #[arg(long, value_name = "PATH")]
    pub unit: Option<String>,
    /// mou, pks, addendum or other.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// The partner organisation's full name; a registered partner's name,
    /// acronym or alias gives its registered name.
    #[arg(long, value_name = "NAME")]
    pub partner: Option<String>,
    /// The partner's category, e.g. university, ministry, ngo (default: the
    /// registered partner's).
    #[arg(long, value_name = "CATEGORY")]
    pub category: Option<String>,
    /// The agreement's full title.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The latest stage reached: planning, drafting, negotiation, approval or signed.
    #[arg(long, value_name = "STAGE")]
    pub stage: Option<String>,
    /// The day that stage was reached (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    /// The file name without .md (default: <year>-<kind>-<partner>, with
    /// -2, -3 … when that name is taken).
    #[arg(long, value_name = "SLUG")]
    pub id: Option<String>,
    /// Ask for every value not given, one line each on standard input.
    #[arg(long)]
    pub interactive: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The workbook (.xlsx, .xls, .ods) or CSV file (UTF-8, comma or semicolon).
    pub file: PathBuf,
    #[command(flatten)]
    pub repo: RepoArgs,
    /// The unit's folder below agreements/ the agreements belong to ("." for the root).
    #[arg(long, value_name = "PATH")]
    pub unit: String,
    /// A TOML file whose [columns] names the field of headers pakta does not know.
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// Write the rows that convert even when others do not.
    #[arg(long)]
    pub partial: bool,
    /// Report and list the files, write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The revision the change starts from, e.g. main or origin/main.
    pub base: String,
    /// The revision with the change.
    #[arg(default_value = "HEAD")]
    pub head: String,
    #[command(flatten)]
    pub repo: RepoArgs,
    /// Markdown for a pull-request comment or job summary, or JSON.
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    pub format: DiffFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DiffFormat {
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// Which file's schema to print.
    #[arg(value_enum, default_value_t = SchemaTarget::Agreement)]
    pub target: SchemaTarget,
    /// Write all three schemas into DIR instead (agreement.schema.json,
    /// unit.schema.json, pakta.schema.json).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SchemaTarget {
    /// The front matter of an agreement file.
    Agreement,
    /// A _unit.toml.
    Unit,
    /// pakta.toml.
    Config,
    /// A partners/<key>.toml of the partner register.
    #[value(alias = "partners")]
    Partner,
}

#[derive(Debug, Args)]
pub(crate) struct CodeownersArgs {
    /// The content repository (the folder holding pakta.toml and agreements/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Write nothing; exit 1 if the file is missing or out of date.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub(crate) struct RepoArgs {
    /// The content repository (the folder holding pakta.toml and agreements/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Compute statuses as of this day instead of today in the site's time zone.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub repo: RepoArgs,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Print how long each phase took, on standard error.
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Readable text with the offending source line.
    Human,
    /// GitHub Actions annotations.
    Github,
    /// One JSON array of problems.
    Json,
}
