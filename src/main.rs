//! The `planlint` command line (CLI.md).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
