/// One of the four type styles of a Chinese official document.
///
/// Each role names a fallback chain of family names as Typst reads them from
/// the fonts' name tables; the first family that has a glyph for a character
/// prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FontRole {
    /// 宋体: page numbers, the title (in bold, as 小标宋).
    Song,
    /// 黑体: 一级标题, 附件 labels.
    Hei,
    /// 仿宋: body text.
    Fang,
    /// 楷体: 二级标题.
    Kai,
}

const SONG: &[&str] = &["Noto Serif CJK SC", "DejaVu Sans"];
const HEI: &[&str] = &["Noto Sans CJK SC", "DejaVu Sans"];
// Fandol covers GB 2312 only. cwTeX 仿宋 and AR PL UKai, cut down to the Chinese characters
// Fandol lacks, print most of the rest of GBK in the same style; Noto Serif prints what is left.
// "FandolFang R" and "cwTeX 仿宋體" are the names Typst derives from the name tables (the first
// ID 1 entry), not typos.
const FANG: &[&str] = &[
    "FandolFang R",
    "cwTeX 仿宋體",
    "Noto Serif CJK SC",
    "DejaVu Sans",
];
const KAI: &[&str] = &[
    "FandolKai",
    "AR PL UKai",
    "Noto Serif CJK SC",
    "DejaVu Sans",
];

impl FontRole {
    pub const ALL: [FontRole; 4] = [FontRole::Song, FontRole::Hei, FontRole::Fang, FontRole::Kai];

    /// The fallback chain of family names, first wins.
    pub fn families(self) -> &'static [&'static str] {
        match self {
            FontRole::Song => SONG,
            FontRole::Hei => HEI,
            FontRole::Fang => FANG,
            FontRole::Kai => KAI,
        }
    }

    /// The style's usual Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            FontRole::Song => "宋体",
            FontRole::Hei => "黑体",
            FontRole::Fang => "仿宋",
            FontRole::Kai => "楷体",
        }
    }

    /// The chain as a Typst array literal, e.g. `("FandolKai", "Noto Serif CJK SC")`,
    /// ready for `set text(font: …)`.
    pub fn typst_font_list(self) -> String {
        let quoted: Vec<String> = self.families().iter().map(|f| format!("\"{f}\"")).collect();
        format!("({})", quoted.join(", "))
    }
}
