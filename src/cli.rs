//! Subcommands, options and exit status. Parses arguments (clap derive),
//! builds the run's rule set, calls [`planlint::run`] and prints a report.

mod outcome;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use planlint::model::Date;
use planlint::report::{Format, HumanStyle, RenderContext};
use planlint::rules::{LintOptions, RuleSet};
use planlint::run;

use outcome::ReportArgs;

/// The exit status of every command: 0 clean, 1 findings, 2 the run failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Clean = 0,
    Findings = 1,
    Failed = 2,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(status as u8)
    }
}

#[derive(Parser)]
#[command(
    name = "planlint",
    version,
    about = "A fast, rules-based linter for marketing plans: catches random acts of marketing."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint plan files and directories (default: the current directory).
    Check(CheckArgs),
    /// List every rule with its default severity and summary.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Print a rule's documentation: summary, severity, options, why, examples.
    Explain {
        /// The rule id, e.g. `missing-kpi`.
        rule: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files and directories to lint; `-` reads one plan from stdin.
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The name of the plan read from stdin, for diagnostics.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// When to use colour in the human format (`auto` respects NO_COLOR and terminals).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// The date suppressions' `until` is compared with (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    today: Option<Date>,
    #[command(flatten)]
    report: ReportArgs,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date written YYYY-MM-DD"))
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules { format } => list_rules(format),
        Command::Explain { rule } => explain(&rule),
    };
    status.into()
}

fn fail(message: &str) -> Status {
    eprintln!("planlint: error: {message}");
    Status::Failed
}

fn check(args: CheckArgs) -> Status {
    let reporter = match outcome::Reporter::prepare(&args.report, args.format) {
        Ok(reporter) => reporter,
        Err(message) => return fail(&message),
    };
    let rules = RuleSet::builtin();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    if paths.iter().filter(|path| path.as_os_str() == "-").count() > 1 {
        return fail("`-` (stdin) can be given only once");
    }
    let inputs = match run::collect_inputs(&paths, args.stdin_filename.as_deref()) {
        Ok(inputs) => inputs,
        Err(error) => return fail(&error.0),
    };
    let options = LintOptions {
        today: args.today.unwrap_or_else(run::today),
    };
    let reports: Vec<_> = inputs
        .iter()
        .map(|input| run::lint_input(input, &rules, &options))
        .collect();
    let context = RenderContext {
        style: HumanStyle {
            color: use_color(args.color),
            width: terminal_width(),
        },
        rules: rules.rules().iter().map(|rule| &rule.file).collect(),
    };
    reporter.finish(args.format, reports, &context)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.parse().ok())
        .filter(|&columns: &usize| columns >= 40)
        .unwrap_or(100)
}

fn list_rules(format: ListFormat) -> Status {
    let rules = RuleSet::builtin();
    match format {
        ListFormat::Json => {
            let records: Vec<_> = rules
                .rules()
                .iter()
                .map(|rule| {
                    serde_json::json!({
                        "id": rule.file.id,
                        "severity": rule.file.severity,
                        "summary": rule.file.summary,
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&records).expect("rules serialize")
            );
        }
        ListFormat::Human => {
            let width = rules
                .rules()
                .iter()
                .map(|rule| rule.id().len())
                .max()
                .unwrap_or(0);
            for rule in rules.rules() {
                println!(
                    "{:width$}  {:7}  {}",
                    rule.id(),
                    rule.file.severity.as_str(),
                    rule.file.summary
                );
            }
        }
    }
    Status::Clean
}

fn explain(id: &str) -> Status {
    let rules = RuleSet::builtin();
    let Some(rule) = rules.get(id) else {
        let ids = rules.rules().iter().map(|rule| rule.id());
        let hint = planlint::text::closest(id, ids)
            .map(|close| format!(" Did you mean `{close}`?"))
            .unwrap_or_default();
        return fail(&format!(
            "there is no rule `{id}`.{hint} `planlint rules` lists them all."
        ));
    };
    print!("{}", planlint::rules::explain(&rule.file));
    Status::Clean
}
