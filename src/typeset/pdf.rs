//! PDF export with reproducible bytes: fixed identifier, creator and timestamp.

use std::str::FromStr;

use typst::foundations::{Datetime, Smart};
use typst::model::DocumentInfo;
use typst::text::{Lang, Locale, Region};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::error::TypesetError;

/// Document-level facts for the PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfMeta {
    /// PDF title, used when the document sets none with `set document(title: …)`.
    pub title: String,
    /// PDF author, used when the document sets none.
    pub author: String,
    /// (year, month, day): Typst's `datetime.today()` and the PDF creation date.
    pub date: (i32, u8, u8),
    /// Write PDF/A-2b (archival) instead of plain PDF.
    pub pdf_a: bool,
}

/// A typeset document.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// Typst warnings, rendered as typst-cli prints them.
    pub warnings: Vec<String>,
}

const CREATOR: &str = "jixiao";
/// China Standard Time, UTC+8, in minutes.
const CHINA_UTC_OFFSET_MINUTES: i32 = 8 * 60;

impl PdfMeta {
    /// The date as a Typst date, or an error if it is not a calendar date.
    pub(super) fn day(&self) -> Result<Datetime, TypesetError> {
        let (year, month, day) = self.date;
        Datetime::from_ymd(year, month, day).ok_or(TypesetError::InvalidDate { date: self.date })
    }

    pub(super) fn pdf_options(&self) -> Result<PdfOptions, TypesetError> {
        Ok(PdfOptions {
            ident: Smart::Custom(self.ident()),
            creator: Smart::Custom(Some(CREATOR.to_string())),
            timestamp: Some(self.timestamp()?),
            standards: self.standards()?,
            ..PdfOptions::default()
        })
    }

    /// Fills in what the document left unset: title, author, and the zh-CN language.
    pub(super) fn fill_document_info(&self, info: &mut DocumentInfo) {
        if info.title.is_none() && !self.title.is_empty() {
            info.title = Some(self.title.as_str().into());
        }
        if info.author.is_empty() && !self.author.is_empty() {
            info.author = vec![self.author.as_str().into()];
        }
        if info.locale.is_auto() {
            info.locale = Smart::Custom(Locale {
                lang: Lang::CHINESE,
                region: Region::from_str("CN").ok(),
            });
        }
    }

    // Stable across runs and builds, so the same report keeps the same PDF identifier.
    fn ident(&self) -> String {
        let (year, month, day) = self.date;
        format!("jixiao/{}/{year:04}-{month:02}-{day:02}", self.title)
    }

    fn timestamp(&self) -> Result<Timestamp, TypesetError> {
        let (year, month, day) = self.date;
        let midnight = Datetime::from_ymd_hms(year, month, day, 0, 0, 0)
            .ok_or(TypesetError::InvalidDate { date: self.date })?;
        Timestamp::new_local(midnight, CHINA_UTC_OFFSET_MINUTES)
            .ok_or(TypesetError::InvalidDate { date: self.date })
    }

    fn standards(&self) -> Result<PdfStandards, TypesetError> {
        let list: &[PdfStandard] = if self.pdf_a {
            &[PdfStandard::A_2b]
        } else {
            &[]
        };
        PdfStandards::new(list).map_err(|err| TypesetError::PdfStandard {
            message: err.message().to_string(),
        })
    }
}
