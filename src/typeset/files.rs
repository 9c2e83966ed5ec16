//! The document's virtual file system: the map the caller hands over, nothing else.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::Bytes;
use typst::syntax::package::PackageSpec;
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};

use super::error::TypesetError;

/// The virtual path of the main document.
pub(super) const MAIN_PATH: &str = "/main.typ";

/// Files a document may read, by id; parsed as Typst source on first import.
pub(super) struct VirtualFiles {
    entries: HashMap<FileId, VirtualFile>,
}

struct VirtualFile {
    bytes: Bytes,
    source: OnceLock<FileResult<Source>>,
}

impl VirtualFiles {
    pub(super) fn new(files: &BTreeMap<String, Vec<u8>>) -> Result<Self, TypesetError> {
        let mut entries = HashMap::with_capacity(files.len());
        for (path, data) in files {
            let file = VirtualFile {
                bytes: Bytes::new(data.clone()),
                source: OnceLock::new(),
            };
            entries.insert(project_file_id(path)?, file);
        }
        Ok(VirtualFiles { entries })
    }

    pub(super) fn bytes(&self, id: FileId) -> FileResult<Bytes> {
        Ok(self.lookup(id)?.bytes.clone())
    }

    pub(super) fn source(&self, id: FileId) -> FileResult<Source> {
        let file = self.lookup(id)?;
        file.source
            .get_or_init(|| parse_source(id, &file.bytes))
            .clone()
    }

    fn lookup(&self, id: FileId) -> FileResult<&VirtualFile> {
        match id.root() {
            VirtualRoot::Package(spec) => Err(package_unavailable(spec)),
            VirtualRoot::Project => self
                .entries
                .get(&id)
                .ok_or_else(|| FileError::NotFound(PathBuf::from(id.vpath().get_with_slash()))),
        }
    }
}

/// The id of a file in the document's project, e.g. "/style.typ".
pub(super) fn project_file_id(path: &str) -> Result<FileId, TypesetError> {
    let vpath = VirtualPath::new(path).map_err(|err| TypesetError::InvalidFilePath {
        path: path.to_string(),
        reason: err.to_string(),
    })?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// How diagnostics name a file: its virtual path, prefixed by its package if any.
pub(super) fn display_name(id: FileId) -> String {
    let path = id.vpath().get_with_slash();
    match id.root() {
        VirtualRoot::Project => path.to_string(),
        VirtualRoot::Package(spec) => format!("{spec}{path}"),
    }
}

fn parse_source(id: FileId, bytes: &Bytes) -> FileResult<Source> {
    let text = std::str::from_utf8(bytes.as_slice())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Ok(Source::new(id, text.to_string()))
}

// The tool runs offline by design: no package is ever downloaded or read from disk.
fn package_unavailable(spec: &PackageSpec) -> FileError {
    FileError::Package(PackageError::Other(Some(
        format!("{spec}: Typst 包不可用, 本工具离线运行, 不下载也不读取任何包 (packages are not available offline)").into(),
    )))
}
