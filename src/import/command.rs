//! `planlint import FILE…`: the subcommand's options, where plans go, and
//! the summary on stderr.
//!
//! All inputs are imported before anything is written, and every
//! destination is checked first: a run that fails (an unreadable input, a
//! file that exists without `--force`) writes nothing.

use std::path::PathBuf;

use super::{files, ImportError, ImportOptions, ImportedPlan};
use crate::files::display_path;

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// Legacy plans: .csv, .tsv, .xlsx (also .xlsm, .xls, .xlsb, .ods) or .yaml files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Write the plan to FILE instead of stdout (one plan only).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        conflicts_with = "out_dir"
    )]
    pub output: Option<PathBuf>,
    /// Write each plan to DIR/NAME.plan (NAME from the file, and the sheet for a workbook).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Replace plan files that already exist.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub reading: ReadingArgs,
}

/// How to read legacy files: shared by `import` and `audit --import`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ReadingArgs {
    /// Read a column as KEY, e.g. --map 'Campaign Lead=owner' or --map 'PO #=x-po-number' (repeatable).
    #[arg(long = "map", value_name = "COLUMN=KEY")]
    pub map: Vec<String>,
    /// The year of quarters and months written without one (`Q1`, `March`).
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,
    /// The currency of amounts written without one, e.g. EUR.
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// Import only this sheet of a workbook (repeatable).
    #[arg(long, value_name = "NAME")]
    pub sheet: Vec<String>,
    /// How numeric dates are written: dmy (26/9/25), mdy (9/26/25) or ymd; by default each column's own dates decide.
    #[arg(long, value_name = "ORDER")]
    pub date_order: Option<String>,
}

/// How the command ended: exit status 0 or 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportStatus {
    Done,
    Failed,
}

pub fn run(args: ImportArgs) -> ImportStatus {
    match import_and_write(&args) {
        Ok(()) => ImportStatus::Done,
        Err(error) => {
            eprintln!("planlint: error: {error}");
            ImportStatus::Failed
        }
    }
}

impl ReadingArgs {
    /// The options over `base` (a configuration's `import:` section):
    /// what is given on the command line wins.
    pub fn options(&self, base: ImportOptions) -> Result<ImportOptions, ImportError> {
        options(self, base)
    }
}

fn options(args: &ReadingArgs, base: ImportOptions) -> Result<ImportOptions, ImportError> {
    let mut options = base;
    for spec in &args.map {
        options.column_map.add(spec).map_err(ImportError)?;
    }
    if let Some(year) = args.year {
        if !(1900..=2199).contains(&year) {
            return Err(ImportError(format!(
                "--year {year}: planlint reads years from 1900 to 2199"
            )));
        }
        options.year = Some(year);
    }
    if let Some(code) = &args.currency {
        let code = code.trim().to_ascii_uppercase();
        if code.len() != 3 || !code.bytes().all(|byte| byte.is_ascii_uppercase()) {
            return Err(ImportError(format!(
                "--currency {code}: give an ISO 4217 code of three letters, e.g. EUR"
            )));
        }
        options.currency = Some(code);
    }
    if !args.sheet.is_empty() {
        options.sheets = args.sheet.clone();
    }
    if let Some(order) = &args.date_order {
        options.date_order = Some(super::DateOrder::parse(order).ok_or_else(|| {
            ImportError(format!(
                "--date-order {order}: give dmy (26/9/25), mdy (9/26/25) or ymd (2025-09-26)"
            ))
        })?);
    }
    Ok(options)
}

/// Where a plan goes.
enum Destination {
    Stdout,
    File(PathBuf),
}

fn import_and_write(args: &ImportArgs) -> Result<(), ImportError> {
    let options = args.reading.options(ImportOptions::default())?;
    let mut imported: Vec<(String, ImportedPlan)> = Vec::new();
    for path in &args.files {
        let shown = display_path(path);
        let bytes = files::read_input(path)?;
        for plan in super::import_bytes(&shown, &bytes, &options)? {
            imported.push((shown.clone(), plan));
        }
    }
    let destinations = destinations(args, &imported)?;
    for destination in &destinations {
        if let Destination::File(path) = destination {
            files::check_destination(path, args.force)?;
        }
    }
    if let Some(directory) = &args.out_dir {
        crate::files::create_directories(directory).map_err(|error| {
            ImportError(format!(
                "cannot create `{}`: {error}",
                display_path(directory)
            ))
        })?;
    }
    for ((input, plan), destination) in imported.iter().zip(&destinations) {
        let target = match destination {
            Destination::Stdout => {
                print!("{}", plan.text);
                "stdout".to_string()
            }
            Destination::File(path) => {
                files::write_atomically(path, &plan.text, args.force)?;
                display_path(path)
            }
        };
        eprint!("{}", summary_text(input, &target, plan));
    }
    Ok(())
}

fn destinations(
    args: &ImportArgs,
    imported: &[(String, ImportedPlan)],
) -> Result<Vec<Destination>, ImportError> {
    let several = || {
        let names: Vec<String> = imported
            .iter()
            .map(|(input, plan)| format!("\"{}\" from {input}", plan.title))
            .collect();
        ImportError(format!(
            "this import makes {} plans ({}), one file each: write them with --out-dir DIR, or pick one sheet with --sheet NAME",
            imported.len(),
            names.join(", ")
        ))
    };
    if let Some(directory) = &args.out_dir {
        let mut paths: Vec<PathBuf> = Vec::new();
        for (input, plan) in imported {
            let path = directory.join(format!("{}.plan", plan.file_stem));
            if paths.contains(&path) {
                return Err(ImportError(format!(
                    "two plans would be written to `{}` (the second from {input}); import them one at a time with -o FILE",
                    display_path(&path)
                )));
            }
            paths.push(path);
        }
        return Ok(paths.into_iter().map(Destination::File).collect());
    }
    if imported.len() > 1 {
        return Err(several());
    }
    Ok(imported
        .iter()
        .map(|_| match &args.output {
            Some(path) => Destination::File(path.clone()),
            None => Destination::Stdout,
        })
        .collect())
}

/// What an import did, for stderr: its notes, then one line about the
/// plan and one about the columns kept as attributes.
pub fn summary_text(input: &str, target: &str, plan: &ImportedPlan) -> String {
    let summary = &plan.summary;
    let mut out = String::new();
    for note in &summary.notes {
        out.push_str(&format!("{note}\n"));
    }
    let count = crate::text::count;
    out.push_str(&format!(
        "imported {input} → {target}: plan \"{}\" with {}, {}, {}, {}\n",
        plan.title,
        count(summary.tactics, "tactic", "tactics"),
        count(summary.objectives, "objective", "objectives"),
        count(summary.strategies, "strategy", "strategies"),
        count(summary.people, "person", "people"),
    ));
    if !summary.kept_columns.is_empty() {
        let columns: Vec<String> = summary
            .kept_columns
            .iter()
            .map(|(header, key)| match header.as_str() {
                "" => format!("(no header) → {key}"),
                header => format!("\"{header}\" → {key}"),
            })
            .collect();
        out.push_str(&format!(
            "  kept as your own `x-` attributes (planlint does not know these columns; unknown-attribute does not flag `x-` keys): {}\n",
            columns.join(", "),
        ));
    }
    if summary.unreadable_cells > 0 {
        out.push_str(&format!(
            "  {} kept as text (see the warnings above): `planlint check` reports {} as invalid-value\n",
            count(summary.unreadable_cells, "cell", "cells"),
            if summary.unreadable_cells == 1 { "it" } else { "them" }
        ));
    }
    out
}
