//! The annex table under stress, checked on the PDF itself (`pdftotext -bbox`): rows of 1, 3
//! and 8 lines, a row longer than a page, ten-character targets that wrap to three lines, a
//! 300-character URL. Every indicator must be printed, no word may leave the page's text area
//! (only the page number sits below it), and no two words may overlap.

use std::path::Path;
use std::process::Command;

use crate::pdf_support::*;

/// A4 in points and the margins of the style (37 mm top, 35 bottom, 28 left, 26 right).
const MM: f64 = 72.0 / 25.4;
const TOLERANCE: f64 = 1.0;

/// Full-width punctuation at a line's start or end is set half-width (its empty half hangs
/// into the margin or the cell's padding), but its box is still a full em: allow that half.
fn punctuation_slack(word: &Word) -> (f64, f64) {
    let half_em = (word.y1 - word.y0) / 2.0;
    let opening = |c: char| "（“‘《【〔".contains(c);
    let closing = |c: char| "）”’》】〕，。、；：！？".contains(c);
    let first = word.text.chars().next().is_some_and(opening);
    let last = word.text.chars().last().is_some_and(closing);
    (
        if first { half_em } else { 0.0 },
        if last { half_em } else { 0.0 },
    )
}

fn is_page_number(word: &Word) -> bool {
    word.text == "—" || word.text.chars().all(|c| c.is_ascii_digit())
}

/// Boxes overlap when they share more than a sliver: glyph boxes of adjacent lines touch, so
/// only the middle half of each box's height counts.
fn overlap(a: &Word, b: &Word) -> bool {
    let inked = |w: &Word| {
        let (left, right) = punctuation_slack(w);
        (w.x0 + left, w.x1 - right)
    };
    let ((ax0, ax1), (bx0, bx1)) = (inked(a), inked(b));
    let middle = |w: &Word| {
        let quarter = (w.y1 - w.y0) / 4.0;
        (w.y0 + quarter, w.y1 - quarter)
    };
    let (ay0, ay1) = middle(a);
    let (by0, by1) = middle(b);
    let x = ax1.min(bx1) - ax0.max(bx0);
    let y = ay1.min(by1) - ay0.max(by0);
    x > 0.5 && y > 0.5
}

fn assert_layout_sound(pdf: &Path) -> Vec<Word> {
    let (pages, words) = words_of(pdf);
    assert!(!words.is_empty(), "pdftotext found no words");
    for word in &words {
        let page = &pages[word.page - 1];
        let (slack_left, slack_right) = punctuation_slack(word);
        let left = 28.0 * MM - TOLERANCE - slack_left;
        let right = page.width - 26.0 * MM + TOLERANCE + slack_right;
        let top = 37.0 * MM - TOLERANCE;
        let bottom = page.height - 35.0 * MM + TOLERANCE;
        assert!(
            word.x0 >= left && word.x1 <= right,
            "page {}: 「{}」 runs outside the text area horizontally ({:.1}–{:.1}, area {left:.1}–{right:.1})",
            word.page,
            word.text,
            word.x0,
            word.x1
        );
        let in_footer = word.y0 >= bottom && is_page_number(word);
        assert!(
            word.y0 >= top && (word.y1 <= bottom || in_footer),
            "page {}: 「{}」 lies outside the text area vertically ({:.1}–{:.1}, area {top:.1}–{bottom:.1})",
            word.page,
            word.text,
            word.y0,
            word.y1
        );
    }
    for (i, a) in words.iter().enumerate() {
        for b in words[i + 1..].iter().take_while(|b| b.page == a.page) {
            assert!(
                !overlap(a, b),
                "page {}: 「{}」 and 「{}」 overlap",
                a.page,
                a.text,
                b.text
            );
        }
    }
    words
}

fn indicator(name: &str, target: &str, actual: &str) -> String {
    format!(
        "          - 三级指标: \"{name}\"\n            年初目标值: \"{target}\"\n            实际完成值: \"{actual}\"\n            分值: 1\n"
    )
}

/// `count` indicators named 甲001…, each with a name of `chars` characters.
fn goal(number: usize, rows: &[String]) -> String {
    let weight = rows.len();
    let mut yaml = format!(
        "  - 名称: 第{number}个年度目标\n    分值: {weight}\n    指标:\n      产出指标:\n        数量指标:\n"
    );
    let (first, rest) = rows.split_at(rows.len() / 2);
    for row in first {
        yaml.push_str(row);
    }
    yaml.push_str("      效益指标:\n        社会效益指标:\n");
    for row in rest {
        yaml.push_str(row);
    }
    yaml
}

/// A name that fills about `lines` lines of the 三级指标 cell, starting with its mark.
fn name_of(mark: &str, lines: usize) -> String {
    let filler = "推进重点工作任务落实情况";
    let mut name = mark.to_string();
    while name.chars().count() < lines * 12 - 2 {
        name.push_str(filler);
    }
    name.chars()
        .take((lines * 12).saturating_sub(2).max(4))
        .collect()
}

const URL_PATH: &str = "abcdefghij";

fn stress_report(dir: &Path) -> (std::path::PathBuf, Vec<String>, String) {
    let mut marks = Vec::new();
    let mark = |marks: &mut Vec<String>| {
        let m = format!("甲{:03}号", marks.len() + 1);
        marks.push(m.clone());
        m
    };
    // Goal 1: 16 rows whose target and actual wrap to three lines.
    let long_value = "按计划完成全年工作任务";
    let goal1: Vec<String> = (0..16)
        .map(|_| indicator(&name_of(&mark(&mut marks), 1), long_value, long_value))
        .collect();
    // Goal 2: one 三级指标 of 1,300 characters among ten ordinary ones.
    let mut goal2: Vec<String> = (0..5)
        .map(|_| indicator(&name_of(&mark(&mut marks), 1), "100%", "100%"))
        .collect();
    goal2.push(indicator(&name_of(&mark(&mut marks), 110), "100%", "100%"));
    goal2.extend((0..5).map(|_| indicator(&name_of(&mark(&mut marks), 1), "100%", "100%")));
    // Goal 3: rows of 1, 3 and 8 lines, and a 300-character URL.
    let mut goal3: Vec<String> = [1, 3, 8, 1, 3, 8, 8, 3, 1]
        .iter()
        .map(|&lines| indicator(&name_of(&mark(&mut marks), lines), "≥95%", "98%"))
        .collect();
    let url = format!("https://example.org/{}", URL_PATH.repeat(28));
    goal3.push(indicator(
        &format!("{}{url}", mark(&mut marks)),
        "100%",
        "100%",
    ));
    let goals = [goal1, goal2, goal3];
    let total: usize = goals.iter().map(Vec::len).sum();
    let mut yaml = format!(
        "单位名称: 测试单位\n年度: 2023\n提交时间: 2024-05-01\n预算:\n  分值: {}\n  调整后预算数: 100.00\n  执行数: 100.00\n年度目标:\n",
        100 - total
    );
    for (i, rows) in goals.iter().enumerate() {
        yaml.push_str(&goal(i + 1, rows));
    }
    let path = dir.join("stress.yaml");
    std::fs::write(&path, yaml).unwrap();
    (path, marks, url)
}

#[test]
fn stressed_annex_prints_every_indicator_inside_the_text_area_without_overlaps() {
    let dir = tempfile::tempdir().unwrap();
    let (src, marks, url) = stress_report(dir.path());
    let pdf = build_ok(src.to_str().unwrap(), dir.path(), "stress.pdf", &[]);
    let words = assert_layout_sound(&pdf);
    let text = squeezed(&pdf_text(&pdf));
    for mark in &marks {
        assert!(text.contains(mark.as_str()), "indicator {mark} is missing");
    }
    // The URL's lines, in reading order, without the zero-width spaces that let it break.
    let printed: String = words
        .iter()
        .map(|w| w.text.chars().filter(char::is_ascii).collect::<String>())
        .filter(|fragment| fragment.len() >= 3 && url.contains(fragment.as_str()))
        .collect();
    assert!(
        printed.contains(&url),
        "the URL is printed whole, over several lines"
    );
}

#[test]
fn the_sample_passes_the_same_layout_checks() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(SAMPLE, dir.path(), "sample.pdf", &[]);
    assert_layout_sound(&pdf);
}

/// One goal of 90 three-line rows: more than two pages.
fn very_long_goal(dir: &Path) -> std::path::PathBuf {
    let rows: Vec<String> = (1..=90)
        .map(|n| indicator(&name_of(&format!("乙{n:03}号"), 3), "≥95%", "98%"))
        .collect();
    let yaml = format!(
        "单位名称: 测试单位\n年度: 2023\n提交时间: 2024-05-01\n预算:\n  分值: 10\n  调整后预算数: 100.00\n  执行数: 100.00\n年度目标:\n{}",
        goal(1, &rows)
    );
    let path = dir.join("long.yaml");
    std::fs::write(&path, yaml).unwrap();
    path
}

fn page_text(pdf: &Path, page: usize) -> String {
    let output = Command::new("pdftotext")
        .args(["-raw", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    squeezed(&String::from_utf8_lossy(&output.stdout))
}

#[test]
fn a_goal_over_more_than_two_pages_shows_its_labels_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let src = very_long_goal(dir.path());
    let pdf = build_ok(src.to_str().unwrap(), dir.path(), "long.pdf", &[]);
    assert_layout_sound(&pdf);
    let mut pages_with_rows = Vec::new();
    for page in 1..=page_count(&pdf) {
        let text = page_text(&pdf, page);
        if !text.contains("乙0") {
            continue;
        }
        assert!(text.contains("三级指标"), "page {page}: header row");
        assert!(
            text.contains("产出指标") || text.contains("效益指标"),
            "page {page}: 一级 label"
        );
        assert!(
            text.contains("数量指标") || text.contains("社会效益指标"),
            "page {page}: 二级 label"
        );
        let first = pages_with_rows.is_empty();
        let label = if first {
            "年度目标1（"
        } else {
            "年度目标1（续）"
        };
        assert!(text.contains(label), "page {page}: goal label {label}");
        pages_with_rows.push(page);
    }
    assert!(pages_with_rows.len() > 2, "pages {pages_with_rows:?}");
    let all = squeezed(&pdf_text(&pdf));
    for n in 1..=90 {
        assert!(all.contains(&format!("乙{n:03}号")), "row {n} is printed");
    }
}

#[test]
fn sign_off_prints_the_values_given_and_the_submission_date_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("r");
    std::fs::create_dir(&src).unwrap();
    for entry in std::fs::read_dir(SAMPLE).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, src.join(path.file_name().unwrap())).unwrap();
    }
    let annex = src.join("自评表.yaml");
    let text = std::fs::read_to_string(&annex).unwrap();
    let text = text.replace(
        "  盖章: true",
        "  盖章: true\n  填报人: 张三\n  联系电话: 027-12345678\n  单位负责人: 李四",
    );
    std::fs::write(&annex, text).unwrap();
    let pdf = build_ok(src.to_str().unwrap(), dir.path(), "signed.pdf", &[]);
    let last = page_text(&pdf, page_count(&pdf));
    for expected in [
        "填报人：张三",
        "联系电话：027-12345678",
        "单位负责人（签字）：李四",
        "填报日期：2023年6月10日",
        "（单位盖章）",
    ] {
        assert!(last.contains(expected), "{expected} in {last}");
    }
    let sample = build_ok(SAMPLE, dir.path(), "sample.pdf", &[]);
    let last = page_text(&sample, page_count(&sample));
    assert!(
        last.contains("填报人：联系电话：填报日期：2023年6月10日"),
        "{last}"
    );
}

#[test]
fn titles_break_only_between_year_region_unit_and_document_name() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(SAMPLE, dir.path(), "sample.pdf", &[]);
    let raw = pdf_text(&pdf);
    let lines: Vec<String> = raw.lines().map(squeezed).collect();
    for whole in [
        "武汉东湖新技术开发区",
        "2022年度绩效自评结果",
        "豹澥街道办事处",
        "部门整体绩效自评结果（摘要版）",
    ] {
        assert!(
            lines
                .iter()
                .any(|line| line.ends_with(whole) || line.starts_with(whole)),
            "a title line holds 「{whole}」 whole"
        );
    }
    assert!(
        lines
            .iter()
            .any(|l| l == "豹澥街道办事处部门整体绩效自评表"),
        "annex title's second line"
    );
}

/// The words of the annex's 三级指标 column (72–120 mm from the page's left edge: the
/// margin, then the goal, 一级 and 二级 columns) from `from` to `to` (page, y) in reading
/// order, without the column's header, repeated on each page: per page, its lines' heights
/// and its text.
fn column_lines(
    words: &[Word],
    from: (usize, f64),
    to: (usize, f64),
) -> Vec<(usize, Vec<f64>, String)> {
    let (left, right) = (72.0 * MM - TOLERANCE, 120.0 * MM + TOLERANCE);
    let mut inside: Vec<&Word> = words
        .iter()
        .filter(|w| w.x0 >= left && w.x1 <= right && w.text != "三级指标")
        .filter(|w| (w.page, w.y0) >= from && (w.page, w.y0) < to)
        .collect();
    inside.sort_by(|a, b| {
        (a.page, a.y0, a.x0)
            .partial_cmp(&(b.page, b.y0, b.x0))
            .unwrap()
    });
    let mut pages: Vec<(usize, Vec<f64>, String)> = Vec::new();
    for word in inside {
        if pages.last().is_none_or(|(page, _, _)| *page != word.page) {
            pages.push((word.page, Vec::new(), String::new()));
        }
        let (_, lines, text) = pages.last_mut().unwrap();
        if lines.last().is_none_or(|y| (word.y0 - y).abs() > 1.0) {
            lines.push(word.y0);
        }
        text.push_str(&word.text);
    }
    pages
}

/// Where row `mark` (甲NNN号) starts: pdftotext cuts it into 甲, NNN and 号… (Chinese and
/// digits are set a little apart).
fn place_of(words: &[Word], mark: &str) -> (usize, f64) {
    let number: String = mark.chars().filter(char::is_ascii_digit).collect();
    let word = words
        .iter()
        .find(|w| w.text == number)
        .unwrap_or_else(|| panic!("{mark} is printed"));
    (word.page, word.y0)
}

#[test]
fn a_page_holding_only_the_continuation_of_a_row_longer_than_a_page_shows_its_labels() {
    let dir = tempfile::tempdir().unwrap();
    let (src, marks, _) = stress_report(dir.path());
    let pdf = build_ok(src.to_str().unwrap(), dir.path(), "stress.pdf", &[]);
    let words = assert_layout_sound(&pdf);
    // Goal 2: rows 甲017–甲027; 甲022 is 1,300 characters long.
    let (first, huge, next, last) = (&marks[16], &marks[21], &marks[22], &marks[26]);
    let (first_page, _) = place_of(&words, first);
    let (last_page, _) = place_of(&words, last);
    let mut continuation_only = Vec::new();
    for page in first_page..=last_page {
        let text = page_text(&pdf, page);
        assert!(text.contains("年度目标2"), "page {page}: goal 2's label");
        assert!(
            text.contains("产出指标") || text.contains("效益指标"),
            "page {page}: 一级 label"
        );
        assert!(
            text.contains("数量指标") || text.contains("社会效益指标"),
            "page {page}: 二级 label"
        );
        if !marks.iter().any(|m| text.contains(m.as_str())) {
            continuation_only.push(page);
            assert!(
                text.contains("年度目标2（续）"),
                "page {page}: a continued goal"
            );
        }
    }
    assert!(
        !continuation_only.is_empty(),
        "some page holds only the continuation of {huge}"
    );
    // The long name reads down its column across the pages, whole and once, each part of at
    // least two lines.
    let name = name_of(huge, 110);
    assert!(name.chars().count() >= 1300);
    let parts = column_lines(&words, place_of(&words, huge), place_of(&words, next));
    let read: String = parts.iter().map(|(_, _, text)| text.as_str()).collect();
    assert_eq!(
        read.matches(name.as_str()).count(),
        1,
        "{huge} read down its column: {read}"
    );
    assert!(parts.len() > 2, "{huge} runs over three pages or more");
    for (page, lines, _) in &parts {
        assert!(
            lines.len() >= 2,
            "page {page}: {} line(s) of {huge}",
            lines.len()
        );
    }
    let all = squeezed(&pdf_text(&pdf));
    assert_eq!(
        all.matches(&name[..60]).count(),
        1,
        "the name's start is printed once"
    );
}

/// Characters of the paragraph whose breaks are checked, and nowhere else in the report.
const MARKED: &str = "丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥";

/// How many lines of the marked paragraph each page holds (pages without it left out).
fn marked_lines_by_page(pdf: &Path) -> Vec<(usize, usize)> {
    let (_, words) = words_of(pdf);
    let mut lines: Vec<(usize, f64)> = words
        .iter()
        .filter(|w| !w.text.is_empty() && w.text.chars().all(|c| MARKED.contains(c)))
        .map(|w| (w.page, w.y0))
        .collect();
    lines.sort_by(|a, b| a.partial_cmp(b).unwrap());
    lines.dedup_by(|a, b| a.0 == b.0 && (a.1 - b.1).abs() < 1.0);
    let mut pages: Vec<(usize, usize)> = Vec::new();
    for (page, _) in lines {
        match pages.last_mut() {
            Some((p, n)) if *p == page => *n += 1,
            _ => pages.push((page, 1)),
        }
    }
    pages
}

/// Builds the sample with `count` one-line paragraphs and then a ten-line paragraph of
/// [`MARKED`] characters at the start of `key` in `file`, so that page breaks fall on each line
/// of it in turn, and checks that no page holds only one line of it.
fn assert_no_single_line_at_a_break(file: &str, key: &str, lines: usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut broken = 0;
    for count in 0..lines {
        let src = sample_copy(&dir.path().join(count.to_string()));
        let filler = "    本段只有一行。\n\n".repeat(count);
        let marked = MARKED.repeat(13);
        edit(
            &src.join(file),
            &format!("  {key}: |\n"),
            &format!("  {key}: |\n{filler}    {marked}\n\n"),
        );
        let pdf = build_ok(
            src.to_str().unwrap(),
            dir.path(),
            &format!("{count}.pdf"),
            &[],
        );
        let pages = marked_lines_by_page(&pdf);
        assert!(
            !pages.is_empty(),
            "{count}: the marked paragraph is printed"
        );
        if pages.len() > 1 {
            broken += 1;
            for (page, n) in &pages {
                assert!(
                    *n >= 2,
                    "{key} after {count} short paragraphs: page {page} holds {n} line(s) of a paragraph broken over {pages:?}"
                );
            }
        }
    }
    assert!(broken > 0, "some page break falls inside the paragraph");
}

#[test]
fn body_text_keeps_two_lines_on_each_side_of_a_page_break() {
    // 自评得分概述 runs 25 characters a line, about 22 lines a page.
    assert_no_single_line_at_a_break("摘要.yaml", "自评得分概述", 24);
}

#[test]
fn annex_text_cells_keep_two_lines_on_each_side_of_a_page_break() {
    assert_no_single_line_at_a_break("自评表.yaml", "偏差大或目标未完成原因分析", 40);
}
