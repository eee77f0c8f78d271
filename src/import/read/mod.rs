//! Stage 1, read: a file's bytes → one [`Source`] per plan (tables of cells
//! with the place each came from). CSV and TSV with the `csv` crate (after
//! deciding the encoding and the row numbers a spreadsheet shows), workbooks
//! with `calamine` (after [`workbook_limits`] checked them), YAML exports with
//! `crate::yaml`. CellText files from disk is `super::files`'s job.

pub(super) mod csv;
pub(super) mod workbook_limits;
pub(super) mod xlsx;
pub(super) mod yaml;

use super::table::Source;
use super::{ImportError, ImportOptions, InputKind, Note};

/// The plans in a file of `kind`; notes about the file as a whole (its
/// encoding, skipped sheets) go to `notes`.
pub fn read(
    path: &str,
    kind: InputKind,
    bytes: &[u8],
    options: &ImportOptions,
    notes: &mut Vec<Note>,
) -> Result<Vec<Source>, ImportError> {
    Ok(match kind {
        InputKind::Csv => vec![csv::read(path, bytes, None, options, notes)?],
        InputKind::Tsv => vec![csv::read(path, bytes, Some(b'\t'), options, notes)?],
        InputKind::Workbook => xlsx::read(path, bytes, options, notes)?,
        InputKind::Yaml => vec![yaml::read(path, bytes)?],
    })
}
