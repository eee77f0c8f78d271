//! The `planlint` command line (CLI.md).
// On Linux with glibc the C runtime calls `main` below directly: see there.
// Not in the unit tests' binary, whose `main` is the test harness's.
#![cfg_attr(all(target_os = "linux", target_env = "gnu", not(test)), no_main)]

mod allocator;
mod cli;

/// mimalloc for long runs, the system's allocator for short ones: see `allocator`.
#[global_allocator]
static ALLOCATOR: allocator::ChosenAllocator = allocator::ChosenAllocator;

/// The process's entry point, called by the C runtime. Rust's own entry
/// point sets up its runtime first: it reads `/proc/self/maps` to find the
/// main thread's stack, and installs signal handlers and a stack of their
/// own to report a stack overflow by name, a twentieth of a one-file
/// `check` (issue 11: within half a millisecond of `cat`). What of it a
/// run needs, planlint does: a write to a closed pipe is an error, not a
/// signal that ends the process; a panic ends it with status 101; standard
/// output is flushed at the end. A stack overflow is then reported by the
/// system, as a segmentation fault. Only on Linux with glibc, where the
/// C runtime hands the arguments to Rust's standard library before `main`
/// (`std::env::args` needs no runtime), and where it was measured.
#[cfg(all(target_os = "linux", target_env = "gnu", not(test)))]
#[unsafe(no_mangle)]
extern "C" fn main(
    _argc: std::ffi::c_int,
    _argv: *const *const std::ffi::c_char,
) -> std::ffi::c_int {
    use std::io::Write;
    // SAFETY: called first, before any thread exists; ignoring SIGPIPE is
    // what Rust's runtime does.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    let status = std::panic::catch_unwind(cli::main).unwrap_or(PANICKED);
    let _ = std::io::stdout().flush();
    status.into()
}

/// The exit status of a run that panicked, as with Rust's runtime.
#[cfg(all(target_os = "linux", target_env = "gnu", not(test)))]
const PANICKED: u8 = 101;

#[cfg(not(all(target_os = "linux", target_env = "gnu", not(test))))]
fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(cli::main())
}
