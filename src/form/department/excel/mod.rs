//! The 部门整体绩效自评表 in a workbook: the 自评表 sheet `jixiao export` writes ([`export`]).

pub mod export;
