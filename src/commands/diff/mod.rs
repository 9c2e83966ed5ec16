//! `jixiao diff`: what changed between two versions of a report ([`compare`]), read from the
//! files or from git revisions ([`revision`]).

pub mod compare;
pub mod revision;
