//! The example report of `jixiao new` without `--from`, in the form asked for (each form keeps
//! its own, in its folder), with the years filled in.

use super::{NewFile, Plan};
use crate::form::FormKind;

/// The example report of `form` for `year`.
pub fn plan(year: u16, form: FormKind) -> Plan {
    let example = form.example();
    let files = example
        .files
        .into_iter()
        .map(|(name, text)| NewFile {
            name: name.to_string(),
            text: text
                .replace("{{年度}}", &year.to_string())
                .replace("{{次年}}", &(u32::from(year) + 1).to_string()),
        })
        .collect();
    Plan {
        files,
        year,
        form,
        goals: example.goals,
        indicators: example.indicators,
    }
}
