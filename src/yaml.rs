//! The one place that names the YAML library.
//!
//! `serde_yaml` is archived upstream (`0.9.34+deprecated`); the product names
//! it, so we keep it, but every other module goes through these re-exports so
//! that moving to a maintained fork with the same API is a one-line change.

pub use serde_yaml::{from_str, from_value, to_string, Error, Location, Mapping, Value};
