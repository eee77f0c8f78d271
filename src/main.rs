//! The `planlint` command line (CLI.md).

mod cli;

/// mimalloc rather than the system allocator: see Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}

/// mimalloc's options, set from the binary once it knows its command (its
/// environment variables are read before `main`, so only code can change
/// its defaults).
mod allocator {
    use std::ffi::{c_int, c_long};

    // `mi_option_set`/`mi_option_get` are in the mimalloc library the
    // `mimalloc` crate links; `libmimalloc-sys` declares them only with its
    // `extended` feature, which would add a crate for two functions.
    extern "C" {
        fn mi_option_set(option: c_int, value: c_long);
        #[cfg(test)]
        fn mi_option_get(option: c_int) -> c_long;
    }

    /// `mi_option_purge_delay` in the `mimalloc.h` of mimalloc v3 (what
    /// `libmimalloc-sys` 0.1.49 builds). The test below checks its default,
    /// so a version that moves it fails the tests.
    const PURGE_DELAY: c_int = 15;

    /// mimalloc keeps memory that was freed for a second before giving it
    /// back to the system, in case it is wanted again. A
    /// `check` of a large plan frees the syntax tree as it builds the model,
    /// and each rule's working memory as the next starts: held back, that
    /// was about 25 MB more at the peak for the corpus's 50,000-tactic plan
    /// (README, Memory).
    pub fn give_back_freed_memory_at_once() {
        // SAFETY: mimalloc's options may be set at any time from any thread.
        unsafe { mi_option_set(PURGE_DELAY, 0) }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_purge_delay_is_the_option_set_and_becomes_zero() {
            // SAFETY: reading an option is always allowed.
            let default = unsafe { mi_option_get(PURGE_DELAY) };
            assert_eq!(
                default, 1000,
                "option {PURGE_DELAY} is not mimalloc's purge delay (default 1,000 ms)"
            );
            give_back_freed_memory_at_once();
            assert_eq!(unsafe { mi_option_get(PURGE_DELAY) }, 0);
        }
    }
}
