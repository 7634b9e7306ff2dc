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
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate every file and print every problem at once, then a summary.
    Check(CheckArgs),
    /// Print the computed model as JSON (the site's data/agreements.json).
    Data(RepoArgs),
    /// Write the website; on any error print the problems and leave the
    /// output folder as it was.
    Build(BuildArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub repo: RepoArgs,
    /// Where to write the site; replaced only when the whole build succeeds.
    #[arg(long, value_name = "DIR", default_value = "public")]
    pub out: PathBuf,
    /// The address the site is served from, overriding `[site] base_url`
    /// (e.g. https://org.github.io/kerjasama for a project site).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Print how long each phase took, on standard error.
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Args)]
pub struct RepoArgs {
    /// The content repository (the folder holding pakta.toml and agreements/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Compute statuses as of this day instead of today in the site's time zone.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
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
pub enum Format {
    /// Readable text with the offending source line.
    Human,
    /// GitHub Actions annotations.
    Github,
    /// One JSON array of problems.
    Json,
}
