//! Text from the YAML sources made safe for Typst: it prints verbatim and never runs as code.

const ZERO_WIDTH_SPACE: char = '\u{200B}';

/// Escapes `text` for Typst markup: every ASCII punctuation character gets a backslash (so `#`,
/// `$`, `*`, `_`, `@`, `<`, `[`, `\`, `=`, `-`, `+`, `/`, `.`, `:` … print as themselves, also at
/// a line start), and line breaks become spaces: a paragraph is never split by its content.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            // An empty box is a break opportunity that, unlike the character itself, leaves no
            // trace in the PDF's text: a URL copied or searched in the PDF is the source's URL.
            ZERO_WIDTH_SPACE => out.push_str("#box()"),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `text` as a Typst string literal, quotes included.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Splits a YAML block text into paragraphs at blank lines. Inside a paragraph a line break
/// between two CJK characters disappears (Typst would print it as a space); elsewhere it is a
/// space.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut result = Vec::new();
    let mut current = String::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                result.push(std::mem::take(&mut current));
            }
            continue;
        }
        if needs_space(&current, line) {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        result.push(current);
    }
    result
}

fn needs_space(before: &str, after: &str) -> bool {
    match (before.chars().last(), after.chars().next()) {
        (Some(a), Some(b)) => a.is_ascii() || b.is_ascii(),
        _ => false,
    }
}
