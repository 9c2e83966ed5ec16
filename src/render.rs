//! minijinja → Typst source: the templates arrange the prepared [`Document`]; every string that
//! reaches the output is escaped for Typst unless a template explicitly marks it safe.

use std::collections::BTreeMap;

use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior};

use crate::document::Document;
use crate::limits::{Limits, Stage};
use crate::render::templates::TemplateSet;
use crate::render::typst_escape::{escape_markup, string_literal};
use crate::typeset::FontRole;

mod source_map;
pub mod templates;
pub mod typst_escape;
pub use source_map::places as template_places;

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

/// Renders the document through the templates into one self-contained Typst source, within
/// the default [`Limits`].
pub fn render(document: &Document, templates: &TemplateSet) -> Result<String, RenderError> {
    render_within(document, templates, &Limits::default())
}

/// [`render`] within `limits`: at most their steps, time and memory.
pub fn render_within(
    document: &Document,
    templates: &TemplateSet,
    limits: &Limits,
) -> Result<String, RenderError> {
    render_template(document.main_template, &document.content, templates, limits)
}

/// Renders the template `name` of `templates` with `doc` as its `doc` and the font chains as
/// `fonts`: the environment, escaping and limits of a report's templates (the 汇总表 uses it).
pub fn render_template(
    name: &str,
    doc: &impl serde::Serialize,
    templates: &TemplateSet,
    limits: &Limits,
) -> Result<String, RenderError> {
    let env = environment(templates, limits.template_fuel);
    let template = env.get_template(name).map_err(|e| describe(e, limits))?;
    let context = minijinja::context! {
        doc => Value::from(Serde(doc)),
        fonts => font_chains(),
    };
    let _watch = limits.watch(Stage::Templates);
    template.render(context).map_err(|e| describe(e, limits))
}

/// `fuel`: how many steps a rendering may take. The built-in templates need well under a
/// million for a report of hundreds of indicators; a runaway loop in a user's template ends
/// there instead of filling the memory.
fn environment(templates: &TemplateSet, fuel: u64) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_fuel(Some(fuel));
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
    env.set_loader(move |name| {
        Ok(sources
            .get(name)
            .map(|source| source_map::marked(name, source)))
    });
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

fn describe(error: Error, limits: &Limits) -> RenderError {
    let error = innermost(&error);
    let place = match (error.name(), error.line()) {
        (Some(name), Some(line)) => format!("（{name} 第 {} 行）", source_map::template_line(line)),
        _ => String::new(),
    };
    if error.kind() == ErrorKind::OutOfFuel {
        return RenderError(format!(
            "模板运行超过了 {} 步的上限，已停止：检查模板中是否有过大或不会结束的循环{place}；\
             确需更多步时用 --max-template-steps 放宽上限",
            limits.template_fuel
        ));
    }
    let what = kind_zh(error.kind());
    let message = match error.detail() {
        Some(detail) if !detail.is_ascii() => {
            format!("模板出错：{detail}{place}")
        }
        Some(detail) => format!("模板出错：{what}{place}。minijinja 的原话：{detail}"),
        None => format!("模板出错：{what}{place}"),
    };
    RenderError(message)
}

/// The error where it happened: an error inside an included template comes wrapped in one
/// that only says "error in …" at the `include` line.
fn innermost(error: &Error) -> &Error {
    let mut deepest = error;
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        if let Some(inner) = cause.downcast_ref::<Error>() {
            deepest = inner;
        }
        source = cause.source();
    }
    deepest
}

fn kind_zh(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::SyntaxError => "模板语法错误",
        ErrorKind::UndefinedError => "模板用到了不存在的变量或属性",
        ErrorKind::TemplateNotFound => "找不到要包含的模板文件",
        ErrorKind::UnknownFilter => "模板用到了不存在的过滤器",
        ErrorKind::UnknownFunction => "模板用到了不存在的函数",
        ErrorKind::UnknownTest => "模板用到了不存在的测试",
        ErrorKind::UnknownMethod => "模板用到了不存在的方法",
        ErrorKind::UnknownBlock => "模板用到了不存在的块",
        ErrorKind::MissingArgument => "模板中的调用少了参数",
        ErrorKind::TooManyArguments => "模板中的调用多了参数",
        ErrorKind::InvalidOperation => "模板中的操作无法执行（例如范围过大或类型不对）",
        ErrorKind::BadEscape => "模板中的字符串转义不对",
        ErrorKind::BadInclude => "模板的 include 写法不对",
        ErrorKind::CannotUnpack => "模板中的解包与值的个数不符",
        ErrorKind::BadSerialization => "模板中的值无法输出",
        ErrorKind::WriteFailure => "模板输出失败",
        _ => "模板无法渲染",
    }
}
