//! `jixiao fonts DIR` writes the fonts the PDF uses, so that a `--typst-out` file compiles on
//! its own with `typst compile --font-path DIR`: here, with the typst crate and only those fonts.

use std::path::Path;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::cli_support::{jixiao, stdout};
use crate::pdf_support::{build_ok, pdf_text, squeezed};

const SAMPLE: &str = "data/2022-baoxie";

fn write_fonts(dir: &Path) -> String {
    let output = jixiao(&["fonts", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    stdout(&output)
}

#[test]
fn fonts_writes_every_shipped_font_and_its_licences() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("字体");
    let said = write_fonts(&target);
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    for file in jixiao::typeset::embedded_font_files() {
        let written = std::fs::read(target.join(file)).unwrap();
        assert!(
            written == std::fs::read(shipped.join(file)).unwrap(),
            "{file}"
        );
        assert!(said.contains(file), "{said}");
    }
    for licence in std::fs::read_dir(shipped.join("licenses")).unwrap() {
        let name = licence.unwrap().file_name();
        assert!(target.join("licenses").join(&name).is_file(), "{name:?}");
    }
    assert!(target.join("README.md").is_file());
    assert!(said.contains("typst compile --font-path"), "{said}");
}

#[test]
fn fonts_into_a_path_that_is_a_file_fails_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let output = jixiao(&["fonts", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("无法写入"), "{message}");
    assert!(message.contains("不是文件夹"), "{message}");
}

#[test]
fn build_says_how_to_compile_the_typst_file() {
    let dir = tempfile::tempdir().unwrap();
    let typ = dir.path().join("r.typ");
    let output = jixiao(&[
        "build",
        SAMPLE,
        "-o",
        dir.path().join("r.pdf").to_str().unwrap(),
        "--typst-out",
        typ.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let said = stdout(&output);
    assert!(said.contains("jixiao fonts"), "{said}");
    assert!(
        said.contains(&format!("typst compile --font-path 字体 {}", typ.display())),
        "{said}"
    );
}

#[test]
fn a_typst_out_file_compiles_with_only_the_written_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let typ = dir.path().join("r.typ");
    build_ok(
        SAMPLE,
        dir.path(),
        "r.pdf",
        &["--typst-out", typ.to_str().unwrap()],
    );
    let fonts = dir.path().join("fonts");
    write_fonts(&fonts);

    let world = OnlyTheseFonts::new(&std::fs::read_to_string(&typ).unwrap(), &fonts);
    let compiled = typst::compile::<PagedDocument>(&world);
    let warnings: Vec<String> = compiled
        .warnings
        .iter()
        .map(|w| w.message.to_string())
        .collect();
    assert!(warnings.is_empty(), "{warnings:?}");
    let document = compiled.output.expect("the file compiles");
    let pdf = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).expect("PDF export");
    let alone = dir.path().join("alone.pdf");
    std::fs::write(&alone, pdf).unwrap();
    let text = squeezed(&pdf_text(&alone));
    assert!(
        text.contains("武汉东湖新技术开发区豹澥街道办事处"),
        "CJK printed: {text}"
    );
    assert!(text.contains("合计100.0090.66"), "{text}");
}

/// A Typst world with one source file and the fonts of one folder: no system fonts, no
/// fonts of Typst's own, no other files.
struct OnlyTheseFonts {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
}

impl OnlyTheseFonts {
    fn new(text: &str, font_dir: &Path) -> Self {
        let mut fonts = Vec::new();
        for entry in std::fs::read_dir(font_dir).unwrap() {
            let path = entry.unwrap().path();
            if path
                .extension()
                .is_some_and(|ext| ext == "otf" || ext == "ttf")
            {
                fonts.extend(Font::iter(Bytes::new(std::fs::read(path).unwrap())));
            }
        }
        let path = VirtualPath::new("/main.typ").unwrap();
        let id = RootedPath::new(VirtualRoot::Project, path).intern();
        OnlyTheseFonts {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            main: Source::new(id, text.to_string()),
        }
    }
}

impl World for OnlyTheseFonts {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        Err(FileError::AccessDenied)
    }

    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
