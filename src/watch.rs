//! Rebuilding whenever a source or template changes, with fonts and Typst's caches kept warm.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::build::{BuildError, BuildOptions, Built, build};
use crate::typeset::Typesetter;

/// How long to wait for an editor to finish saving (several events) before rebuilding.
const SETTLE: Duration = Duration::from_millis(150);
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
    let templates = options
        .templates
        .as_ref()
        .map(|t| t.canonicalize().unwrap_or_else(|_| t.clone()));
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| affects_build(&e, templates.as_deref())) {
            let _ = sender.send(());
        }
    })
    .map_err(|e| WatchError(format!("无法监视文件变化：{e}")))?;
    for path in watched_paths(src, options) {
        watcher
            .watch(&path, RecursiveMode::Recursive)
            .map_err(|e| WatchError(format!("无法监视「{}」：{e}", path.display())))?;
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

fn watched_paths(src: &Path, options: &BuildOptions) -> Vec<PathBuf> {
    let mut paths = vec![src.to_path_buf()];
    paths.extend(options.templates.clone());
    paths
}

/// A write, creation, removal or rename of a YAML source or a template file. The PDF we write
/// (it may sit beside the sources) and our temporary files must not start another build.
fn affects_build(event: &notify::Event, templates: Option<&Path>) -> bool {
    use notify::EventKind;
    use notify::event::ModifyKind;
    let changes_content = match event.kind {
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        _ => false,
    };
    changes_content && event.paths.iter().any(|path| is_input(path, templates))
}

fn is_input(path: &Path, templates: Option<&Path>) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with(".jixiao-") {
        return false;
    }
    let is_yaml = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    );
    is_yaml || templates.is_some_and(|dir| path.starts_with(dir))
}

/// Drains the burst of events one save makes.
fn settle(events: &Receiver<()>) {
    while events.recv_timeout(SETTLE).is_ok() {}
}
