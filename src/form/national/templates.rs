//! The templates of this form, in `templates/national/`, by the names they are included by (a
//! `--templates` folder replaces one by giving a file of the same name).

/// The template that starts the document.
pub const MAIN_TEMPLATE: &str = "national.typ.j2";

pub const TEMPLATES: &[(&str, &str)] = &[(
    MAIN_TEMPLATE,
    include_str!("../../../templates/national/national.typ.j2"),
)];
