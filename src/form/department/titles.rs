//! The three titles, cut into the parts between which a title line may break: the year, the
//! region, the rest of the unit name, the document name. A line break in 报告名称 or a
//! `标题断行` text forces a break.

use super::Department;
use crate::model::Report;

/// Forced lines, each a list of parts that the template balances over one or more lines.
pub type Title = Vec<Vec<String>>;

/// "武汉东湖新技术开发区 / 2022年度 / 绩效自评结果"
pub fn cover(report: &Report, own: &Department) -> Title {
    let mut parts = Vec::new();
    if let Some(region) = &own.region {
        parts.push(region.value.clone());
    }
    parts.push(format!("{}年度", report.year.value));
    parts.push("绩效自评结果".to_string());
    forced_breaks(parts, report)
}

/// "2022年度 / 武汉东湖新技术开发区 / 豹澥街道办事处 / 部门整体绩效自评结果（摘要版）", or the
/// lines of 报告名称 when it is written with line breaks.
pub fn abridged(report: &Report, own: &Department) -> Title {
    if let Some(lines) = written_lines(own) {
        return lines;
    }
    unit_title(report, own, "部门整体绩效自评结果（摘要版）")
}

/// "2022年度 / 武汉东湖新技术开发区 / 豹澥街道办事处 / 部门整体绩效自评表"
pub fn annex(report: &Report, own: &Department) -> Title {
    unit_title(report, own, "部门整体绩效自评表")
}

fn unit_title(report: &Report, own: &Department, document_name: &str) -> Title {
    let mut parts = vec![format!("{}年度", report.year.value)];
    parts.extend(unit_parts(report, own));
    parts.push(document_name.to_string());
    forced_breaks(parts, report)
}

/// The unit name, with the region it starts with as a part of its own.
fn unit_parts(report: &Report, own: &Department) -> Vec<String> {
    let name = report.unit_name.value.as_str();
    let region = own.region.as_ref().map(|r| r.value.as_str());
    match region.and_then(|region| Some((region, name.strip_prefix(region)?))) {
        Some((region, rest)) if !region.is_empty() && !rest.is_empty() => {
            vec![region.to_string(), rest.to_string()]
        }
        _ => vec![name.to_string()],
    }
}

/// 报告名称 written over several lines: those lines, "（摘要版）" after the last.
fn written_lines(own: &Department) -> Option<Title> {
    let title = own.title.as_ref()?;
    let mut lines: Vec<Vec<String>> = report_title_lines(&title.value)
        .into_iter()
        .map(|line| vec![line])
        .collect();
    if lines.len() < 2 {
        return None;
    }
    if let Some(last) = lines.last_mut() {
        last.push("（摘要版）".to_string());
    }
    Some(lines)
}

/// The non-empty lines of 报告名称, trimmed.
pub fn report_title_lines(title: &str) -> Vec<String> {
    title
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect()
}

/// Cuts the parts into forced lines after each `标题断行` text.
fn forced_breaks(parts: Vec<String>, report: &Report) -> Title {
    let hints: Vec<&str> = report
        .settings
        .title_breaks
        .iter()
        .flatten()
        .map(|hint| hint.value.trim())
        .filter(|hint| !hint.is_empty())
        .collect();
    let mut lines: Title = vec![Vec::new()];
    for part in parts {
        let mut rest = part.as_str();
        while let Some(end) = first_hint_end(rest, &hints) {
            let (head, tail) = rest.split_at(end);
            push_part(&mut lines, head);
            lines.push(Vec::new());
            rest = tail;
        }
        push_part(&mut lines, rest);
        if hints.iter().any(|hint| rest.ends_with(hint)) {
            lines.push(Vec::new());
        }
    }
    lines.retain(|line| !line.is_empty());
    lines
}

/// The byte offset just after the earliest hint found in `text`, when that is not its end.
fn first_hint_end(text: &str, hints: &[&str]) -> Option<usize> {
    hints
        .iter()
        .filter_map(|hint| text.find(hint).map(|at| at + hint.len()))
        .filter(|&end| end < text.len())
        .min()
}

fn push_part(lines: &mut Title, part: &str) {
    if part.is_empty() {
        return;
    }
    if let Some(line) = lines.last_mut() {
        line.push(part.to_string());
    }
}
