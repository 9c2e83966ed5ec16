//! Writing YAML as text, with comments: block mappings and lists, plain scalars where YAML reads
//! them back as the same text, double-quoted ones where it would not.

use std::borrow::Cow;
use std::fmt::Write as _;

/// YAML text under construction, one line at a time.
#[derive(Debug, Default)]
pub struct YamlText {
    out: String,
}

impl YamlText {
    pub fn new() -> Self {
        Self::default()
    }

    /// `# text`, one comment line per line of `text`.
    pub fn comment(&mut self, indent: usize, text: &str) {
        for line in text.lines() {
            self.line(indent, &format!("# {line}"));
        }
    }

    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    /// `key:`, opening a nested mapping or list.
    pub fn open(&mut self, indent: usize, key: &str) {
        self.line(indent, &format!("{}:", scalar(key)));
    }

    /// `key: value`, the value quoted when it needs to be.
    pub fn text(&mut self, indent: usize, key: &str, value: &str) {
        self.line(indent, &format!("{}: {}", scalar(key), scalar(value)));
    }

    /// `- key: value`: the first key of a mapping in a list; its other keys go at `indent + 2`.
    pub fn item(&mut self, indent: usize, key: &str, value: &str) {
        self.line(indent, &format!("- {}: {}", scalar(key), scalar(value)));
    }

    /// `key: raw`, for values that are already YAML (numbers, dates), with a trailing comment.
    pub fn raw(&mut self, indent: usize, key: &str, raw: &str, comment: Option<&str>) {
        let mut line = format!("{}: {raw}", scalar(key));
        if let Some(comment) = comment {
            let _ = write!(line, "  # {comment}");
        }
        self.line(indent, &line);
    }

    /// `key: |` and the text's lines below it, for a text of several lines that a block
    /// scalar keeps exactly; anything else as [`YamlText::text`].
    pub fn block(&mut self, indent: usize, key: &str, value: &str) {
        let body = value.strip_suffix('\n').unwrap_or(value);
        let keeps_exactly = body.contains('\n')
            && !body.starts_with([' ', '\t'])
            && !body.ends_with('\n')
            && !body.chars().any(|c| c != '\n' && needs_escape(c))
            && body.lines().all(|line| !line.ends_with([' ', '\t']));
        if !keeps_exactly {
            return self.text(indent, key, value);
        }
        let indicator = if value.ends_with('\n') { "|" } else { "|-" };
        self.line(indent, &format!("{}: {indicator}", scalar(key)));
        for line in body.lines() {
            if line.is_empty() {
                self.out.push('\n');
            } else {
                self.line(indent + 2, line);
            }
        }
    }

    pub fn finish(self) -> String {
        self.out
    }

    fn line(&mut self, indent: usize, content: &str) {
        let _ = writeln!(self.out, "{:indent$}{content}", "");
    }
}

/// `text` as a YAML scalar that reads back as exactly `text`: plain when that is safe,
/// double-quoted (with escapes) otherwise.
pub fn scalar(text: &str) -> Cow<'_, str> {
    if needs_quotes(text) {
        Cow::Owned(double_quoted(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// Characters that mean something when a plain scalar starts with them.
const INDICATORS: &[char] = &[
    '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
];

fn needs_quotes(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return true;
    };
    INDICATORS.contains(&first)
        || first.is_whitespace()
        || text.ends_with(char::is_whitespace)
        || text.ends_with(':')
        || text.contains(": ")
        || text.contains(" #")
        || text.chars().any(needs_escape)
        || text.contains(['"', '\\'])
        || reads_as_other_type(text)
}

/// Words and numbers that YAML (1.1 or 1.2) would read as null, a boolean or a number.
fn reads_as_other_type(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "~", "null", "true", "false", "yes", "no", "y", "n", "on", "off",
    ];
    let lower = text.to_ascii_lowercase();
    if WORDS.contains(&lower.as_str()) {
        return true;
    }
    let numeric_start = text.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c));
    numeric_start
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-._:".contains(c))
}

/// Characters that cannot be written as they are inside a scalar on one line: controls, line
/// separators, the byte-order mark and the two non-characters YAML does not allow.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

fn double_quoted(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            c if needs_escape(c) => {
                let _ = write!(quoted, "\\u{:04X}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}
