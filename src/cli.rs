//! The command line: names, flags and their types, nothing else. What
//! `--help` says about each command and flag is in the catalogs
//! (`cli-about.*`, `cli-arg.*`), set at run time by `usage::localise`;
//! the doc comments here are for developers and never shown.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "pakta", version)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// `--lang`, for every command.
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
            Command::Tasks(args) => &args.root,
            Command::Init(args) => &args.dir,
            Command::Schema(_) => std::path::Path::new("."),
        }
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// `pakta check`.
    Check(CheckArgs),
    /// `pakta data`.
    Data(RepoArgs),
    /// `pakta build`.
    Build(BuildArgs),
    /// `pakta new`.
    New(NewArgs),
    /// `pakta import`.
    Import(ImportArgs),
    /// `pakta diff`.
    Diff(DiffArgs),
    /// `pakta schema`.
    Schema(SchemaArgs),
    /// `pakta codeowners`.
    Codeowners(CodeownersArgs),
    /// `pakta serve`.
    Serve(ServeArgs),
    /// `pakta theme …`.
    #[command(subcommand)]
    Theme(ThemeCommand),
    /// `pakta report`.
    Report(ReportArgs),
    /// `pakta tasks`.
    Tasks(TasksArgs),
    /// `pakta init`.
    Init(InitArgs),
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    pub dir: PathBuf,
    #[arg(long, value_name = "TEXT")]
    pub title: String,
    #[arg(long, value_name = "NAME")]
    pub unit_name: String,
    #[arg(long, value_enum, default_value_t = UnitLevel::National)]
    pub level: UnitLevel,
    #[arg(long, value_name = "URL", default_value = "/")]
    pub base_url: String,
    #[arg(long, value_enum, default_value_t = SiteLanguage::Id)]
    pub language: SiteLanguage,
    #[arg(long, value_name = "URL")]
    pub repository: Option<String>,
    #[arg(long, value_name = "OWNER/REPO@REF")]
    pub action: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SiteLanguage {
    Id,
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
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(crate) root: PathBuf,
    #[arg(long, value_name = "PATH")]
    pub(crate) unit: String,
    #[arg(long, value_name = "YYYY-MM")]
    pub(crate) month: pakta_report::Month,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub(crate) today: Option<NaiveDate>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub(crate) format: ReportFormat,
    #[arg(long)]
    pub(crate) timings: bool,
}

#[derive(Debug, Args)]
pub(crate) struct TasksArgs {
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(crate) root: PathBuf,
    #[arg(long, value_name = "PATH")]
    pub(crate) unit: Option<String>,
    #[arg(long, value_enum, default_value_t = TasksFormat::Md)]
    pub(crate) format: TasksFormat,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub(crate) today: Option<NaiveDate>,
    #[arg(long)]
    pub(crate) sync_issues: bool,
    #[arg(long, requires = "sync_issues")]
    pub(crate) dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TasksFormat {
    Md,
    Json,
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
    Id,
    En,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ThemeCommand {
    /// `pakta theme init`.
    Init(ThemeInitArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ThemeInitArgs {
    #[arg(default_value = "custom")]
    pub name: String,
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub repo: RepoArgs,
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    pub repo: RepoArgs,
    #[arg(long, value_name = "DIR", default_value = "public")]
    pub out: PathBuf,
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    #[arg(long)]
    pub timings: bool,
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    #[arg(long, value_name = "SECONDS", default_value_t = crate::pdf_text::DEFAULT_TIME_LIMIT_SECONDS)]
    pub pdf_time_limit: f64,
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    #[command(flatten)]
    pub repo: RepoArgs,
    #[arg(long, value_name = "PATH")]
    pub unit: Option<String>,
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub partner: Option<String>,
    #[arg(long, value_name = "CATEGORY")]
    pub category: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    #[arg(long, value_name = "STAGE")]
    pub stage: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    #[arg(long, value_name = "SLUG")]
    pub id: Option<String>,
    #[arg(long)]
    pub interactive: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    pub file: PathBuf,
    #[command(flatten)]
    pub repo: RepoArgs,
    #[arg(long, value_name = "PATH")]
    pub unit: String,
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    #[arg(long)]
    pub partial: bool,
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    pub base: String,
    #[arg(default_value = "HEAD")]
    pub head: String,
    #[command(flatten)]
    pub repo: RepoArgs,
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
    #[arg(value_enum, default_value_t = SchemaTarget::Agreement)]
    pub target: SchemaTarget,
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SchemaTarget {
    Agreement,
    Unit,
    Config,
    #[value(alias = "partners")]
    Partner,
}

#[derive(Debug, Args)]
pub(crate) struct CodeownersArgs {
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub(crate) struct RepoArgs {
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub repo: RepoArgs,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Human,
    Github,
    Json,
}
