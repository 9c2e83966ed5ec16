//! Excel workbooks, whatever the form: cell values and addresses ([`cells`]), the styles and
//! the row-by-row writer of a sheet ([`write`]). Each form lays out its own table with these
//! (`form/<form>/excel`); the command `export` puts the workbook together.
//!
//! Excel keeps every number as a binary double. On the way out an exact decimal becomes the
//! nearest double; on the way in a double is read as Excel shows it, to 15 significant digits,
//! and only then made a decimal ([`cells::decimal_of`]): 13581.29 stays 13581.29.

pub mod cells;
pub mod write;
