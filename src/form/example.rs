//! What a form's example report (`jixiao new` without `--from`) is given as.

/// A form's example report: its files (name and text, with `{{年度}}` and `{{次年}}` standing
/// for the years) and what it holds.
pub struct Example {
    pub files: Vec<(&'static str, String)>,
    /// Its 年度目标, when the form counts them (None: its indicators are one table).
    pub goals: Option<usize>,
    pub indicators: usize,
}
