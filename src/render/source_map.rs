//! Which template wrote a line of the generated Typst source, so that a Typst error in a user's
//! template names that template (and its line, when the line is the template's own text)
//! instead of only `/main.typ`.

use crate::render::templates::TemplateSet;

const START: &str = "// jixiao 模板开始：";
const END: &str = "// jixiao 模板结束：";

/// A template's source as the loader hands it to minijinja: between two comment lines that
/// name it, so the generated source says which template wrote which lines.
pub fn marked(name: &str, source: &str) -> String {
    format!("{START}{name}\n{source}\n{END}{name}\n")
}

/// The line of a template's own text that minijinja calls `line` (it counts the start marker).
pub fn template_line(line: usize) -> usize {
    line.saturating_sub(1).max(1)
}

/// For each `/main.typ:LINE` that `report` names, a sentence in Chinese saying which template
/// wrote that line, and at which line of the template when it is found there: the user's own
/// file and line (`tpl/part.typ.j2:4`) for a template of the `--templates` folder. Before them,
/// the user's files that `report` names (a Typst file the templates import).
pub fn places(report: &str, source: &str, templates: &TemplateSet) -> Vec<String> {
    let lines: Vec<&str> = source.lines().collect();
    let mut said = file_places(report, templates);
    for number in main_lines(report) {
        let Some(text) = number.checked_sub(1).and_then(|i| lines.get(i)) else {
            continue;
        };
        let Some(name) = template_at(&lines, number) else {
            continue;
        };
        let line = templates.templates.get(name).and_then(|t| line_in(t, text));
        let origin = templates.origins.get(name);
        let place = match (line, origin) {
            (Some(line), Some(path)) => format!("{name} 第 {line} 行（{}:{line}）", path.display()),
            (Some(line), None) => format!("{name} 第 {line} 行"),
            (None, Some(path)) => format!("{name}（{}）生成的部分", path.display()),
            (None, None) => format!("{name} 生成的部分"),
        };
        let sentence = format!(
            "生成的 Typst 源文件第 {number} 行出自模板 {place}：{}",
            text.trim()
        );
        if !said.contains(&sentence) {
            said.push(sentence);
        }
    }
    said
}

/// For each file of the `--templates` folder that `report` names (a Typst file the templates
/// import, `/lib.typ:3:5`), where the user finds it.
fn file_places(report: &str, templates: &TemplateSet) -> Vec<String> {
    let mut said = Vec::new();
    for (virtual_path, path) in &templates.origins {
        if !virtual_path.starts_with('/') {
            continue;
        }
        let marker = format!("{virtual_path}:");
        for part in report.split(&marker).skip(1) {
            let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
            if digits.is_empty() {
                continue;
            }
            let sentence = format!(
                "Typst 报告的 {virtual_path} 第 {digits} 行是模板文件夹中的文件 {}:{digits}",
                path.display()
            );
            if !said.contains(&sentence) {
                said.push(sentence);
            }
        }
    }
    said
}

/// Line numbers of the main file in a rendered Typst report (`┌─ /main.typ:12:5`).
fn main_lines(report: &str) -> Vec<usize> {
    let mut numbers = Vec::new();
    for part in report.split("/main.typ:").skip(1) {
        let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(number) = digits.parse() {
            numbers.push(number);
        }
    }
    numbers
}

/// The innermost template open at 1-based line `number`.
fn template_at<'a>(lines: &[&'a str], number: usize) -> Option<&'a str> {
    let mut open: Vec<&str> = Vec::new();
    for line in lines.iter().take(number) {
        if let Some(name) = line.strip_prefix(START) {
            open.push(name);
        } else if line.starts_with(END) {
            open.pop();
        }
    }
    open.last().copied()
}

/// The 1-based line of `template` that wrote `text`: the one line whose text it is, else the
/// one line whose literal parts, around its `{{ … }}` and `{% … %}` tags, it holds in order.
fn line_in(template: &str, text: &str) -> Option<usize> {
    let wanted = text.trim();
    if wanted.is_empty() {
        return None;
    }
    let exact = only(template, |line| line.trim() == wanted);
    exact.or_else(|| only(template, |line| wrote(line.trim(), wanted)))
}

/// The 1-based number of the one line of `template` that `found` accepts.
fn only(template: &str, found: impl Fn(&str) -> bool) -> Option<usize> {
    let mut lines = template.lines().enumerate().filter(|(_, line)| found(line));
    match (lines.next(), lines.next()) {
        (Some((index, _)), None) => Some(index + 1),
        _ => None,
    }
}

/// Whether a template line with tags could have written `text`: its literal parts appear in
/// `text` in order, the first at its start and the last at its end. A line that is only tags
/// could have written anything, and is no answer.
fn wrote(line: &str, text: &str) -> bool {
    let pieces = literal_pieces(line);
    if pieces.len() < 2 || pieces.iter().all(|p| p.trim().is_empty()) {
        return false;
    }
    let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
    if !text.starts_with(first) || !text.ends_with(last) || text.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for piece in &pieces[1..pieces.len() - 1] {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    true
}

/// The text of a template line between its tags: `a{{ x }}b{% if y %}c` → `a`, `b`, `c`.
fn literal_pieces(line: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = line;
    while let Some(open) = ["{{", "{%", "{#"].iter().filter_map(|t| rest.find(t)).min() {
        pieces.push(&rest[..open]);
        let close_tag = match &rest[open..open + 2] {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        match rest[open..].find(close_tag) {
            Some(close) => rest = &rest[open + close + 2..],
            None => {
                rest = "";
                break;
            }
        }
    }
    pieces.push(rest);
    pieces
}
