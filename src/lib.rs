//! planlint: a fast, rules-based linter for marketing plans.
//!
//! The data flows one way (see ARCHITECTURE.md):
//! source text → [`syntax`] → [`model`] → [`rules`] → [`diagnostics`] → [`report`].
//! [`lint`] runs the stages over one plan; [`files`] is the file system
//! (the one module that reads, walks and writes it).

// pest_derive without its `std` feature (faster, see PERFORMANCE-NOTES.md)
// names `::alloc` in the code it generates.
extern crate alloc;

pub mod audit;
pub mod baseline;
pub mod config;
pub mod diagnostics;
pub mod expectations;
pub mod files;
pub mod fix;
pub mod format;
pub mod import;
pub mod lint;
pub mod lsp;
pub mod model;
pub mod report;
pub mod rule_tests;
pub mod rules;
pub mod source;
pub mod syntax;
pub mod text;
pub mod yaml;
