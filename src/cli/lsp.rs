//! `planlint lsp`: the language server on stdio (see `planlint::lsp`).

use super::{fail, parse_date, Status};
use planlint::files;
use planlint::model::Date;

#[derive(clap::Args)]
pub struct LspArgs {
    /// The date suppressions' `until` is compared with (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    today: Option<Date>,
}

pub fn lsp(args: LspArgs) -> Status {
    match planlint::lsp::serve_stdio(args.today.unwrap_or_else(files::today)) {
        Ok(()) => Status::Clean,
        Err(message) => fail(&format!("language server: {message}")),
    }
}
