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
