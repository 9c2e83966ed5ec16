//! The templates of this form, in `templates/department/`, by the names they are included by (a
//! `--templates` folder replaces one by giving a file of the same name).

/// The template that starts the document.
pub const MAIN_TEMPLATE: &str = "report.typ.j2";

pub const TEMPLATES: &[(&str, &str)] = &[
    (
        MAIN_TEMPLATE,
        include_str!("../../../templates/department/report.typ.j2"),
    ),
    (
        "abridged.typ.j2",
        include_str!("../../../templates/department/abridged.typ.j2"),
    ),
    (
        "annex.typ.j2",
        include_str!("../../../templates/department/annex.typ.j2"),
    ),
];
