//! The national tables in a workbook: the 自评表 sheet `jixiao export` writes ([`export`]).

pub mod export;
