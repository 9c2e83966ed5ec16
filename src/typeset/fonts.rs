//! The font store: faces compiled into the binary, then faces from `--font-path`.

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};
use typst_kit::fonts::{FontSource, FontStore};

use super::error::TypesetError;

/// A font file compiled into the binary.
pub(super) struct EmbeddedFont {
    pub file: &'static str,
    pub data: &'static [u8],
}

macro_rules! embed {
    ($($file:literal),* $(,)?) => {
        &[$(EmbeddedFont { file: $file, data: include_bytes!(concat!("../../fonts/", $file)) }),*]
    };
}

/// Every font file of `fonts/` (see fonts/README.md for where each comes from).
// A static, not a const: a const is copied into every place that uses it, and the fonts with it.
pub(super) static EMBEDDED: &[EmbeddedFont] = embed![
    "NotoSerifCJKsc-Regular.subset.otf",
    "NotoSerifCJKsc-Bold.subset.otf",
    "NotoSansCJKsc-Regular.subset.otf",
    "NotoSansCJKsc-Bold.subset.otf",
    "FandolFang-Regular.otf",
    "FandolKai-Regular.otf",
    "cwTeXFangSong.gbk-fallback.ttf",
    "ARPLUKaiCN.gbk-fallback.ttf",
    "DejaVuSans.subset.ttf",
    "DejaVuSans-Bold.subset.ttf",
];

const FONT_EXTENSIONS: [&str; 4] = ["ttf", "otf", "ttc", "otc"];

/// One face of a font file already in memory, parsed only when Typst first uses it.
struct LazyFace {
    data: Bytes,
    index: u32,
}

impl FontSource for LazyFace {
    fn load(&self) -> Option<Font> {
        Font::new(self.data.clone(), self.index)
    }
}

/// Builds the store: embedded faces first, so they win ties against `--font-path` faces.
pub(super) fn load_fonts(extra_font_dirs: &[PathBuf]) -> Result<FontStore, TypesetError> {
    let mut store = FontStore::new();
    for font in EMBEDDED {
        let data = Bytes::new(font.data);
        if !push_faces(&mut store, data) {
            return Err(TypesetError::EmbeddedFontInvalid { file: font.file });
        }
    }
    for dir in extra_font_dirs {
        for path in font_files_in(dir)? {
            let data = crate::files::read_bounded(&path, MAX_FONT_BYTES).map_err(|error| {
                TypesetError::FontFileUnreadable {
                    path: path.clone(),
                    reason: error.to_string(),
                }
            })?;
            if !push_faces(&mut store, Bytes::new(data)) {
                return Err(TypesetError::FontFileInvalid { path });
            }
        }
    }
    Ok(store)
}

/// Adds every face of a font file or collection; false if it has none.
fn push_faces(store: &mut FontStore, data: Bytes) -> bool {
    let mut index = 0;
    while let Some(info) = FontInfo::new(&data, index) {
        store.push((
            LazyFace {
                data: data.clone(),
                index,
            },
            info,
        ));
        index += 1;
    }
    index > 0
}

/// The largest font file read (the biggest CJK collections are about 120 MB).
const MAX_FONT_BYTES: u64 = 512 * 1024 * 1024;

/// Font files below `dir`, recursively, sorted so font indices are the same on every run. A
/// folder reached twice (a link loop) is read once; FIFOs and devices are never opened.
fn font_files_in(dir: &Path) -> Result<Vec<PathBuf>, TypesetError> {
    let mut found = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        if !seen.insert(current.canonicalize().unwrap_or_else(|_| current.clone())) {
            continue;
        }
        for path in sorted_entries(&current)? {
            match crate::files::Kind::followed(&path) {
                Ok(crate::files::Kind::Folder) => pending.push(path),
                Ok(crate::files::Kind::File) if has_font_extension(&path) => found.push(path),
                _ => {}
            }
        }
    }
    found.sort();
    Ok(found)
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, TypesetError> {
    let unreadable = |error| TypesetError::FontDir {
        path: dir.to_path_buf(),
        error,
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        paths.push(entry.map_err(unreadable)?.path());
    }
    paths.sort();
    Ok(paths)
}

fn has_font_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| {
            FONT_EXTENSIONS
                .iter()
                .any(|known| ext.eq_ignore_ascii_case(known))
        })
}
