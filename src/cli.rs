//! Subcommands, options and exit status. Parses arguments (clap derive),
//! builds the run's rule set, calls [`planlint::run`] and prints a report.

mod fixing;
mod fmt;
mod lsp;
mod outcome;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

use clap::{Parser, Subcommand, ValueEnum};
use planlint::config::{Config, ConfigError, Configs, Selection};
use planlint::diagnostics::FileReport;
use planlint::harness;
use planlint::lint;
use planlint::model::Date;
use planlint::report::audit::AuditFormat;
use planlint::report::{self, Format, HumanStyle, RenderContext};
use planlint::rules::{LintOptions, RuleSet};
use planlint::run::{self, Input};

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
    /// Check plans against their `# expect:` comments, and every rule's examples.
    Test(TestArgs),
    /// Lint a tree of plans and write a report people read: scores, rollups, charts.
    Audit(AuditArgs),
    /// List every rule (built-in and custom) with its default severity and summary.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        /// The configuration whose custom rules to include (default: the one for `.`).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Print a rule's documentation: summary, severity, options, why, examples.
    Explain {
        /// The rule id, e.g. `missing-kpi`.
        rule: String,
        /// The configuration whose custom rules to include (default: the one for `.`).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Convert legacy plans (CSV, Excel, YAML activity lists) to plan files.
    Import(planlint::import::ImportArgs),
    /// Lay plans out in the canonical format (in place; `--check`, `--diff`, `-` for stdin).
    Fmt(fmt::FmtArgs),
    /// Run the language server on stdin and stdout, for editors.
    Lsp(lsp::LspArgs),
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
    /// One configuration for the whole run, instead of the nearest `.planlint.yaml` per plan.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Run only these rules.
    #[arg(long, value_name = "RULE,…", value_delimiter = ',')]
    select: Option<Vec<String>>,
    /// Do not run these rules.
    #[arg(long, value_name = "RULE,…", value_delimiter = ',')]
    ignore: Vec<String>,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    fixes: fixing::FixArgs,
}

#[derive(clap::Args)]
struct TestArgs {
    /// Plans and directories of plans with `# expect:` comments (default: the current directory).
    paths: Vec<PathBuf>,
    /// Also fail for every rule that no plan and no example makes fire.
    #[arg(long)]
    coverage: bool,
    /// One configuration for the whole run, instead of the nearest `.planlint.yaml` per plan.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The date suppressions' `until` is compared with (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    today: Option<Date>,
}

#[derive(clap::Args)]
struct AuditArgs {
    /// Files and directories of plans to audit.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = AuditFormat::Html)]
    format: AuditFormat,
    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long)]
    force: bool,
    /// The date time-dependent rules use (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    today: Option<Date>,
    /// Also audit legacy plans (.csv, .tsv, .xlsx, .xls, .ods, .yaml) found
    /// under the paths, converted on the fly as `planlint import` would.
    #[arg(long)]
    import: bool,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date written YYYY-MM-DD"))
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Check(args) => check(args),
        Command::Test(args) => test(args),
        Command::Audit(args) => audit(args),
        Command::Rules { format, config } => list_rules(format, config.as_deref()),
        Command::Explain { rule, config } => explain(&rule, config.as_deref()),
        Command::Import(args) => import(args),
        Command::Fmt(args) => fmt::fmt(args),
        Command::Lsp(args) => lsp::lsp(args),
    };
    status.into()
}

fn fail(message: &str) -> Status {
    eprintln!("planlint: error: {message}");
    Status::Failed
}

/// An invalid configuration or custom rule: rendered like a finding, on stderr.
fn config_failure(error: &ConfigError) -> Status {
    let style = HumanStyle {
        color: use_color_on_stderr(),
        width: terminal_width(),
    };
    eprint!("{}", report::render_error(error, &style));
    Status::Failed
}

/// The plans under `paths`, each with its configuration (excluded ones left out).
fn plans_with_configs(
    paths: &[PathBuf],
    stdin_filename: Option<&str>,
    configs: &mut Configs,
) -> Result<Vec<(Input, Rc<Config>)>, Status> {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    if paths.iter().filter(|path| path.as_os_str() == "-").count() > 1 {
        return Err(fail("`-` (stdin) can be given only once"));
    }
    let inputs = run::collect_inputs(paths, stdin_filename).map_err(|error| fail(&error.0))?;
    for dir in paths.iter().filter(|path| path.is_dir()) {
        configs
            .for_directory(dir)
            .map_err(|error| config_failure(&error))?;
    }
    configs
        .assign(inputs)
        .map_err(|error| config_failure(&error))
}

fn check(args: CheckArgs) -> Status {
    let reporter = match outcome::Reporter::prepare(&args.report, args.format) {
        Ok(reporter) => reporter,
        Err(message) => return fail(&message),
    };
    let selection = Selection {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    };
    let mut configs = match Configs::new(args.config.as_deref(), selection.clone()) {
        Ok(configs) => configs,
        Err(error) => return config_failure(&error),
    };
    let plans = match plans_with_configs(&args.paths, args.stdin_filename.as_deref(), &mut configs)
    {
        Ok(plans) => plans,
        Err(status) => return status,
    };
    if let Err(message) = selection.check(&configs.known_rule_ids()) {
        return fail(&message);
    }
    let options = LintOptions {
        today: args.today.unwrap_or_else(run::today),
    };
    let reports = if args.fixes.active() {
        match fixing::fix_plans(&plans, &options, &args.fixes) {
            fixing::Fixing::Reports(reports) => reports,
            fixing::Fixing::Done(status) => return status,
        }
    } else {
        lint_all(&plans, &options)
    };
    let used = configs.used();
    let context = RenderContext {
        style: HumanStyle {
            color: use_color(args.color),
            width: terminal_width(),
        },
        rules: rule_catalog(&used),
    };
    reporter.finish(args.format, reports, &context)
}

/// The rules of every configuration the run used, each id once, in id
/// order: what the SARIF format describes.
fn rule_catalog(configs: &[Rc<Config>]) -> Vec<&planlint::rules::RuleFile> {
    let mut files = std::collections::BTreeMap::new();
    for config in configs {
        for rule in config.rules.rules() {
            files.entry(rule.id()).or_insert(&rule.file);
        }
    }
    files.into_values().collect()
}

fn audit(args: AuditArgs) -> Status {
    // Each plan is audited with its own configuration, as `check` lints it.
    let mut configs = match Configs::new(None, Selection::default()) {
        Ok(configs) => configs,
        Err(error) => return config_failure(&error),
    };
    let mut plans = match plans_with_configs(&args.paths, None, &mut configs) {
        Ok(plans) => plans,
        Err(status) => return status,
    };
    if args.import {
        let imported = match imported_inputs(&args.paths) {
            Ok(imported) => imported,
            Err(status) => return status,
        };
        match configs.assign(imported) {
            Ok(mut assigned) => plans.append(&mut assigned),
            Err(error) => return config_failure(&error),
        }
    }
    let rules_by_plan: std::collections::HashMap<String, std::sync::Arc<RuleSet>> = plans
        .iter()
        .map(|(input, config)| (input.name(), config.rules.clone()))
        .collect();
    let rules = match configs.for_directory(Path::new(".")) {
        Ok(config) => config.rules.clone(),
        Err(error) => return config_failure(&error),
    };
    let inputs: Vec<Input> = plans.into_iter().map(|(input, _)| input).collect();
    let options = LintOptions {
        today: args.today.unwrap_or_else(run::today),
    };
    let progress = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(inputs.len() as u64).with_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} plans {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        )
    } else {
        indicatif::ProgressBar::hidden()
    };
    let facts = planlint::audit::collect(
        &inputs,
        |input| {
            rules_by_plan
                .get(&input.name())
                .cloned()
                .unwrap_or_else(|| rules.clone())
        },
        &options,
        || progress.inc(1),
    );
    progress.finish_and_clear();
    let audit = planlint::audit::Audit::new(facts, &rules);
    let rendered = planlint::report::audit::render(args.format, &audit);
    match &args.output {
        Some(path) => {
            if let Err(error) = run::write_atomically(path, rendered.as_bytes(), args.force) {
                return fail(&error.message(&format!("`{}`", path.display())));
            }
            eprintln!(
                "Audited {} plans: {} errors, {} warnings; report written to {}.",
                audit.files,
                audit.counts.errors,
                audit.counts.warnings,
                path.display()
            );
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout
                .write_all(rendered.as_bytes())
                .and_then(|()| stdout.flush());
        }
    }
    // An audit reports; it fails only when it cannot run.
    Status::Clean
}

/// Legacy plans under the paths, converted to plan text (`audit --import`).
/// A file that cannot be converted is named on stderr and left out of the
/// audit; the run goes on.
fn imported_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, Status> {
    let mut inputs = Vec::new();
    let options = planlint::import::ImportOptions::default();
    for path in planlint::import::legacy_files(paths).map_err(|error| fail(&error))? {
        let name = run::display_path(&path);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("planlint: warning: cannot read `{name}`: {error}; not audited");
                continue;
            }
        };
        match planlint::import::import_bytes(&name, &bytes, &options) {
            Ok(plans) => {
                let several = plans.len() > 1;
                for plan in plans {
                    let plan_name = if several {
                        format!("{name} ({})", plan.title)
                    } else {
                        name.clone()
                    };
                    inputs.push(Input::Imported {
                        name: plan_name,
                        origin: path.clone(),
                        text: plan.text,
                    });
                }
            }
            Err(error) => {
                eprintln!("planlint: warning: cannot import `{name}`: {error}; not audited");
            }
        }
    }
    Ok(inputs)
}

/// Lints every plan with its configuration's rules, on every core when
/// there are several (a single file, the pre-commit and editor case, skips
/// starting a thread pool). Reports keep the input order.
fn lint_all(plans: &[(Input, Rc<Config>)], options: &LintOptions) -> Vec<FileReport> {
    use rayon::prelude::*;
    let jobs: Vec<(&Input, std::sync::Arc<RuleSet>)> = plans
        .iter()
        .map(|(input, config)| (input, config.rules.clone()))
        .collect();
    if jobs.len() <= 1 {
        return jobs
            .iter()
            .map(|(input, rules)| lint::lint_input(input, rules, options))
            .collect();
    }
    jobs.par_iter()
        .map(|(input, rules)| lint::lint_input(input, rules, options))
        .collect()
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

fn use_color_on_stderr() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
        && std::io::stderr().is_terminal()
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.parse().ok())
        .filter(|&columns: &usize| columns >= 40)
        .unwrap_or(100)
}

/// The configuration `rules` and `explain` describe: `--config`, or the one for `.`.
fn config_here(explicit: Option<&Path>) -> Result<Rc<Config>, Status> {
    let mut configs =
        Configs::new(explicit, Selection::default()).map_err(|error| config_failure(&error))?;
    configs
        .for_plan(Path::new("./plan"))
        .map_err(|error| config_failure(&error))
}

fn list_rules(format: ListFormat, config: Option<&Path>) -> Status {
    let config = match config_here(config) {
        Ok(config) => config,
        Err(status) => return status,
    };
    let rules = &config.rules;
    match format {
        ListFormat::Json => {
            let records: Vec<_> = rules
                .rules()
                .iter()
                .map(|rule| {
                    let fixes: Vec<&str> = rule
                        .file
                        .fix_safeties()
                        .iter()
                        .map(|safety| safety.as_str())
                        .collect();
                    serde_json::json!({
                        "id": rule.file.id,
                        "severity": rule.file.severity,
                        "fix": fixes,
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
            // Like `ruff rule --all`: a column says which fixes a rule offers.
            for rule in rules.rules() {
                let fixes: Vec<&str> = rule
                    .file
                    .fix_safeties()
                    .iter()
                    .map(|safety| safety.as_str())
                    .collect();
                let fix = if fixes.is_empty() {
                    "-".to_string()
                } else {
                    fixes.join("+")
                };
                println!(
                    "{:width$}  {:7}  {:11}  {}",
                    rule.id(),
                    rule.file.severity.as_str(),
                    fix,
                    rule.file.summary
                );
            }
        }
    }
    Status::Clean
}

fn import(args: planlint::import::ImportArgs) -> Status {
    match planlint::import::command::run(args) {
        planlint::import::command::ImportStatus::Done => Status::Clean,
        planlint::import::command::ImportStatus::Failed => Status::Failed,
    }
}

fn explain(id: &str, config: Option<&Path>) -> Status {
    let config = match config_here(config) {
        Ok(config) => config,
        Err(status) => return status,
    };
    let rules = &config.rules;
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

/// `planlint test`: plans against their `# expect:` comments, rules against
/// their own examples, and (`--coverage`) every rule against both.
fn test(args: TestArgs) -> Status {
    if args.paths.iter().any(|path| path.as_os_str() == "-") {
        return fail("`planlint test` reads plan files, not stdin");
    }
    let mut configs = match Configs::new(args.config.as_deref(), Selection::default()) {
        Ok(configs) => configs,
        Err(error) => return config_failure(&error),
    };
    let plans = match plans_with_configs(&args.paths, None, &mut configs) {
        Ok(plans) => plans,
        Err(status) => return status,
    };
    let options = LintOptions {
        today: args.today.unwrap_or_else(run::today),
    };
    // With no plans, the rules of the configuration here are still tested.
    let used = if plans.is_empty() {
        match configs.for_plan(Path::new("./plan")) {
            Ok(config) => vec![config],
            Err(error) => return config_failure(&error),
        }
    } else {
        configs.used()
    };
    let outcome = match harness::test_run(&plans, &used, &options, args.coverage) {
        Ok(outcome) => outcome,
        Err(message) => return fail(&message),
    };
    print!("{}", outcome.render());
    if outcome.failures.is_empty() {
        Status::Clean
    } else {
        Status::Findings
    }
}
