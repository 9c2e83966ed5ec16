//! Which template wrote a line of the generated Typst source, so that a Typst error in a user's
//! template names that template (and its line, when the line is the template's own text)
//! instead of only `/main.typ`.

use std::collections::BTreeMap;

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
/// wrote that line, and at which line of the template when the text is found there once.
pub fn places(report: &str, source: &str, templates: &BTreeMap<String, String>) -> Vec<String> {
    let lines: Vec<&str> = source.lines().collect();
    let mut said = Vec::new();
    for number in main_lines(report) {
        let Some(text) = number.checked_sub(1).and_then(|i| lines.get(i)) else {
            continue;
        };
        let Some(name) = template_at(&lines, number) else {
            continue;
        };
        let place = match templates.get(name).and_then(|t| line_in(t, text)) {
            Some(line) => format!("{name} 第 {line} 行"),
            None => format!("{name} 生成的部分"),
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

/// The 1-based line of `template` whose text is `text`, if exactly one line is.
fn line_in(template: &str, text: &str) -> Option<usize> {
    let wanted = text.trim();
    if wanted.is_empty() {
        return None;
    }
    let mut found = template
        .lines()
        .enumerate()
        .filter(|(_, line)| line.trim() == wanted);
    match (found.next(), found.next()) {
        (Some((index, _)), None) => Some(index + 1),
        _ => None,
    }
}
