//! Rebuilding whenever a source or template changes, with fonts and Typst's caches kept warm.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::build::{BuildError, BuildOptions, Built, build};
use crate::load::is_hidden_or_editor_file;
use crate::output::is_yaml_name;
use crate::typeset::Typesetter;

/// A save is a burst of events (write, rename, metadata): the build starts once none came for
/// this long. Editors finish a save within a few milliseconds; a fixed longer wait only delays
/// every rebuild.
const QUIET: Duration = Duration::from_millis(15);
/// How often the stop flag is looked at while nothing happens.
const POLL: Duration = Duration::from_millis(200);

#[derive(Debug)]
pub struct WatchError(pub String);

impl std::fmt::Display for WatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WatchError {}

/// Builds `src`, then again after every change to it or to the template folder, until `stop`
/// is set. Each attempt goes to `on_build`; what to do with it (write, report) is the caller's.
pub fn watch(
    src: &Path,
    options: &BuildOptions,
    typesetter: &Typesetter,
    stop: &AtomicBool,
    mut on_build: impl FnMut(Result<Built, BuildError>),
) -> Result<(), WatchError> {
    let (sender, events) = channel();
    let inputs = Inputs::new(src, options.templates.as_deref());
    let watched = inputs.watched();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| inputs.affected_by(&e)) {
            let _ = sender.send(());
        }
    })
    .map_err(|e| WatchError(format!("无法监视文件变化：{e}")))?;
    for (path, mode) in watched {
        watcher
            .watch(&path, mode)
            .map_err(|_| WatchError(format!("无法监视「{}」的修改", path.display())))?;
    }
    on_build(build(src, options, typesetter));
    while !stop.load(Ordering::SeqCst) {
        match events.recv_timeout(POLL) {
            Ok(()) => {
                settle(&events);
                on_build(build(src, options, typesetter));
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    Ok(())
}

/// What a rebuild depends on: the sources and the template folder.
struct Inputs {
    /// The report's folder, or the folder of its single file.
    folder: PathBuf,
    /// The single file, when the report is one file.
    file: Option<std::ffi::OsString>,
    templates: Option<PathBuf>,
}

impl Inputs {
    fn new(src: &Path, templates: Option<&Path>) -> Inputs {
        let src = real(src);
        let templates = templates.map(real);
        if src.is_dir() {
            return Inputs {
                folder: src,
                file: None,
                templates,
            };
        }
        Inputs {
            folder: src.parent().map(Path::to_path_buf).unwrap_or_default(),
            file: src.file_name().map(ToOwned::to_owned),
            templates,
        }
    }

    /// A single file is watched through its folder, so that it is still seen after an editor
    /// replaced it by a renamed new file (vim, most IDEs).
    fn watched(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let mut paths = vec![(self.folder.clone(), RecursiveMode::NonRecursive)];
        paths.extend(
            self.templates
                .clone()
                .map(|templates| (templates, RecursiveMode::Recursive)),
        );
        paths
    }

    /// A write, creation, removal or rename of a source or a template. Our own outputs are
    /// never one of them (build refuses such paths), nor are hidden and editor files.
    fn affected_by(&self, event: &notify::Event) -> bool {
        use notify::EventKind;
        use notify::event::ModifyKind;
        let changes_content = match event.kind {
            EventKind::Modify(ModifyKind::Metadata(_)) => false,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
            _ => false,
        };
        changes_content && event.paths.iter().any(|path| self.is_input(path))
    }

    fn is_input(&self, path: &Path) -> bool {
        let Some(name) = path.file_name() else {
            return false;
        };
        if is_hidden_or_editor_file(&name.to_string_lossy()) {
            return false;
        }
        if let Some(templates) = &self.templates
            && path.starts_with(templates)
        {
            return true;
        }
        if path.parent() != Some(self.folder.as_path()) {
            return false;
        }
        match &self.file {
            Some(file) => name == file,
            None => is_yaml_name(path),
        }
    }
}

fn real(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Drains the burst of events one save makes.
fn settle(events: &Receiver<()>) {
    while events.recv_timeout(QUIET).is_ok() {}
}
