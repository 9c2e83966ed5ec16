//! Stage 1, reading the sources: YAML files → the typed [`crate::model::Report`], every value
//! with its place, every mistake as a located message in Chinese.

pub mod load;
pub(crate) mod yaml_error;
pub(crate) mod yaml_lint;
