//! Located messages for the user: what is wrong, where, and how to fix it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

/// Index of a file in [`SourceFiles`].
pub type FileId = usize;

/// Where a value sits in a source file (the default: nowhere, for values made by the program).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    /// 1-based line and column, as an editor shows them.
    pub line: usize,
    pub column: usize,
    /// Byte range in the file's text, for underlining.
    pub start: usize,
    pub len: usize,
}

/// The source files of one report, kept for messages that quote them.
#[derive(Clone, Debug, Default)]
pub struct SourceFiles {
    files: Vec<(PathBuf, String)>,
}

impl SourceFiles {
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        self.files.push((path, text));
        self.files.len() - 1
    }

    pub fn path(&self, id: FileId) -> &Path {
        &self.files[id].0
    }

    pub fn text(&self, id: FileId) -> &str {
        &self.files[id].1
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &Path, &str)> {
        self.files
            .iter()
            .enumerate()
            .map(|(id, (path, text))| (id, path.as_path(), text.as_str()))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

/// One message: the problem, where it is, and what to do about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub span: Option<Span>,
    /// How to fix it.
    pub help: Option<String>,
    /// Other places the message is about (e.g. the first of two equal keys).
    pub related: Vec<(Span, String)>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message)
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message)
    }

    fn new(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            message: message.into(),
            span: None,
            help: None,
            related: Vec::new(),
        }
    }

    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    pub fn at_opt(mut self, span: Option<Span>) -> Self {
        self.span = span.or(self.span);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, span: Span, note: impl Into<String>) -> Self {
        self.related.push((span, note.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message as the terminal shows it, quoting the source line. Every part is bounded
    /// in length: a value or line of megabytes is shown by its start and end.
    pub fn render(&self, files: &SourceFiles) -> String {
        let message = elide(&self.message, MESSAGE_CHARS);
        let mut out = format!("{}: {message}\n", self.severity.label());
        if let Some(span) = self.span {
            quote(&mut out, files, span, "");
        }
        for (span, note) in &self.related {
            quote(&mut out, files, *span, &elide(note, NOTE_CHARS));
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = 修改建议: {}", elide(help, HELP_CHARS));
        }
        out
    }
}

/// The most characters of a message, a help, a note and a quoted line shown.
const MESSAGE_CHARS: usize = 300;
const HELP_CHARS: usize = 400;
const NOTE_CHARS: usize = 60;
const LINE_CHARS: usize = 120;
/// Of a long line: how much of the underlined value, and of what is before and after it.
const UNDERLINE_CHARS: usize = 60;
const CONTEXT_CHARS: usize = 30;

/// `text` when short, else its start and end around `…`.
pub fn elide(text: &str, max_chars: usize) -> String {
    let count = text.chars().count();
    if count <= max_chars {
        return text.to_string();
    }
    let keep = max_chars.saturating_sub(1) / 2;
    let head: String = text.chars().take(keep).collect();
    let tail: String = text.chars().skip(count - keep).collect();
    format!("{head}…{tail}")
}

fn first_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

fn last_chars(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_string();
    }
    let tail: String = text.chars().skip(count - max).collect();
    format!("…{tail}")
}

/// The part of a line shown: all of it when short; else the start of the underlined value with
/// a little context on either side.
fn window(before: &str, underlined: &str, after: &str) -> (String, String, String) {
    let total = before.chars().count() + underlined.chars().count() + after.chars().count();
    if total <= LINE_CHARS {
        return (before.into(), underlined.into(), after.into());
    }
    let shown = first_chars(underlined, UNDERLINE_CHARS);
    let after = if shown.len() < underlined.len() {
        String::new()
    } else {
        first_chars(after, CONTEXT_CHARS)
    };
    (last_chars(before, CONTEXT_CHARS), shown, after)
}

/// Writes `--> file:line:col`, the line itself and a caret line under the value.
fn quote(out: &mut String, files: &SourceFiles, span: Span, note: &str) {
    let path = files.path(span.file).display();
    let _ = writeln!(out, "  --> {path}:{}:{}", span.line, span.column);
    let text = files.text(span.file);
    let Some(line) = text.lines().nth(span.line.saturating_sub(1)) else {
        return;
    };
    let gutter = " ".repeat(span.line.to_string().len());
    let line_start = line_start_offset(text, span.line);
    let line_end = line_start + line.len();
    let start = span.start.clamp(line_start, line_end);
    let end = (span.start + span.len).clamp(start, line_end);
    let part = |from: usize, to: usize| text.get(from..to).unwrap_or("").replace('\t', " ");
    let (before, underlined, after) = window(
        &part(line_start, start),
        &part(start, end),
        &part(end, line_end),
    );
    // A tab is shown as one space, which is also its width here.
    let pad = " ".repeat(before.width());
    let carets = "^".repeat(underlined.width().max(1));
    let _ = writeln!(out, "{gutter} |");
    let _ = writeln!(out, "{} | {before}{underlined}{after}", span.line);
    let caret_line = format!("{gutter} | {pad}{carets} {note}");
    let _ = writeln!(out, "{}", caret_line.trim_end());
}

fn line_start_offset(text: &str, line: usize) -> usize {
    text.split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum()
}

/// All messages of one run, errors and warnings.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    /// Errors first, then in the order of the sources.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by_key(|d| {
            let place = d.span.map(|s| (s.file, s.start)).unwrap_or((usize::MAX, 0));
            (std::cmp::Reverse(d.severity), place)
        });
        self
    }

    pub fn render(&self, files: &SourceFiles) -> String {
        let mut out = String::new();
        for diagnostic in &self.0 {
            out.push_str(&diagnostic.render(files));
            out.push('\n');
        }
        let errors = self.errors().count();
        let warnings = self.warnings().count();
        if errors + warnings > 0 {
            let _ = writeln!(out, "共 {errors} 个错误，{warnings} 个警告。");
        }
        out
    }
}

/// Separates a custom error's message from its help (see [`with_help`]).
pub(crate) const HELP_SEPARATOR: char = '\u{1f}';

/// A custom deserialization message that the YAML translation shows as message and help.
pub(crate) fn with_help(message: &str, help: &str) -> String {
    format!("{message}{HELP_SEPARATOR}{help}")
}

/// The known name nearest to `typed`, if it is near enough to be a typo of it.
pub fn closest<'a>(typed: &str, known: &[&'a str]) -> Option<&'a str> {
    let typed_len = typed.chars().count();
    known
        .iter()
        .map(|name| (strsim::levenshtein(typed, name), *name))
        .filter(|(distance, name)| {
            let longer = typed_len.max(name.chars().count());
            *distance > 0 && *distance * 3 <= longer.max(2)
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}
