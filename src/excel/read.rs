//! Reading a workbook within [`limits`]: opening it by what it holds ([`open`], checking an
//! .xlsx package and an old .xls before calamine reads them), a worksheet as the cells Excel
//! shows ([`grid`]), and the parts of a 自评表 every form has ([`table`]).

mod cfb;
pub mod grid;
pub mod limits;
pub mod open;
mod package;
mod scan;
pub mod table;
mod value;

/// Why a workbook cannot be read (damaged, encrypted, past a limit, no workbook at all), as
/// the user reads it.
#[derive(Debug)]
pub struct Unreadable(pub String);

/// A cell's text cut to what a note can show.
pub fn short(text: &str) -> String {
    let first: String = text.chars().take(30).collect();
    if text.chars().count() > 30 {
        format!("{first}…")
    } else {
        first
    }
}
