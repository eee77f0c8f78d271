//! The binary's allocator, chosen per run from its command line.
//!
//! mimalloc makes long runs faster (the language server answered a
//! keystroke on a 1,000-tactic plan in 37 ms rather than 58; `check` of
//! 1,000 plans took a fifth less CPU, the 50,000-tactic plan 0.9 s rather
//! than 1.5), but setting it up cost a run about 0.3 ms: its arena, a 2 MiB
//! huge page zeroed at the first allocation (it is now built without huge
//! pages), its options read from the environment. That was most of what a
//! one-file `check` (a
//! pre-commit hook, an editor's save) waited for beyond starting a process
//! (issue 11: within 0.5 ms of `cat`). So the long runs get mimalloc: `lsp`,
//! `audit`, and `check` or `fmt` of a directory (or of the current one) or
//! of plans of more than a megabyte; every other run, the system's
//! allocator.
//!
//! The choice is made once, before the first allocation, and never changes:
//! memory is always freed by the allocator that gave it. On Linux with
//! glibc the C runtime passes `argc` and `argv` to the functions of
//! `.init_array` before `main`, which is where the choice is made. Should
//! anything allocate first, or elsewhere, the process uses the system's
//! allocator throughout. The choice changes only speed, never a result.

use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::CStr;
use std::sync::atomic::{AtomicU8, Ordering};

use mimalloc::MiMalloc;
use planlint::files::Named;

const UNDECIDED: u8 = 0;
const SYSTEM: u8 = 1;
const MIMALLOC: u8 = 2;

/// Which allocator this process uses: [`UNDECIDED`] until the first
/// allocation or the command line decides.
static CHOICE: AtomicU8 = AtomicU8::new(UNDECIDED);

/// Settles the choice if nothing has yet, and returns the choice in force.
fn decide(choice: u8) -> u8 {
    match CHOICE.compare_exchange(UNDECIDED, choice, Ordering::AcqRel, Ordering::Acquire) {
        Ok(_) => choice,
        Err(settled) => settled,
    }
}

/// mimalloc or the system's allocator, whichever this run chose.
pub struct ChosenAllocator;

impl ChosenAllocator {
    fn uses_mimalloc(&self) -> bool {
        match CHOICE.load(Ordering::Relaxed) {
            UNDECIDED => decide(SYSTEM) == MIMALLOC,
            choice => choice == MIMALLOC,
        }
    }
}

// SAFETY: each call goes to the allocator chosen before the first
// allocation, which never changes, so a block is always resized and freed
// by the allocator that gave it; both allocators uphold `GlobalAlloc`.
unsafe impl GlobalAlloc for ChosenAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if self.uses_mimalloc() {
            MiMalloc.alloc(layout)
        } else {
            System.alloc(layout)
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if self.uses_mimalloc() {
            MiMalloc.alloc_zeroed(layout)
        } else {
            System.alloc_zeroed(layout)
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        if self.uses_mimalloc() {
            MiMalloc.dealloc(block, layout)
        } else {
            System.dealloc(block, layout)
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if self.uses_mimalloc() {
            MiMalloc.realloc(block, layout, new_size)
        } else {
            System.realloc(block, layout, new_size)
        }
    }
}

/// Plans of this many bytes together make a long run: mimalloc checks a
/// 13 MB plan of 50,000 tactics in 0.9 s where the system's allocator takes
/// 1.5 s, and a plan of a few kilobytes 0.3 ms sooner without it.
const LONG_RUN_BYTES: u64 = 1 << 20;

/// `mi_option_purge_delay` in the `mimalloc.h` of mimalloc v3 (what
/// `libmimalloc-sys` 0.1.49 builds). The test below checks its default, so
/// a version that moves it fails the tests.
const PURGE_DELAY: std::ffi::c_int = 15;

// `mi_option_set`/`mi_option_get` are in the mimalloc library the `mimalloc`
// crate links; `libmimalloc-sys` declares them only with its `extended`
// feature, which would add a crate for two functions.
extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    #[cfg(test)]
    fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
}

/// mimalloc keeps memory that was freed for a second before giving it back
/// to the system, in case it is wanted again. A `check` of a large plan
/// frees the syntax tree as it builds the model, and each rule's working
/// memory as the next starts: held back, that was about 25 MB more at the
/// peak for the corpus's 50,000-tactic plan (README, Memory). Runs that end
/// give it back at once (`cli::main`); the language server does not: the
/// next keystroke reuses it, and giving it back cost CPU at each one.
/// (Its options are read from the environment before `main`, so only code
/// can change their defaults.)
pub fn give_back_freed_memory_at_once() {
    // SAFETY: mimalloc's options may be set at any time from any thread,
    // whichever allocator the run chose.
    unsafe { mi_option_set(PURGE_DELAY, 0) }
}

/// Whether a run with these arguments (after the program's name) is a long
/// one: the language server, an audit, or a `check` or `fmt` of a
/// directory, of none named (the current one) or of plans of more than
/// [`LONG_RUN_BYTES`]. `-` is standard input: one plan, of unknown size.
/// A word that names nothing is an option's value (`compact` of
/// `--format compact`) or a path to report missing.
fn is_long_run<'a>(
    arguments: impl IntoIterator<Item = &'a [u8]>,
    named: impl Fn(&'a [u8]) -> Named,
) -> bool {
    let mut words = arguments
        .into_iter()
        .filter(|argument| *argument == b"-" || !argument.starts_with(b"-"));
    match words.next() {
        Some(b"lsp" | b"audit") => true,
        Some(b"check" | b"fmt") => {
            let (mut files, mut bytes) = (0, 0u64);
            for word in words {
                match if word == b"-" {
                    Named::File(0)
                } else {
                    named(word)
                } {
                    Named::Directory => return true,
                    Named::File(size) => {
                        files += 1;
                        bytes = bytes.saturating_add(size);
                    }
                    Named::Nothing => {}
                }
            }
            files == 0 || bytes > LONG_RUN_BYTES
        }
        _ => false,
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod command_line {
    use std::ffi::{c_char, c_int, CStr};

    /// Run by the C runtime before `main`, with the command line.
    #[used]
    #[link_section = ".init_array"]
    static CHOOSE: extern "C" fn(c_int, *const *const c_char, *const *const c_char) = choose;

    extern "C" fn choose(argc: c_int, argv: *const *const c_char, _: *const *const c_char) {
        let count = usize::try_from(argc).unwrap_or(0);
        if argv.is_null() || count == 0 {
            return;
        }
        // SAFETY: glibc passes `argc` valid, NUL-terminated strings in `argv`.
        let arguments = (1..count).map(|index| unsafe { CStr::from_ptr(*argv.add(index)) });
        super::choose(arguments);
    }
}

/// Chooses from the arguments after the program's name. Allocates nothing:
/// it runs before the choice it makes.
#[cfg_attr(not(all(target_os = "linux", target_env = "gnu")), allow(dead_code))]
fn choose<'a>(arguments: impl Iterator<Item = &'a CStr>) {
    let long = is_long_run(
        arguments.map(CStr::to_bytes),
        |word| match std::str::from_utf8(word) {
            Ok(path) => planlint::files::named(std::path::Path::new(path)),
            Err(_) => Named::Nothing,
        },
    );
    decide(if long { MIMALLOC } else { SYSTEM });
}

#[cfg(test)]
mod tests {
    use super::{is_long_run, Named, LONG_RUN_BYTES};

    /// Words ending in `/` name directories; in `.plan` or `.csv`, files of
    /// a kilobyte; `huge.plan`, a file of more than a long run's bytes.
    fn long(command_line: &str) -> bool {
        let arguments: Vec<&[u8]> = command_line.split(' ').map(str::as_bytes).collect();
        is_long_run(arguments, |word| {
            if word.ends_with(b"/") {
                Named::Directory
            } else if word == b"huge.plan" {
                Named::File(LONG_RUN_BYTES + 1)
            } else if word.ends_with(b".plan") || word.ends_with(b".csv") {
                Named::File(1024)
            } else {
                Named::Nothing
            }
        })
    }

    #[test]
    fn the_server_audits_and_directories_are_long_runs() {
        assert!(long("lsp"));
        assert!(long("audit plans/ -o report.html"));
        assert!(long("check"));
        assert!(long("check --format compact"));
        assert!(long("check a.plan plans/"));
        assert!(long("fmt --check plans/"));
        assert!(long("check huge.plan"));
        assert!(long("check --format json a.plan huge.plan"));
    }

    #[test]
    fn files_and_other_commands_are_short_runs() {
        assert!(!long("check a.plan"));
        assert!(!long("check --format sarif a.plan b.plan"));
        assert!(!long("check -"));
        assert!(!long("fmt a.plan"));
        assert!(!long("explain missing-kpi"));
        assert!(!long("import sheet.csv"));
        assert!(!long("--version"));
    }

    #[test]
    fn the_purge_delay_is_the_option_set_and_becomes_zero() {
        use super::{give_back_freed_memory_at_once, mi_option_get, PURGE_DELAY};
        // SAFETY: reading an option is always allowed.
        let default = unsafe { mi_option_get(PURGE_DELAY) };
        assert_eq!(
            default, 1000,
            "option {PURGE_DELAY} is not mimalloc's purge delay (default 1,000 ms)"
        );
        give_back_freed_memory_at_once();
        assert_eq!(unsafe { mi_option_get(PURGE_DELAY) }, 0);
    }

    #[test]
    fn the_choice_is_made_once() {
        // The test binary's own allocator is the system's: this only
        // checks that a settled choice stays settled.
        let settled = super::decide(super::SYSTEM);
        assert_eq!(super::decide(super::MIMALLOC), settled);
    }
}
