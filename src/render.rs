//! minijinja → Typst source: the templates arrange the prepared [`Document`]; every string that
//! reaches the output is escaped for Typst unless a template explicitly marks it safe.

use std::collections::BTreeMap;

use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior};

use crate::document::Document;
use crate::templates::{MAIN_TEMPLATE, TemplateSet};
use crate::typeset::FontRole;
use crate::typst_escape::{escape_markup, string_literal};

const TYPST_ESCAPE: &str = "typst";

/// A template failed: its message, with the template name and line when minijinja knows them.
#[derive(Debug)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RenderError {}

/// Renders the document through the templates into one self-contained Typst source.
pub fn render(document: &Document, templates: &TemplateSet) -> Result<String, RenderError> {
    let env = environment(templates);
    let template = env.get_template(MAIN_TEMPLATE).map_err(describe)?;
    let context = minijinja::context! {
        doc => Value::from(Serde(document)),
        fonts => font_chains(),
    };
    template.render(context).map_err(describe)
}

/// How many steps a rendering may take: the built-in templates need well under a million for
/// a report of hundreds of indicators; a runaway loop in a user's template ends here instead of
/// filling the memory.
pub const TEMPLATE_FUEL: u64 = 50_000_000;

fn environment(templates: &TemplateSet) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_fuel(Some(TEMPLATE_FUEL));
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".typ.j2") {
            AutoEscape::Custom(TYPST_ESCAPE.into())
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(typst_formatter);
    env.add_filter("typst_str", |text: &str| {
        Value::from_safe_string(string_literal(text))
    });
    let sources = templates.templates.clone();
    env.set_loader(move |name| Ok(sources.get(name).cloned()));
    env
}

/// Strings are escaped for Typst markup; numbers print as they are; safe strings are trusted.
fn typst_formatter(
    out: &mut minijinja::Output,
    state: &mut State,
    value: &Value,
) -> Result<(), Error> {
    let escaping = matches!(state.auto_escape(), AutoEscape::Custom(name) if name == TYPST_ESCAPE);
    if !escaping || value.is_safe() {
        return minijinja::escape_formatter(out, state, value);
    }
    if value.is_none() || value.is_undefined() {
        return Err(Error::new(ErrorKind::UndefinedError, "模板输出了空值"));
    }
    let text = value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_string);
    out.write_str(&escape_markup(&text))
        .map_err(|e| Error::new(ErrorKind::WriteFailure, e.to_string()))
}

/// The font chain of each style as a Typst array literal, e.g. `("FandolFang", …)`.
fn font_chains() -> Value {
    let chains: BTreeMap<&str, Value> = FontRole::ALL
        .iter()
        .map(|role| {
            (
                template_name(*role),
                Value::from_safe_string(chain_literal(*role)),
            )
        })
        .collect();
    Value::from(chains)
}

/// The name a template uses for a style: `fonts.song`, `fonts.fang` …
fn template_name(role: FontRole) -> &'static str {
    match role {
        FontRole::Song => "song",
        FontRole::Hei => "hei",
        FontRole::Fang => "fang",
        FontRole::Kai => "kai",
    }
}

fn chain_literal(role: FontRole) -> String {
    let quoted: Vec<String> = role.families().iter().map(|f| string_literal(f)).collect();
    format!("({},)", quoted.join(", "))
}

fn describe(error: Error) -> RenderError {
    if error.kind() == minijinja::ErrorKind::OutOfFuel {
        let mut message = format!(
            "模板运行超过了 {TEMPLATE_FUEL} 步的上限，已停止：检查模板中是否有过大或不会结束的循环"
        );
        if let (Some(name), Some(line)) = (error.name(), error.line()) {
            message.push_str(&format!("（{name} 第 {line} 行）"));
        }
        return RenderError(message);
    }
    let mut message = format!(
        "模板出错：{}",
        error.detail().unwrap_or(&error.kind().to_string())
    );
    if let (Some(name), Some(line)) = (error.name(), error.line()) {
        message.push_str(&format!("（{name} 第 {line} 行）"));
    }
    RenderError(message)
}
