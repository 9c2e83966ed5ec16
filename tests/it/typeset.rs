//! Integration tests of the typesetting back end through its public API.
//! The PDF checks call poppler-utils and qpdf (`apt-get install poppler-utils qpdf`).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao::typeset::{Compiled, FontRole, PdfMeta, TypesetError, Typesetter};

fn typesetter() -> Typesetter {
    Typesetter::new(&[]).expect("embedded fonts load")
}

fn meta() -> PdfMeta {
    PdfMeta {
        title: "测试文档".into(),
        author: "豹澥街道办事处".into(),
        date: (2023, 6, 10),
        pdf_a: false,
    }
}

fn compile(main: &str) -> Result<Compiled, TypesetError> {
    typesetter().compile_pdf(main, &BTreeMap::new(), &meta())
}

fn compile_err(main: &str) -> TypesetError {
    match compile(main) {
        Ok(_) => panic!("expected an error for:\n{main}"),
        Err(err) => err,
    }
}

// ---------------------------------------------------------------- GBK coverage

/// Number of distinct characters that GBK two-byte codes decode to with
/// encoding_rs (the WHATWG GBK index, i.e. the two-byte area of GB 18030-2022),
/// control characters and private use excluded, ASCII not included.
/// 21,892 codes qualify; 0xA1A1 and 0xA3A0 both decode to U+3000.
const PRINTABLE_GBK_TWO_BYTE_CHARS: usize = 21_891;

fn printable_gbk_two_byte_chars() -> Vec<char> {
    let mut seen = HashSet::new();
    let mut chars = Vec::new();
    for lead in 0x81u8..=0xFE {
        for trail in (0x40u8..=0xFE).filter(|&b| b != 0x7F) {
            let bytes = [lead, trail];
            let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(&bytes);
            let mut decoded = text.chars();
            if let (false, Some(c), None) = (had_errors, decoded.next(), decoded.next())
                && !c.is_control()
                && !is_private_use(c)
                && seen.insert(c)
            {
                chars.push(c);
            }
        }
    }
    chars
}

fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

#[test]
fn every_printable_gbk_character_resolves_in_every_role() {
    let gbk = printable_gbk_two_byte_chars();
    assert_eq!(gbk.len(), PRINTABLE_GBK_TWO_BYTE_CHARS);
    let ascii = (0x21u8..=0x7E).map(char::from);
    let text: String = gbk.into_iter().chain(ascii).collect();

    let typesetter = typesetter();
    for role in FontRole::ALL {
        let missing = typesetter.missing_glyphs(role, &text);
        assert!(
            missing.is_empty(),
            "{} lacks {} characters: {missing:?}",
            role.name_zh(),
            missing.len()
        );
    }
}

#[test]
fn xie_and_approximately_equal_resolve_in_every_role() {
    let typesetter = typesetter();
    for role in FontRole::ALL {
        assert_eq!(
            typesetter.missing_glyphs(role, "豹澥街 ≒ 95"),
            Vec::<char>::new(),
            "{role:?}"
        );
    }
}

#[test]
fn characters_outside_every_font_are_reported_once_in_order() {
    let typesetter = typesetter();
    let rare = '\u{2A6A5}'; // 𪚥, CJK Extension B
    let text = format!("甲{rare} \u{10FFFD}\n{rare}乙\t");
    for role in FontRole::ALL {
        assert_eq!(
            typesetter.missing_glyphs(role, &text),
            vec![rare, '\u{10FFFD}'],
            "{role:?}"
        );
    }
}

#[test]
fn roles_have_chinese_names_and_nonempty_chains() {
    let names: Vec<&str> = FontRole::ALL.iter().map(|role| role.name_zh()).collect();
    assert_eq!(names, ["宋体", "黑体", "仿宋", "楷体"]);
    let families = typesetter().font_families();
    for role in FontRole::ALL {
        for family in role.families() {
            assert!(
                families.iter().any(|f| f.eq_ignore_ascii_case(family)),
                "{family} not loaded: {families:?}"
            );
        }
    }
}

#[test]
fn every_font_file_in_fonts_dir_is_embedded() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".otf") || name.ends_with(".ttf"))
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = jixiao::typeset::embedded_font_files()
        .map(String::from)
        .collect();
    embedded.sort();
    assert_eq!(embedded, on_disk);
}

// ---------------------------------------------------------------- PDF output

fn font_list(role: FontRole) -> String {
    role.typst_font_list()
}

fn sample_document() -> String {
    format!(
        "#set page(paper: \"a4\")\n\
         #set text(lang: \"zh\", region: \"cn\", size: 16pt, font: {fang})\n\
         #align(center, text(font: {song}, weight: \"bold\", size: 22pt)[部门整体绩效自评结果])\n\n\
         #text(font: {hei})[一、自评结论]\n\n\
         #text(font: {kai})[（一）评价得分]\n\n\
         武汉东湖新技术开发区豹澥街道办事处2022年度部门整体绩效自评得分≒95.5分。\n\n\
         #datetime.today().display()\n",
        fang = font_list(FontRole::Fang),
        song = font_list(FontRole::Song),
        hei = font_list(FontRole::Hei),
        kai = font_list(FontRole::Kai),
    )
}

struct PdfFile {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn write_pdf(bytes: &[u8]) -> PdfFile {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, bytes).unwrap();
    PdfFile { _dir: dir, path }
}

/// Runs a poppler/qpdf tool; its stdout, and whether it exited successfully.
fn run(tool: &str, args: &[&str], pdf: &Path) -> (String, bool) {
    let output = Command::new(tool)
        .args(args)
        .arg(pdf)
        .output()
        .unwrap_or_else(|err| {
            panic!("{tool} not runnable ({err}): apt-get install poppler-utils qpdf")
        });
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        output.status.success(),
    )
}

fn pdftotext(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runnable: apt-get install poppler-utils");
    assert!(output.status.success(), "pdftotext failed");
    String::from_utf8(output.stdout).expect("UTF-8 text")
}

#[test]
fn chinese_document_embeds_all_fonts_reads_back_and_is_reproducible() {
    let typesetter = typesetter();
    let source = sample_document();
    let first = typesetter
        .compile_pdf(&source, &BTreeMap::new(), &meta())
        .unwrap();
    let second = typesetter
        .compile_pdf(&source, &BTreeMap::new(), &meta())
        .unwrap();
    assert!(first.pdf == second.pdf, "two compilations differ");
    assert_eq!(first.pages, 1);
    assert!(first.warnings.is_empty(), "{:?}", first.warnings);

    let pdf = write_pdf(&first.pdf);
    let (fonts, ok) = run("pdffonts", &[], &pdf.path);
    assert!(ok, "pdffonts failed");
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 4, "expected the four styles' fonts:\n{fonts}");
    for row in &rows {
        // Columns: name type encoding emb sub uni object ID; "emb" is the 4th from the right.
        let columns: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(
            columns[columns.len() - 5],
            "yes",
            "font not embedded: {row}"
        );
    }
    for family in [
        "NotoSerifCJKsc-Bold",
        "NotoSansCJKsc-Regular",
        "FandolFang",
        "FandolKai",
        "DejaVuSans",
    ] {
        assert!(fonts.contains(family), "{family} missing from:\n{fonts}");
    }

    let text = pdftotext(&pdf.path);
    for expected in [
        "部门整体绩效自评结果",
        "一、自评结论",
        "（一）评价得分",
        "豹澥街道办事处",
        "≒",
        "2023-06-10",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not in extracted text:\n{text}"
        );
    }

    let (check, ok) = run("qpdf", &["--check"], &pdf.path);
    assert!(ok, "qpdf --check failed:\n{check}");
}

/// Set for a child run of this test binary: where `sample_pdf_for_parent_process` writes its PDF.
const CHILD_PDF_PATH: &str = "JIXIAO_TEST_CHILD_PDF_PATH";

/// Does nothing in a normal run; see `pdf_bytes_are_identical_across_processes`.
#[test]
fn sample_pdf_for_parent_process() {
    if let Some(path) = std::env::var_os(CHILD_PDF_PATH) {
        std::fs::write(path, compile(&sample_document()).unwrap().pdf).unwrap();
    }
}

// Hash maps are seeded per process, so only separate processes show whether output depends on them.
#[test]
fn pdf_bytes_are_identical_across_processes() {
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for run in 0..2 {
        let path = dir.path().join(format!("run{run}.pdf"));
        let status = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "typeset::sample_pdf_for_parent_process",
                "--quiet",
            ])
            .env(CHILD_PDF_PATH, &path)
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "child run {run} failed");
        outputs.push(std::fs::read(&path).unwrap());
    }
    assert!(
        outputs[0] == outputs[1],
        "two processes wrote different PDFs"
    );
    assert!(
        outputs[0] == compile(&sample_document()).unwrap().pdf,
        "child and parent PDFs differ"
    );
}

#[test]
fn pdf_a_option_declares_pdf_a_2b_and_metadata_falls_back_to_meta() {
    let meta = PdfMeta {
        pdf_a: true,
        ..meta()
    };
    let compiled = typesetter()
        .compile_pdf(&sample_document(), &BTreeMap::new(), &meta)
        .unwrap();
    let pdf = write_pdf(&compiled.pdf);
    let (xmp, ok) = run("pdfinfo", &["-meta"], &pdf.path);
    assert!(ok, "pdfinfo -meta failed");
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{xmp}"
    );
    let (info, _) = run("pdfinfo", &[], &pdf.path);
    assert!(info.contains("测试文档"), "title fallback missing:\n{info}");
    assert!(
        info.contains("豹澥街道办事处"),
        "author fallback missing:\n{info}"
    );
    assert!(info.contains("jixiao"), "creator missing:\n{info}");
}

#[test]
fn document_metadata_wins_and_language_defaults_to_zh_cn() {
    let compiled = compile("#set document(title: [自己的标题], author: \"某局\")\n正文").unwrap();
    let pdf = write_pdf(&compiled.pdf);
    let (info, ok) = run("pdfinfo", &[], &pdf.path);
    assert!(ok, "pdfinfo failed");
    assert!(
        info.contains("自己的标题") && info.contains("某局"),
        "{info}"
    );
    assert!(
        !info.contains("测试文档"),
        "meta title overrode the document's:\n{info}"
    );
    let (xmp, _) = run("pdfinfo", &["-meta"], &pdf.path);
    assert!(
        xmp.contains("<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li>"),
        "{xmp}"
    );
}

#[test]
fn document_reads_only_the_files_it_is_given() {
    let files = BTreeMap::from([
        (
            "/style.typ".to_string(),
            b"#let greeting = [from style]".to_vec(),
        ),
        ("/data/note.txt".to_string(), "附注".as_bytes().to_vec()),
    ]);
    let main = "#import \"style.typ\": greeting\n#greeting #read(\"data/note.txt\")";
    let compiled = typesetter().compile_pdf(main, &files, &meta()).unwrap();
    assert_eq!(compiled.pages, 1);
}

#[test]
fn typst_warnings_are_returned_rendered() {
    let compiled = compile("正文 ** 结束").unwrap();
    assert_eq!(compiled.warnings.len(), 1, "{:?}", compiled.warnings);
    assert!(
        compiled.warnings[0].contains("/main.typ:1:"),
        "{:?}",
        compiled.warnings
    );
}

#[test]
fn typesetter_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Typesetter>();
}

// ---------------------------------------------------------------- errors

#[test]
fn package_import_is_refused_naming_the_package() {
    let err = compile_err("#import \"@preview/x:0.1.0\": *\nHello");
    let message = err.to_string();
    assert!(matches!(err, TypesetError::Typst { .. }), "{err:?}");
    assert!(message.contains("@preview/x:0.1.0"), "{message}");
    assert!(message.contains("offline"), "{message}");
}

#[test]
fn reading_outside_the_given_files_is_an_error_never_the_content() {
    let cases = [
        ("/etc/passwd", "file not found (searched at /etc/passwd)"),
        ("/main.typ.bak", "file not found"),
        ("../../../../etc/passwd", "would escape the project root"),
    ];
    for (path, expected) in cases {
        let err = compile_err(&format!("#read(\"{path}\")"));
        let message = err.to_string();
        assert!(message.contains(expected), "{message}");
        assert!(!message.contains("root:"), "leaked file content: {message}");
    }
}

#[test]
fn unknown_font_family_is_an_error() {
    let err =
        compile_err("#set text(font: \"仿宋_GB2312\")\n正文 #text(font: \"仿宋_GB2312\")[再] ** ");
    assert!(
        matches!(&err, TypesetError::UnknownFontFamily { families, .. } if families == &["仿宋_gb2312"]),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("未知字体"), "{message}");
    assert!(message.contains("error: unknown font family"), "{message}");
    assert!(
        message.contains("warning: no text within stars"),
        "{message}"
    );
}

#[test]
fn typst_errors_show_file_line_and_source() {
    let err = compile_err("第一行\n\n#undefined-function()\n");
    let message = err.to_string();
    assert!(message.contains("/main.typ:3:"), "{message}");
    assert!(message.contains("#undefined-function()"), "{message}");
}

#[test]
fn file_map_keys_must_stay_inside_the_project() {
    let files = BTreeMap::from([("../outside.typ".to_string(), Vec::new())]);
    let err = typesetter().compile_pdf("x", &files, &meta()).unwrap_err();
    assert!(
        matches!(err, TypesetError::InvalidFilePath { .. }),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("文档文件路径无效: ../outside.typ"),
        "{err}"
    );
}

#[test]
fn invalid_date_is_an_error() {
    let meta = PdfMeta {
        date: (2023, 2, 30),
        ..meta()
    };
    let err = typesetter()
        .compile_pdf("x", &BTreeMap::new(), &meta)
        .unwrap_err();
    assert!(matches!(err, TypesetError::InvalidDate { .. }), "{err:?}");
    assert!(err.to_string().contains("日期无效"), "{err}");
}

// ---------------------------------------------------------------- --font-path

#[test]
fn font_path_adds_fonts_and_reports_bad_directories() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("nested");
    std::fs::create_dir(&nested).unwrap();
    let font = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/DejaVuSans.subset.ttf");
    std::fs::copy(font, nested.join("Extra.TTF")).unwrap();
    std::fs::write(dir.path().join("README.txt"), "not a font").unwrap();
    assert!(Typesetter::new(&[dir.path().to_path_buf()]).is_ok());

    std::fs::write(dir.path().join("broken.otf"), "not a font").unwrap();
    let err = Typesetter::new(&[dir.path().to_path_buf()])
        .err()
        .expect("broken font rejected");
    assert!(
        matches!(err, TypesetError::FontFileInvalid { .. }),
        "{err:?}"
    );

    let missing = dir.path().join("no-such-dir");
    let err = Typesetter::new(&[missing])
        .err()
        .expect("missing dir rejected");
    assert!(err.to_string().starts_with("字体目录无法读取: "), "{err}");
}

/// The font chain of a role as a Typst array literal.
fn chain(role: FontRole) -> String {
    let quoted: Vec<String> = role.families().iter().map(|f| format!("{f:?}")).collect();
    format!("({},)", quoted.join(", "))
}

#[test]
fn characters_beyond_gb2312_print_in_the_style_of_their_text() {
    // 澥 is not in GB 2312, so Fandol lacks it; it must come from a face of the same style.
    let source = format!(
        "#text(font: {})[仿宋：豹澥街]\n\n#text(font: {})[楷体：豹澥街]\n",
        chain(FontRole::Fang),
        chain(FontRole::Kai)
    );
    let compiled = compile(&source).unwrap();
    let pdf = write_pdf(&compiled.pdf);
    let (fonts, ok) = run("pdffonts", &[], &pdf.path);
    assert!(ok, "pdffonts failed");
    for face in ["FandolFang", "cwTeXFangSong", "FandolKai", "UKaiCN"] {
        assert!(fonts.contains(face), "{face} missing from:\n{fonts}");
    }
    assert!(!fonts.contains("NotoSerif"), "澥 fell back to 宋:\n{fonts}");
}
