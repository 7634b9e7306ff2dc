//! The command line's own words in the run's language: the headings of
//! `--help` and the usage errors, which clap would write in English. The
//! language is chosen before the arguments are parsed, from the raw
//! `--lang` and `--root`, so that a mistyped argument is already told in
//! Indonesian. Clap's errors are rendered by kind from catalog messages.

use std::ffi::OsString;
use std::path::Path;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};

use crate::cli::{Cli, CliLang};
use crate::console::Console;
use pakta_content::i18n::Texts;
use pakta_content::message::Message;

/// The language the run will speak, as `Console::choose` decides it, from
/// the arguments before they are parsed. A `PAKTA_LANG` naming no language
/// is reported once the arguments are parsed, not here.
pub(crate) fn early_console(args: &[OsString]) -> Console {
    let flag = flag_value(args, "--lang").and_then(|value| match value.as_str() {
        v if v.eq_ignore_ascii_case("id") => Some(CliLang::Id),
        v if v.eq_ignore_ascii_case("en") => Some(CliLang::En),
        _ => None,
    });
    let root = flag_value(args, "--root").unwrap_or_else(|| ".".to_string());
    let variable = std::env::var("PAKTA_LANG").ok();
    match Console::choose(flag, variable.as_deref(), Path::new(&root)) {
        Ok(console) | Err((console, _)) => console,
    }
}

/// Parses `args`; help, the version and usage errors are printed here in
/// the console's language, and the exit status returned.
pub(crate) fn parse(args: Vec<OsString>, console: &Console) -> Result<Cli, ExitCode> {
    let mut command = localise(Cli::command(), console.texts, &[]);
    let parsed = command
        .try_get_matches_from_mut(args.clone())
        .and_then(|matches| Cli::from_arg_matches(&matches));
    parsed.map_err(|error| match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // Help and the version are printed as clap laid them out,
            // with the headings localised above.
            let _ = error.print();
            ExitCode::from(if error.use_stderr() { 2 } else { 0 })
        }
        _ => {
            console.error(usage_message(&error));
            let command_name = command_path(&command, &args);
            console.tell(Message::new("usage-see-help").arg("command", command_name));
            ExitCode::from(2)
        }
    })
}

/// Everything `--help` says in the catalog's words, for `command` (at
/// `path`, empty for the root) and every subcommand: the headings, what the
/// command does, what each argument is for, and the help and version
/// flags' own lines. Only clap's value lists and defaults stay as it
/// prints them.
fn localise(command: clap::Command, texts: &Texts, path: &[&str]) -> clap::Command {
    let text = |key: Message| key.render(texts);
    // A text a theme's catalog lacks shows as its key, as a message does,
    // so that the gap is seen (and the tests find it) rather than hidden.
    let help_text = |key: String| match texts.message(&key) {
        Some(text) => text.to_string(),
        None => key,
    };
    let template = format!(
        "{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        text(Message::new("cli-usage"))
    );
    let options = text(Message::new("cli-options"));
    let arguments = text(Message::new("cli-arguments"));
    let about = help_text(about_key(path));
    let mut command = command
        .about(about)
        .long_about(None)
        .help_template(template)
        .subcommand_help_heading(text(Message::new("cli-commands")))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .mut_args(|arg| {
            let heading = if arg.is_positional() {
                &arguments
            } else {
                &options
            };
            let help = help_text(arg_key(path, arg.get_id().as_str()));
            // The same text for `-h` and `--help`; a long help keeps
            // `--help` in its roomier layout, one argument per paragraph.
            arg.help_heading(heading.clone())
                .help(help.clone())
                .long_help(help)
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(text(Message::new("cli-help")))
                .help_heading(options.clone()),
        );
    if path.is_empty() {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(text(Message::new("cli-version")))
                .help_heading(options),
        );
    }
    command.mut_subcommands(|sub| {
        let name = sub.get_name().to_string();
        let sub_path: Vec<&str> = path.iter().copied().chain([name.as_str()]).collect();
        localise(sub, texts, &sub_path)
    })
}

/// The catalog key of what the command at `path` does: `cli-about` for the
/// root, `cli-about.theme.init` for `pakta theme init`.
fn about_key(path: &[&str]) -> String {
    std::iter::once("cli-about")
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join(".")
}

/// The catalog key of what argument `id` of the command at `path` is for:
/// `cli-arg.lang` for the root's, `cli-arg.check.format` for a command's.
fn arg_key(path: &[&str], id: &str) -> String {
    std::iter::once("cli-arg")
        .chain(path.iter().copied())
        .chain([id])
        .collect::<Vec<_>>()
        .join(".")
}

/// What went wrong, from the error's kind and the context clap gives.
fn usage_message(error: &clap::Error) -> Message {
    let text = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(list)) => Some(list.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::StyledStrs(list)) => Some(
            list.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    // Several suggestions are each quoted: `schema`, `check`.
    let suggested = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::Strings(list)) => Some(list.join("`, `")),
        _ => text(kind),
    };
    let with_suggestion = |message: Message| match suggested(ContextKind::SuggestedArg)
        .or_else(|| suggested(ContextKind::SuggestedSubcommand))
        .or_else(|| suggested(ContextKind::SuggestedValue))
    {
        Some(suggested) => Message::new("usage-suggestion")
            .nested("problem", message)
            .arg("suggested", suggested),
        None => message,
    };
    match error.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = text(ContextKind::InvalidValue).unwrap_or_default();
            let message = match text(ContextKind::ValidValue) {
                Some(valid) => Message::new("usage-invalid-choice")
                    .arg("value", value)
                    .arg("arg", &arg)
                    .arg("valid", valid),
                None => Message::new("usage-invalid-value")
                    .arg("value", value)
                    .arg("arg", &arg),
            };
            with_suggestion(message)
        }
        ErrorKind::UnknownArgument => {
            with_suggestion(Message::new("usage-unknown-argument").arg("arg", &arg))
        }
        ErrorKind::InvalidSubcommand => with_suggestion(Message::new("usage-unknown-command").arg(
            "command",
            text(ContextKind::InvalidSubcommand).unwrap_or_default(),
        )),
        ErrorKind::MissingRequiredArgument => {
            Message::new("usage-missing-argument").arg("args", arg)
        }
        ErrorKind::MissingSubcommand => Message::new("usage-missing-command"),
        ErrorKind::ArgumentConflict => Message::new("usage-conflict")
            .arg("arg", &arg)
            .arg("other", text(ContextKind::PriorArg).unwrap_or_default()),
        ErrorKind::NoEquals
        | ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues => Message::new("usage-wrong-values").arg("arg", &arg),
        _ => Message::new("usage-unreadable"),
    }
}

/// `pakta` or `pakta <subcommand>` as typed, for the pointer to
/// `--help`: the first arguments that name a subcommand, in order.
fn command_path(command: &clap::Command, args: &[OsString]) -> String {
    let mut path = vec![command.get_name().to_string()];
    let mut current = command;
    for arg in args.iter().skip(1) {
        let arg = arg.to_string_lossy();
        if let Some(sub) = current.find_subcommand(arg.as_ref()) {
            path.push(sub.get_name().to_string());
            current = sub;
        }
    }
    path.join(" ")
}

/// The value after `name` (`--lang en` or `--lang=en`), before any `--`.
fn flag_value(args: &[OsString], name: &str) -> Option<String> {
    let mut args = args.iter().map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            return None;
        }
        if arg == name {
            return args.next().map(|value| value.into_owned());
        }
        if let Some(value) = arg.strip_prefix(name).and_then(|v| v.strip_prefix('=')) {
            return Some(value.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_and_root_are_read_before_parsing() {
        assert_eq!(
            flag_value(&os(&["pakta", "check", "--lang", "en"]), "--lang").as_deref(),
            Some("en")
        );
        assert_eq!(
            flag_value(&os(&["pakta", "--root=repo", "check"]), "--root").as_deref(),
            Some("repo")
        );
        assert_eq!(
            flag_value(&os(&["pakta", "new", "--", "--lang", "en"]), "--lang"),
            None
        );
    }

    #[test]
    fn every_subcommand_is_localised_and_still_valid() {
        let texts = Texts::default_for(pakta_content::i18n::Lang::Id);
        let command = localise(Cli::command(), texts, &[]);
        command.clone().debug_assert();
        let help = command
            .clone()
            .try_get_matches_from(["pakta", "report", "--help"])
            .unwrap_err()
            .to_string();
        assert!(help.contains("Penggunaan: pakta report"), "{help}");
        assert!(help.contains("Pilihan:"), "{help}");
        assert!(!help.contains("Options:"), "{help}");
        assert!(!help.contains("Print help"), "{help}");
        assert!(help.contains("Tampilkan laporan bulanan"), "{help}");
        assert!(help.contains("Bulan kalender"), "{help}");
    }

    /// The catalog key of every command and argument `command` (at `path`)
    /// and its subcommands show in `--help`.
    fn help_keys(command: &clap::Command, path: &[&str], keys: &mut Vec<String>) {
        keys.push(about_key(path));
        for arg in command.get_arguments() {
            keys.push(arg_key(path, arg.get_id().as_str()));
        }
        for sub in command.get_subcommands() {
            let sub_path: Vec<&str> = path.iter().copied().chain([sub.get_name()]).collect();
            help_keys(sub, &sub_path, keys);
        }
    }

    #[test]
    fn every_command_and_argument_has_its_text_in_both_catalogs_and_no_other() {
        use pakta_content::i18n::{Catalog, Lang};
        let mut wanted = Vec::new();
        help_keys(&Cli::command(), &[], &mut wanted);
        let [id, en] = [Lang::Id, Lang::En].map(|lang| Catalog::default_for(lang).messages);
        for key in &wanted {
            let (Some(id_text), Some(en_text)) = (id.get(key), en.get(key)) else {
                panic!("`{key}` is missing from [messages] of id.toml or en.toml");
            };
            assert_ne!(id_text, en_text, "`{key}` is not translated");
        }
        for catalog in [&id, &en] {
            let unused: Vec<&String> = catalog
                .keys()
                .filter(|key| is_help_key(key) && !wanted.contains(key))
                .collect();
            assert!(unused.is_empty(), "no command or argument: {unused:?}");
        }
    }

    fn is_help_key(key: &str) -> bool {
        key == "cli-about" || key.starts_with("cli-about.") || key.starts_with("cli-arg.")
    }
}
