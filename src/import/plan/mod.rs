//! Stage 5, plan text: the typed activity table → a plan. `convert` makes
//! the blocks (a row is a tactic; objectives, strategies and people come
//! from the cells that name them), `ids` gives them kebab-case ids, unique,
//! in source order, `writer` lays the text out, and `places` records the
//! spreadsheet cell each line of it came from.

pub(super) mod convert;
pub(super) mod ids;
pub(super) mod places;
pub(super) mod writer;
