//! What the arguments accept: the subcommands `help` knows and the parsers of `--form` and
//! `--year`, each refusing a wrong value in Chinese.

use jixiao::form::FormKind;

/// The subcommands `jixiao help` knows; `cli_help` tests that it knows every one.
pub const SUBCOMMAND_NAMES: [&str; 12] = [
    "check",
    "score",
    "build",
    "schema",
    "watch",
    "new",
    "diff",
    "export",
    "import",
    "fonts",
    "completions",
    "help",
];

/// `--form`: one of the forms, by its name.
pub fn form_name(text: &str) -> Result<FormKind, String> {
    FormKind::from_name(text).ok_or_else(|| {
        let names: Vec<&str> = FormKind::ALL.iter().map(|form| form.name()).collect();
        format!("表样只能是{}，而不是「{text}」", names.join("、"))
    })
}

/// `--year`: a year the report can be for (the range `check` accepts), said in Chinese when it
/// is not one.
pub fn year_in_range(text: &str) -> Result<u16, String> {
    let years = jixiao::model::YEARS;
    match text.trim().parse::<u16>() {
        Ok(year) if years.contains(&year) => Ok(year),
        _ => Err(format!(
            "年度须是 {} 到 {} 之间的四位数字，如 2023，而不是「{text}」",
            years.start(),
            years.end()
        )),
    }
}
