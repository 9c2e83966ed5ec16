//! The 部门整体绩效自评表 in a workbook: the 自评表 sheet `jixiao export` writes ([`export`]),
//! and what `jixiao import` reads of such a sheet and writes as YAML ([`import`]).

pub mod export;
pub mod import;

/// The 部门整体绩效自评表's 自评表 sheet, as import reads it ([`import`]).
pub struct Workbook;
