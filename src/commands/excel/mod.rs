//! Excel in and out: `jixiao export` writes the scored 自评表 as a workbook laid out like the
//! official one ([`export`]); `jixiao import` reads such a workbook, as units keep them, into
//! YAML sources ([`import`]).
//!
//! Excel keeps every number as a binary double. On the way out an exact decimal becomes the
//! nearest double; on the way in a double is read as Excel shows it, to 15 significant digits,
//! and only then made a decimal ([`cells::decimal_of`]): 13581.29 stays 13581.29.

pub mod cells;
pub mod export;
pub mod import;
