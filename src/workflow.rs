//! The commands around the pipeline ([`crate::pipeline`]), whose results [`crate::output`] writes
//! within [`crate::limits`]: [`watch`] runs it again after each save; [`compare`] and [`revision`] are
//! `jixiao diff`; [`scaffold`] and [`yaml_text`] are `jixiao new`; [`batch`] runs `check`, `score`
//! and `build` on a folder of reports and makes their 汇总表.

pub mod batch;
pub mod compare;
pub mod excel;
pub mod revision;
pub mod scaffold;
pub mod watch;
pub mod yaml_text;
