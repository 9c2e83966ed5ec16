//! The commands around the pipeline: [`build`] runs it and [`output`] writes what it made,
//! within [`limits`]; [`watch`] runs it again after each save; [`compare`] and [`revision`] are
//! `jixiao diff`; [`scaffold`] and [`yaml_text`] are `jixiao new`.

pub mod build;
pub mod compare;
pub mod excel;
pub mod limits;
pub mod output;
pub mod revision;
pub mod scaffold;
pub mod watch;
pub mod yaml_text;
