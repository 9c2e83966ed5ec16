//! The national tables in a workbook: the 自评表 sheet `jixiao export` writes ([`export`]), and
//! what `jixiao import` reads of such a sheet and writes as YAML ([`import`]).

pub mod export;
pub mod import;

use crate::form::FormKind;

/// The 自评表 sheet of the national table `form`, as import reads it ([`import`]).
pub struct Workbook(pub FormKind);
