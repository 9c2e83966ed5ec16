//! The Typst escaper: any string prints as itself, checked with Typst's own parser.

use jixiao::document::paragraphs::paragraphs;
use jixiao::render::typst_escape::{escape_markup, string_literal};
use proptest::prelude::*;
use typst::syntax::{SyntaxKind, parse};

/// Every node of the parsed markup is plain text, a space or an escape: nothing can be code.
fn only_text(markup: &str) -> bool {
    let root = parse(markup);
    root.errors_and_warnings().0.is_empty()
        && root.children().all(|node| {
            matches!(
                node.kind(),
                SyntaxKind::Text | SyntaxKind::Space | SyntaxKind::Escape
            )
        })
}

proptest! {
    #[test]
    fn escaped_text_is_only_text(text in "\\PC{0,40}") {
        prop_assert!(only_text(&escape_markup(&text)), "{:?}", escape_markup(&text));
    }

    #[test]
    fn escaped_ascii_punctuation_is_only_text(text in "[ -~]{0,40}") {
        prop_assert!(only_text(&escape_markup(&text)), "{:?}", escape_markup(&text));
    }
}

#[test]
fn line_starts_and_code_are_neutralised() {
    for hostile in [
        "= 标题",
        "- 列表",
        "+ 编号",
        "1. 列表",
        "/ 术语: 定义",
        "#read(\"/etc/passwd\")",
        "$x^2$",
        "<label>",
        "@ref",
        "```raw```",
        "// 注释",
        "http://x.y",
    ] {
        assert!(only_text(&escape_markup(hostile)), "{hostile}");
    }
}

#[test]
fn newlines_never_reach_a_paragraph() {
    assert!(!escape_markup("第一行\n第二行").contains('\n'));
    assert_eq!(
        paragraphs("第一段第一行\n接着写\n\n第二段\n"),
        vec!["第一段第一行接着写", "第二段"]
    );
    assert_eq!(paragraphs("see\nthis"), vec!["see this"]);
}

#[test]
fn string_literals_round_trip() {
    let text = "引号\"反斜杠\\换行\n";
    let literal = string_literal(text);
    let root = parse(&format!("#{literal}"));
    assert!(root.errors_and_warnings().0.is_empty());
}

#[test]
fn a_zero_width_space_becomes_a_break_that_leaves_no_character_in_the_pdf() {
    assert_eq!(escape_markup("http:\u{200B}//a"), "http\\:#box()\\/\\/a");
}
