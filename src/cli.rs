//! Subcommands, options and exit status. Parses arguments (clap derive),
//! builds the run's rule set, calls [`planlint::run`] and prints a report.

mod fixing;
mod fmt;
mod lsp;
mod outcome;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use clap::{Parser, Subcommand, ValueEnum};
use planlint::config::{Config, ConfigError, ConfigFinder, Selection};
use planlint::diagnostics::FileReport;
use planlint::files::{self, Input, WalkOptions};
use planlint::lint;
use planlint::model::Date;
use planlint::report::audit::AuditFormat;
use planlint::report::{self, Format, HumanStyle, RenderContext};
use planlint::rule_tests;
use planlint::rules::{LintOptions, RuleSet};
use supports_color::Stream;

use outcome::ReportArgs;

/// The exit status of every command: 0 clean, 1 findings, 2 the run failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Clean = 0,
    Findings = 1,
    Failed = 2,
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

/// A subcommand's arguments, which clap builds only when that subcommand
/// runs (or for help, completions and the manual page): building every
/// subcommand's arguments was a tenth of a one-file `check`'s instructions.
struct Deferred<T>(T);

impl<T: clap::FromArgMatches> clap::FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Deferred)
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }
}

impl<T: clap::Args> clap::Args for Deferred<T> {
    fn augment_args(command: clap::Command) -> clap::Command {
        command.defer(|command| keeping_about(command, T::augment_args))
    }

    fn augment_args_for_update(command: clap::Command) -> clap::Command {
        command.defer(|command| keeping_about(command, T::augment_args_for_update))
    }

    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
}

/// Adds arguments to a subcommand without replacing its description: the
/// arguments' own doc comments would (added late, they come last).
fn keeping_about(
    command: clap::Command,
    augment: impl FnOnce(clap::Command) -> clap::Command,
) -> clap::Command {
    let about = command.get_about().cloned();
    let long_about = command.get_long_about().cloned();
    let mut command = augment(command);
    if let Some(about) = about {
        command = command.about(about);
    }
    if let Some(long_about) = long_about {
        command = command.long_about(long_about);
    }
    command
}

#[derive(Subcommand)]
enum Command {
    /// Lint plan files and directories (default: the current directory).
    Check(Deferred<CheckArgs>),
    /// Check plans against their `# expect:` comments, and every rule's examples.
    Test(Deferred<TestArgs>),
    /// Lint a tree of plans and write a report people read: scores, rollups, charts.
    Audit(Deferred<AuditArgs>),
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
    Import(Deferred<planlint::import::ImportArgs>),
    /// Show which configuration applies to a plan or directory, and every rule's effective settings.
    Config {
        /// A plan or a directory (default: the current directory).
        path: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        /// Show this configuration instead of the one found for PATH.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) on stdout.
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff) on stdout: `planlint manpage > planlint.1`.
    Manpage,
    /// Lay plans out in the canonical format (in place; `--check`, `--diff`, `-` for stdin).
    Fmt(Deferred<fmt::FmtArgs>),
    /// Run the language server on stdin and stdout, for editors.
    Lsp(Deferred<lsp::LspArgs>),
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
    /// Also run the rules still in preview (`planlint rules` marks them).
    #[arg(long)]
    preview: bool,
    /// Walk directories without respecting `.gitignore`, `.ignore` and `.git/info/exclude`.
    #[arg(long)]
    no_ignore: bool,
    /// Exit 0 even when there are errors or too many warnings (2 still means the run failed).
    #[arg(long)]
    exit_zero: bool,
    /// Write the report to FILE instead of stdout (replaced atomically; never colour).
    #[arg(short = 'o', long, value_name = "FILE")]
    output_file: Option<PathBuf>,
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
    /// Walk directories without respecting `.gitignore`, `.ignore` and `.git/info/exclude`.
    #[arg(long)]
    no_ignore: bool,
}

#[derive(clap::Args)]
struct AuditArgs {
    /// Files and directories of plans to audit.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The report's format (default: from the extension of -o, else html).
    #[arg(long, value_enum)]
    format: Option<AuditFormat>,
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
    /// Walk directories without respecting `.gitignore`, `.ignore` and `.git/info/exclude`.
    #[arg(long)]
    no_ignore: bool,
    /// Also run the rules still in preview.
    #[arg(long)]
    preview: bool,
    /// How legacy files are read (with --import), over the `import:`
    /// section of each file's .planlint.yaml.
    #[command(flatten)]
    reading: planlint::import::ReadingArgs,
}

fn parse_date(text: &str) -> Result<Date, String> {
    use planlint::model::time::{StrictDateError, FIRST_YEAR, LAST_YEAR};
    Date::parse_strict(text).map_err(|error| match error {
        StrictDateError::NotYearMonthDay => {
            format!("`{text}` is not a date written YYYY-MM-DD, such as 2027-03-31")
        }
        StrictDateError::NoSuchDay => {
            format!("`{text}` is not a date: the calendar has no such day")
        }
        StrictDateError::OutsideYears => {
            format!("`{text}` is outside the years {FIRST_YEAR} to {LAST_YEAR} that planlint knows")
        }
    })
}

/// Runs the command line; returns the exit status.
pub fn main() -> u8 {
    let cli = Cli::parse();
    // A run that ends gives freed memory back at once: its peak is what
    // counts. The language server keeps it: the next keystroke reuses it,
    // and giving it back cost CPU time at each one.
    if !matches!(cli.command, Command::Lsp(_)) {
        crate::allocator::give_back_freed_memory_at_once();
    }
    let status = match cli.command {
        Command::Check(Deferred(args)) => check(args),
        Command::Test(Deferred(args)) => test(args),
        Command::Audit(Deferred(args)) => audit(args),
        Command::Rules { format, config } => list_rules(format, config.as_deref()),
        Command::Explain { rule, config } => explain(&rule, config.as_deref()),
        Command::Import(Deferred(args)) => import(args),
        Command::Config {
            path,
            format,
            config,
        } => show_config(path.as_deref(), format, config.as_deref()),
        Command::Completions { shell } => completions(shell),
        Command::Manpage => manpage(),
        Command::Fmt(Deferred(args)) => fmt::fmt(args),
        Command::Lsp(Deferred(args)) => lsp::lsp(args),
    };
    status as u8
}

fn fail(message: &str) -> Status {
    eprintln!("planlint: error: {}", planlint::text::printable(message));
    Status::Failed
}

/// An invalid configuration or custom rule: rendered like a finding, on stderr.
fn config_failure(error: &ConfigError) -> Status {
    let style = HumanStyle {
        color: use_color_on_stderr(),
        width: terminal_width(Stream::Stderr),
    };
    eprint!("{}", report::render_error(error, &style));
    Status::Failed
}

/// The plans under `paths`, each with its configuration (excluded ones
/// left out), and how many plans were found before exclusion. What the walk
/// has to say (a link loop) is printed as a warning.
fn plans_with_configs(
    paths: &[PathBuf],
    stdin_filename: Option<&str>,
    walk: WalkOptions,
    configs: &mut ConfigFinder,
) -> Result<FoundPlans, Status> {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    if paths.iter().filter(|path| path.as_os_str() == "-").count() > 1 {
        return Err(fail("`-` (stdin) can be given only once"));
    }
    let discovery =
        files::collect_inputs(paths, stdin_filename, walk).map_err(|error| fail(&error.0))?;
    for warning in &discovery.warnings {
        eprintln!("planlint: warning: {warning}");
    }
    for dir in paths.iter().filter(|path| path.is_dir()) {
        configs
            .for_directory(dir)
            .map_err(|error| config_failure(&error))?;
    }
    let found = discovery.inputs.len();
    let plans = configs
        .assign(discovery.inputs)
        .map_err(|error| config_failure(&error))?;
    Ok(FoundPlans { plans, found })
}

/// The plans a run checks, each with its configuration, and how many were
/// found before the configurations' `exclude` left some out.
struct FoundPlans {
    plans: Vec<(Input, Rc<Config>)>,
    found: usize,
}

/// A run that found nothing to check fails (exit status 2): a wrong path in
/// CI must not pass as "no problems". Plans named one by one that are all
/// excluded are the exception (exit 0): that is a pre-commit hook handing
/// over the staged files of an excluded folder, and the commit must pass.
fn nothing_to_check(paths: &[PathBuf], found: usize) -> Status {
    let all_named_files = !paths.is_empty() && paths.iter().all(|path| path.is_file());
    if all_named_files && found > 0 {
        eprintln!(
            "planlint: nothing to check: {} excluded by the configuration's `exclude`.",
            if found == 1 {
                "the plan named is".to_string()
            } else {
                format!("the {found} plans named are all")
            }
        );
        return Status::Clean;
    }
    let shown: Vec<String> = if paths.is_empty() {
        vec!["`.`".into()]
    } else {
        paths
            .iter()
            .map(|path| format!("`{}`", path.display()))
            .collect()
    };
    let place = shown.join(", ");
    if found == 0 {
        fail(&format!(
            "no plan files found in {place}: planlint checks files ending in `.plan` \
             (hidden and git-ignored ones are skipped; `--no-ignore` keeps the git-ignored)"
        ))
    } else {
        fail(&format!(
            "no plan files to check in {place}: the {} found {} excluded by the \
             configuration's `exclude`",
            planlint::text::count(found, "plan", "plans"),
            if found == 1 { "is" } else { "are all" }
        ))
    }
}

fn check(args: CheckArgs) -> Status {
    let reporter = match outcome::Reporter::prepare(&args.report, args.format) {
        Ok(reporter) => reporter,
        Err(message) => return fail(&message),
    };
    let selection = Selection {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        preview: args.preview,
    };
    let mut configs = match ConfigFinder::new(args.config.as_deref(), selection.clone()) {
        Ok(configs) => configs,
        Err(error) => return config_failure(&error),
    };
    let walk = WalkOptions {
        respect_ignore_files: !args.no_ignore,
    };
    let FoundPlans { plans, found } = match plans_with_configs(
        &args.paths,
        args.stdin_filename.as_deref(),
        walk,
        &mut configs,
    ) {
        Ok(found) => found,
        Err(status) => return status,
    };
    if let Err(message) = selection.check(&configs.known_rule_ids()) {
        return fail(&message);
    }
    if plans.is_empty() {
        return nothing_to_check(&args.paths, found);
    }
    if let Some(output) = &args.output_file {
        if let Some(plan) = plans.iter().find(|(input, _)| is_same_file(input, output)) {
            return fail(&format!(
                "`{}` is one of the plans being checked; the report is not written over it",
                plan.0.name()
            ));
        }
    }
    let options = LintOptions {
        today: args.today.unwrap_or_else(files::today),
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
    let to_file = args.output_file.is_some();
    let context = RenderContext {
        style: HumanStyle {
            color: !to_file && use_color(args.color),
            width: if to_file {
                DEFAULT_WIDTH
            } else {
                terminal_width(Stream::Stdout)
            },
        },
        rules: rule_catalog(&used),
    };
    let plan_files = plan_files(&plans);
    let status = match &args.output_file {
        Some(path) => {
            let mut report = Vec::new();
            let (status, reported) =
                reporter.finish(args.format, reports, &context, &plan_files, &mut report);
            if reported {
                if let Err(error) = files::write_atomically(path, &report, true) {
                    return fail(&error.message(&format!("the report `{}`", path.display())));
                }
            }
            status
        }
        None => {
            // Written as it is rendered: a large report is not held whole.
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            let (status, _) =
                reporter.finish(args.format, reports, &context, &plan_files, &mut stdout);
            // A closed pipe (`planlint check | head`) is not an error of the run.
            let _ = stdout.flush();
            status
        }
    };
    // The process exits next: freeing every rule of every configuration
    // one by one would be a sixteenth of a one-file run's instructions.
    drop(context);
    std::mem::forget((plans, used, configs));
    if args.exit_zero && status == Status::Findings {
        return Status::Clean;
    }
    status
}

/// Whether a plan on disk is the file at `path` (both exist and are one file).
fn is_same_file(input: &Input, path: &Path) -> bool {
    let Input::File(plan) = input else {
        return false;
    };
    match (files::canonical(plan), files::canonical(path)) {
        (Ok(plan), Ok(path)) => plan == path,
        _ => false,
    }
}

fn print_stdout(text: &str) {
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        // A closed pipe (`planlint check | head`) is not an error of the run.
    }
}

/// The files on disk a run reads as plans (stdin's too, by its
/// `--stdin-filename`: an editor's buffer of that file): never replaced by
/// what the run writes.
fn plan_files(plans: &[(Input, Rc<Config>)]) -> Vec<PathBuf> {
    input_files(plans.iter().map(|(input, _)| input))
}

/// The files behind inputs (see [`plan_files`]).
fn input_files<'a>(inputs: impl Iterator<Item = &'a Input>) -> Vec<PathBuf> {
    inputs
        .filter_map(|input| match input {
            Input::File(path)
            | Input::Imported { origin: path, .. }
            | Input::Unreadable { path, .. } => Some(path.clone()),
            Input::Stdin { name } => name.as_ref().map(PathBuf::from),
        })
        .collect()
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

/// The audit's format: `--format`, else the extension of `-o` (`.md`,
/// `.json`, `.html`), else HTML; a `--format` the file name contradicts is
/// refused, so `-o report.md` never holds HTML.
fn audit_format(args: &AuditArgs) -> Result<AuditFormat, String> {
    let by_extension = args.output.as_ref().and_then(|path| {
        let extension = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match extension.as_str() {
            "md" | "markdown" => Some(AuditFormat::Markdown),
            "json" => Some(AuditFormat::Json),
            "html" | "htm" => Some(AuditFormat::Html),
            _ => None,
        }
    });
    match (args.format, by_extension) {
        (Some(format), Some(named)) if format != named => {
            Err(format!(
            "`-o {}` names a {} file but --format asks for {}; drop --format or rename the file",
            args.output.as_deref().map(files::display_path).unwrap_or_default(),
            format_name(named),
            format_name(format)
        ))
        }
        (Some(format), _) | (None, Some(format)) => Ok(format),
        (None, None) => Ok(AuditFormat::Html),
    }
}

fn format_name(format: AuditFormat) -> &'static str {
    match format {
        AuditFormat::Html => "HTML",
        AuditFormat::Markdown => "Markdown",
        AuditFormat::Json => "JSON",
    }
}

fn audit(args: AuditArgs) -> Status {
    let format = match audit_format(&args) {
        Ok(format) => format,
        Err(message) => return fail(&message),
    };
    // Each plan is audited with its own configuration, as `check` lints it.
    let selection = Selection {
        preview: args.preview,
        ..Selection::default()
    };
    let mut configs = match ConfigFinder::new(None, selection) {
        Ok(configs) => configs,
        Err(error) => return config_failure(&error),
    };
    let walk = WalkOptions {
        respect_ignore_files: !args.no_ignore,
    };
    let mut plans = match plans_with_configs(&args.paths, None, walk, &mut configs) {
        Ok(found) => found.plans,
        Err(status) => return status,
    };
    if args.import {
        match imported_inputs(&args.paths, &args.reading, &mut configs) {
            Ok(mut imported) => plans.append(&mut imported),
            Err(status) => return status,
        }
    }
    let unimportable = plans
        .iter()
        .filter(|(input, _)| matches!(input, Input::Imported { text: Err(_), .. }))
        .count();
    // The rules of each input, by its place among the inputs.
    let rules_by_input: Vec<std::sync::Arc<RuleSet>> = plans
        .iter()
        .map(|(_, config)| config.rules.clone())
        .collect();
    let rules = match configs.for_directory(Path::new(".")) {
        Ok(config) => config.rules.clone(),
        Err(error) => return config_failure(&error),
    };
    let inputs: Vec<Input> = plans.into_iter().map(|(input, _)| input).collect();
    let options = LintOptions {
        today: args.today.unwrap_or_else(files::today),
    };
    let progress = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(inputs.len() as u64).with_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} plans {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        )
    } else {
        indicatif::ProgressBar::hidden()
    };
    // Each plan's part of the report goes to a temporary file as soon as
    // the plan is linted; the report is then streamed to its output.
    let auditor = match planlint::report::audit::auditor(format) {
        Ok(auditor) => auditor,
        Err(error) => return fail(&spill_failure(&error)),
    };
    planlint::audit::collect(
        &inputs,
        |index| rules_by_input[index].clone(),
        &options,
        || progress.inc(1),
        &auditor,
    );
    progress.finish_and_clear();
    let audit = match auditor.finish(&rules) {
        Ok(audit) => audit,
        Err(error) => return fail(&spill_failure(&error)),
    };
    // The plans an output must never replace, made once the inputs are
    // no longer needed (the list of every input is the largest thing left).
    let audited = input_files(inputs.iter());
    drop(inputs);
    let write = |out: &mut dyn Write| planlint::report::audit::write(format, &audit, out);
    match &args.output {
        Some(path) => {
            let replace = files::Replace {
                force: args.force,
                if_written_by_planlint: None,
                inputs: &audited,
            };
            if let Err(error) = files::write_checked_with(path, replace, write) {
                return fail(&error.message(&format!("`{}`", path.display())));
            }
            eprintln!(
                "Audited {}: {}; report written to {}.",
                planlint::text::count(audit.files, "plan", "plans"),
                [
                    planlint::text::count(audit.counts.errors, "error", "errors"),
                    planlint::text::count(audit.counts.warnings, "warning", "warnings"),
                    planlint::text::count(audit.counts.infos, "info", "infos"),
                ]
                .join(", "),
                path.display()
            );
        }
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            // A closed pipe (`| head`) ends the report quietly, as before.
            let _ = write(&mut stdout).and_then(|()| stdout.flush());
        }
    }
    // An audit reports; it fails when it cannot run, and a legacy file it
    // could not import (a finding in the report) makes the status 1, as an
    // unreadable plan does for `check`: a CI job must not pass on it.
    if unimportable > 0 {
        eprintln!(
            "planlint: {unimportable} legacy {} could not be imported (see `unreadable-file` in the report)",
            if unimportable == 1 { "file" } else { "files" }
        );
        return Status::Findings;
    }
    Status::Clean
}

/// The audit could not use its temporary file (the disk is full, `TMPDIR`
/// names no writable directory).
fn spill_failure(error: &std::io::Error) -> String {
    format!(
        "cannot keep the plans' parts of the report in a temporary file \
         (in {}): {}; set TMPDIR to a writable directory with room for the report",
        std::env::temp_dir().display(),
        files::plain_io_error(error)
    )
}

/// Legacy plans under the paths, converted to plan text (`audit --import`),
/// each read with its configuration's `import:` settings under the command
/// line's, and each excluded file skipped before it is read. A file that
/// cannot be read or imported is an `unreadable-file` finding of that file.
fn imported_inputs(
    paths: &[PathBuf],
    reading: &planlint::import::ReadingArgs,
    configs: &mut ConfigFinder,
) -> Result<Vec<(Input, Rc<Config>)>, Status> {
    let mut inputs = Vec::new();
    for path in planlint::import::legacy_files(paths).map_err(|error| fail(&error))? {
        let Some(config) = configs
            .unless_excluded(&path)
            .map_err(|error| config_failure(&error))?
        else {
            continue;
        };
        let options = reading
            .options(config.import.clone())
            .map_err(|error| fail(&error.0))?;
        for (name, plan) in planlint::import::import_file(&path, &options) {
            let (text, places) = match plan {
                Ok(plan) => (Ok(plan.text), plan.places),
                Err(error) => (Err(error), Vec::new()),
            };
            let input = Input::Imported {
                name,
                origin: path.clone(),
                text,
                places,
            };
            inputs.push((input, config.clone()));
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

/// Whether to colour the human report. `auto` follows the usual variables
/// (`NO_COLOR`, `FORCE_COLOR`, `CLICOLOR_FORCE`, `TERM=dumb`) and whether
/// stdout is a terminal, as the `supports-color` crate reads them.
fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => supports_color::on(Stream::Stdout).is_some(),
    }
}

fn use_color_on_stderr() -> bool {
    supports_color::on(Stream::Stderr).is_some()
}

/// The width reports wrap at when it cannot be told.
const DEFAULT_WIDTH: usize = 100;

/// The width to wrap at: `COLUMNS` if set (as shells and CI set it), else
/// the terminal's, else 100 columns; never under 40.
fn terminal_width(stream: Stream) -> usize {
    let from_variable = std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.parse().ok());
    let from_terminal = || {
        match stream {
            Stream::Stdout => terminal_size::terminal_size_of(std::io::stdout()),
            Stream::Stderr => terminal_size::terminal_size_of(std::io::stderr()),
        }
        .map(|(terminal_size::Width(columns), _)| usize::from(columns))
    };
    from_variable
        .or_else(from_terminal)
        .filter(|&columns: &usize| columns >= 40)
        .unwrap_or(DEFAULT_WIDTH)
}

/// The configuration `rules` and `explain` describe: `--config`, or the one for `.`.
fn config_here(explicit: Option<&Path>) -> Result<Rc<Config>, Status> {
    let mut configs = ConfigFinder::new(explicit, Selection::default())
        .map_err(|error| config_failure(&error))?;
    configs
        .for_plan(Path::new("./plan"))
        .map_err(|error| config_failure(&error))
}

/// `["safe", "unsafe"]`: the fixes a rule offers.
fn fix_safeties(file: &planlint::rules::RuleFile) -> Vec<&'static str> {
    file.fix_safeties()
        .iter()
        .map(|safety| safety.as_str())
        .collect()
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
                    let fixes = fix_safeties(&rule.file);
                    serde_json::json!({
                        "id": rule.file.id,
                        "severity": rule.file.severity,
                        "preview": rule.file.preview,
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
                let fixes = fix_safeties(&rule.file);
                let fix = if fixes.is_empty() {
                    "-".to_string()
                } else {
                    fixes.join("+")
                };
                // Like ruff's `(preview)` marker: the rule runs only with preview on.
                let preview = if rule.file.preview { "(preview) " } else { "" };
                println!(
                    "{:width$}  {:7}  {:11}  {preview}{}",
                    rule.id(),
                    rule.file.severity.as_str(),
                    fix,
                    planlint::text::printable(&rule.file.summary)
                );
            }
        }
    }
    Status::Clean
}

/// `planlint config [PATH]`: the configuration file that applies to PATH
/// (and what it extends), then every rule with its effective severity and
/// options, as `ruff check --show-settings` does.
fn show_config(path: Option<&Path>, format: ListFormat, explicit: Option<&Path>) -> Status {
    let path = path.unwrap_or(Path::new("."));
    if !path.exists() {
        return fail(&format!(
            "cannot read `{}`: no such file or directory",
            path.display()
        ));
    }
    let mut configs = match ConfigFinder::new(explicit, Selection::default()) {
        Ok(configs) => configs,
        Err(error) => return config_failure(&error),
    };
    let found = if path.is_dir() {
        configs.for_directory(path)
    } else {
        configs.for_plan(path)
    };
    let config = match found {
        Ok(config) => config,
        Err(error) => return config_failure(&error),
    };
    let rules: Vec<serde_json::Value> = config
        .rules
        .rules()
        .iter()
        .map(|rule| {
            serde_json::json!({
                "id": rule.id(),
                "severity": rule.severity.map_or("off", |severity| severity.as_str()),
                "custom": config.custom_rules.get(rule.id()),
                "options": rule.options,
            })
        })
        .collect();
    let exclude: Vec<serde_json::Value> = config
        .exclude
        .iter()
        .map(|exclusion| {
            serde_json::json!({
                "relative-to": exclusion.shown_dir,
                "globs": exclusion.globs,
            })
        })
        .collect();
    match format {
        ListFormat::Json => {
            let settings = serde_json::json!({
                "path": files::display_path(path),
                "file": config.file,
                "extends": config.extends,
                "require-reason": config.rules.requires_reason(),
                "exclude": exclude,
                "rules": rules,
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&settings).expect("settings serialize")
            );
        }
        ListFormat::Human => print!("{}", describe_config(path, &config, &rules)),
    }
    Status::Clean
}

fn describe_config(path: &Path, config: &Config, rules: &[serde_json::Value]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let shown = files::display_path(path);
    let _ = match &config.file {
        Some(file) => writeln!(out, "Configuration for `{shown}`: {file}"),
        None => writeln!(
            out,
            "Configuration for `{shown}`: none found (no `.planlint.yaml` here or above); built-in defaults"
        ),
    };
    for extended in &config.extends {
        let _ = writeln!(out, "  extends {extended}");
    }
    let _ = writeln!(out, "require-reason: {}", config.rules.requires_reason());
    for exclusion in &config.exclude {
        let _ = writeln!(
            out,
            "exclude: {} (relative to {})",
            exclusion.globs.join(", "),
            exclusion.shown_dir
        );
    }
    let _ = writeln!(out, "\nrules:");
    let width = rules
        .iter()
        .filter_map(|rule| rule["id"].as_str())
        .map(str::len)
        .max()
        .unwrap_or(0);
    for rule in rules {
        let id = rule["id"].as_str().unwrap_or_default();
        let severity = rule["severity"].as_str().unwrap_or_default();
        let mut line = format!("  {id:width$}  {severity:7}");
        if let Some(options) = rule["options"].as_object() {
            for (name, value) in options {
                let _ = write!(line, "  {name}: {value}");
            }
        }
        if let Some(file) = rule["custom"].as_str() {
            let _ = write!(line, "  (custom, {file})");
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

fn completions(shell: clap_complete::Shell) -> Status {
    use clap::CommandFactory;
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "planlint", &mut std::io::stdout());
    Status::Clean
}

fn manpage() -> Status {
    use clap::CommandFactory;
    let mut command = Cli::command();
    // Builds every subcommand's arguments (`Deferred`).
    command.build();
    let page = clap_mangen::Man::new(command);
    let mut out = Vec::new();
    if let Err(error) = page.render(&mut out) {
        return fail(&format!("cannot render the manual page: {error}"));
    }
    print_stdout(&String::from_utf8_lossy(&out));
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
    // A custom rule's text is the repository's: shown, not obeyed.
    print!(
        "{}",
        planlint::text::printable(&planlint::rules::explain(&rule.file))
    );
    Status::Clean
}

/// `planlint test`: plans against their `# expect:` comments, rules against
/// their own examples, and (`--coverage`) every rule against both.
fn test(args: TestArgs) -> Status {
    if args.paths.iter().any(|path| path.as_os_str() == "-") {
        return fail("`planlint test` reads plan files, not stdin");
    }
    let mut configs = match ConfigFinder::new(args.config.as_deref(), Selection::default()) {
        Ok(configs) => configs,
        Err(error) => return config_failure(&error),
    };
    let walk = WalkOptions {
        respect_ignore_files: !args.no_ignore,
    };
    let plans = match plans_with_configs(&args.paths, None, walk, &mut configs) {
        Ok(found) => found.plans,
        Err(status) => return status,
    };
    let options = LintOptions {
        today: args.today.unwrap_or_else(files::today),
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
    let outcome = match rule_tests::test_run(&plans, &used, &options, args.coverage) {
        Ok(outcome) => outcome,
        Err(message) => return fail(&message),
    };
    print!("{}", planlint::text::printable(&outcome.render()));
    if outcome.failures.is_empty() {
        Status::Clean
    } else {
        Status::Findings
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::Cli;

    /// Deferred arguments are all there once built (help, completions, the
    /// manual page), under each subcommand's own description.
    #[test]
    fn deferred_subcommands_keep_their_description_and_get_their_arguments() {
        let mut command = Cli::command();
        command.build();
        command.clone().debug_assert();
        let subcommand = |name: &str| command.find_subcommand(name).unwrap().clone();
        let check = subcommand("check");
        assert_eq!(
            check.get_about().unwrap().to_string(),
            "Lint plan files and directories (default: the current directory)"
        );
        assert!(check.get_arguments().any(|arg| arg.get_id() == "format"));
        let import = subcommand("import");
        assert!(import
            .get_about()
            .unwrap()
            .to_string()
            .starts_with("Convert legacy plans"));
        assert!(import.get_arguments().count() > 5);
    }

    /// Before building, only what a run needs is there: the arguments of
    /// the subcommand that runs are added when it is parsed.
    #[test]
    fn a_subcommand_arguments_wait_until_it_runs() {
        let command = Cli::command();
        let check = command.find_subcommand("check").unwrap();
        assert_eq!(check.get_arguments().count(), 0);
        let parsed = Cli::try_parse_from(["planlint", "check", "--format", "compact", "a.plan"]);
        assert!(parsed.is_ok());
    }
}
