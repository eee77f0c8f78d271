//! The `planlint` command line (CLI.md).

mod allocator;
mod cli;

/// mimalloc for long runs, the system's allocator for short ones: see `allocator`.
#[global_allocator]
static ALLOCATOR: allocator::ChosenAllocator = allocator::ChosenAllocator;

fn main() -> std::process::ExitCode {
    cli::main()
}
