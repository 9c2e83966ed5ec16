//! `jixiao fonts DIR`: the fonts the PDF is typeset with, so that `typst compile --font-path
//! DIR` can build a `--typst-out` file on a machine without them. The licences go along, as
//! the OFL and the GPL font exception ask.

use std::fmt;
use std::path::{Path, PathBuf};

macro_rules! shipped {
    ($($file:literal),* $(,)?) => {
        &[$(($file, include_bytes!(concat!("../../fonts/", $file)))),*]
    };
}

/// The licences and the README that says which font each applies to (a static, so that the
/// bytes are in the binary once).
static LICENCES: &[(&str, &[u8])] = shipped![
    "README.md",
    "licenses/NotoCJK-OFL-1.1.txt",
    "licenses/Fandol-GPL-3.0-with-font-exception.txt",
    "licenses/DejaVu-Bitstream-Vera.txt",
    "licenses/cwTeX-GPL-2.0-with-font-exception.txt",
    "licenses/ARPL-UKai-Arphic-Public-License.txt",
];

/// What was written, for the user.
pub struct Written {
    dir: PathBuf,
    fonts: Vec<&'static str>,
}

impl fmt::Display for Written {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dir = self.dir.display();
        writeln!(f, "已在 {dir} 写出 {} 个字体文件：", self.fonts.len())?;
        for font in &self.fonts {
            writeln!(f, "  {font}")?;
        }
        writeln!(
            f,
            "许可证在 {dir}/licenses，各字体的来源和许可证见 {dir}/README.md。"
        )?;
        write!(
            f,
            "用这些字体编译 --typst-out 写出的文件：typst compile --font-path {dir} 文件.typ"
        )
    }
}

/// Why a font or licence file was not written: already in Chinese, naming the file.
pub struct FontsError(String);

impl fmt::Display for FontsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn write_fonts(dir: &Path) -> Result<Written, FontsError> {
    let mut fonts = Vec::new();
    for (file, data) in jixiao::typeset::embedded_fonts() {
        write(&dir.join(file), data)?;
        fonts.push(file);
    }
    for (file, data) in LICENCES {
        write(&dir.join(file), data)?;
    }
    Ok(Written {
        dir: dir.to_path_buf(),
        fonts,
    })
}

/// Writes one file atomically, never through a link.
fn write(path: &Path, data: &[u8]) -> Result<(), FontsError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|error| {
            let reason = if parent.exists() && !parent.is_dir() {
                "它已经存在，而且不是文件夹：请指定一个文件夹".to_string()
            } else {
                jixiao::files::reason(&error, jixiao::files::Access::Write)
            };
            FontsError(format!("无法写入「{}」：{reason}", parent.display()))
        })?;
    }
    jixiao::output::write_atomically(path, data).map_err(|error| FontsError(error.to_string()))
}
