//! Rebuilding whenever a source or template changes, with fonts and Typst's caches kept warm.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::files::is_yaml_name;
use crate::pipeline::{BuildError, BuildOptions, Built, build};
use crate::source::load::is_hidden_or_editor_file;
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
/// A watched folder that is removed and put back (a `git checkout`, a sync tool) is watched
/// again and the report rebuilt.
pub fn watch(
    src: &Path,
    options: &BuildOptions,
    typesetter: &Typesetter,
    stop: &AtomicBool,
    mut on_build: impl FnMut(Result<Built, BuildError>),
) -> Result<(), WatchError> {
    let (sender, events) = channel();
    let inputs = Inputs::new(src, options.templates.as_deref());
    let mut watched: Vec<Watched> = inputs
        .watched()
        .into_iter()
        .map(|(path, mode)| Watched {
            identity: identity(&path),
            stale: false,
            path,
            mode,
        })
        .collect();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if inputs.is_watched_folder(&event) {
            let _ = sender.send(Change::Folder);
        } else if inputs.affected_by(&event) {
            let _ = sender.send(Change::Input);
        }
    })
    .map_err(|_| {
        WatchError("无法监视文件变化：系统不允许再监视更多的文件（inotify 的上限）".to_string())
    })?;
    for folder in &watched {
        watcher
            .watch(&folder.path, folder.mode)
            .map_err(|_| WatchError(format!("无法监视「{}」的修改", folder.path.display())))?;
    }
    if stop.load(Ordering::SeqCst) {
        return Ok(());
    }
    on_build(build(src, options, typesetter));
    while !stop.load(Ordering::SeqCst) {
        match events.recv_timeout(POLL) {
            Ok(change) => {
                let mut folder_changed = change == Change::Folder;
                folder_changed |= settle(&events);
                if folder_changed {
                    watched.iter_mut().for_each(|folder| folder.stale = true);
                    rewatch(&mut watcher, &mut watched);
                }
                on_build(build(src, options, typesetter));
            }
            Err(RecvTimeoutError::Timeout) => {
                if rewatch(&mut watcher, &mut watched) {
                    on_build(build(src, options, typesetter));
                }
            }
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    Ok(())
}

/// What a burst of events changed: the sources, or a watched folder itself (removed, moved).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Change {
    Input,
    Folder,
}

/// A watched folder and which folder it was (a removed and re-made one is another).
struct Watched {
    path: PathBuf,
    mode: RecursiveMode,
    identity: Option<(u64, u64)>,
    /// The folder itself was removed or moved: watch it again even if a new one took the same
    /// inode.
    stale: bool,
}

/// The device and inode of a folder: a folder removed and made again has other ones.
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Elsewhere only whether the folder is there: a removal is still seen, and the event of the
/// folder's own removal marks it to be watched again.
#[cfg(not(unix))]
fn identity(path: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(path).ok().map(|_| (0, 0))
}

/// Watches again each folder that was removed or replaced since it was last looked at; true
/// when one was (the report is to be built again: removed, it now fails; back, it builds).
fn rewatch(watcher: &mut impl Watcher, watched: &mut [Watched]) -> bool {
    let mut changed = false;
    for folder in watched {
        let now = identity(&folder.path);
        if now == folder.identity && !folder.stale {
            continue;
        }
        let _ = watcher.unwatch(&folder.path);
        if now.is_none() {
            // Gone: built once more (to say so), then looked for at every poll.
            changed |= folder.identity.is_some();
            folder.identity = None;
            folder.stale = true;
        } else if watcher.watch(&folder.path, folder.mode).is_ok() {
            changed = true;
            folder.identity = now;
            folder.stale = false;
        }
    }
    changed
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

    /// The removal or move of a watched folder itself: its watch is gone with it.
    fn is_watched_folder(&self, event: &notify::Event) -> bool {
        use notify::EventKind;
        use notify::event::ModifyKind;
        matches!(
            event.kind,
            EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
        ) && event
            .paths
            .iter()
            .any(|path| *path == self.folder || self.templates.as_ref().is_some_and(|t| path == t))
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

/// Drains the burst of events one save makes; true when one of them was about a watched folder.
fn settle(events: &Receiver<Change>) -> bool {
    let mut folder = false;
    while let Ok(change) = events.recv_timeout(QUIET) {
        folder |= change == Change::Folder;
    }
    folder
}
