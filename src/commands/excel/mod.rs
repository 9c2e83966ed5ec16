//! Excel in and out: `jixiao export` writes the scored 自评表 as a workbook laid out like the
//! official one ([`export`]); `jixiao import` reads such a workbook, as units keep them, into
//! YAML sources ([`import`]). What a workbook is, whatever the form, is in [`crate::excel`];
//! each form's table in its folder (`form/<form>/excel`).

pub mod export;
pub mod import;
