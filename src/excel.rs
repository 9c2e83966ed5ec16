//! Excel workbooks, whatever the form: cell values and addresses ([`cells`]), the styles and
//! the row-by-row writer of a sheet ([`write`]), reading a workbook safely and the parts of a
//! 自评表 every form has ([`read`]), the weights import assumes when a sheet has none
//! ([`weights`]) and the YAML sources import writes ([`sources`]).
//! Each form lays out its own table with these (`form/<form>/excel`); the commands `export`
//! and `import` put the workbook and the sources together.
//!
//! Excel keeps every number as a binary double. On the way out an exact decimal becomes the
//! nearest double; on the way in a double is read as Excel shows it, to 15 significant digits,
//! and only then made a decimal ([`cells::decimal_of`]): 13581.29 stays 13581.29.

pub mod cells;
pub mod read;
pub mod sources;
pub mod weights;
pub mod write;
