//! The commands around the pipeline ([`crate::pipeline`]), each in its folder: [`batch`] runs
//! `check`, `score` and `build` on a folder of reports and makes their 汇总表; [`diff`] compares
//! two versions of a report; [`excel`] is `export` and `import`; [`new`] writes a report from
//! last year's or an example; [`watch`] builds again after each save.

pub mod batch;
pub mod diff;
pub mod excel;
pub mod new;
pub mod watch;
