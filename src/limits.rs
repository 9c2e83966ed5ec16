//! What a build may take: how big a template folder may be, how many steps the templates may
//! run, and how long and how much memory the running of templates and the typesetting may use.
//! A template can loop (`#for i in range(1000000000) {}`): these end it with a message instead
//! of a machine that stops answering.

use std::fmt;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The limits of one build. The defaults leave the built-in templates far inside them (the
/// sample takes 0.2 s and 100 MB, a report of 2,000 indicators 3 s and 0.5 GB).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Files in the `--templates` folder, sub-folders included.
    pub template_files: usize,
    /// Their bytes in all.
    pub template_bytes: u64,
    /// minijinja's steps for one rendering.
    pub template_fuel: u64,
    /// Wall-clock time of each stage (running the templates, laying out, writing the PDF).
    pub time: Duration,
    /// Memory of the whole process while a stage runs, in bytes (Linux only: read from
    /// /proc/self/status).
    pub memory: u64,
    /// Called when a stage goes over [`Limits::time`] or [`Limits::memory`]; the stage cannot
    /// be stopped from outside, so the command line prints the message and exits. None: the
    /// time and memory are not watched.
    pub on_exceeded: Option<fn(&Exceeded)>,
}

pub const MIB: u64 = 1024 * 1024;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            template_files: 500,
            template_bytes: 64 * MIB,
            template_fuel: 50_000_000,
            time: Duration::from_secs(120),
            memory: 4096 * MIB,
            on_exceeded: None,
        }
    }
}

/// The stage that went over a limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Templates,
    Layout,
    Pdf,
}

impl Stage {
    fn zh(self) -> &'static str {
        match self {
            Stage::Templates => "运行模板",
            Stage::Layout => "排版",
            Stage::Pdf => "写出 PDF",
        }
    }
}

/// Which limit a stage went over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exceeded {
    Time { stage: Stage, limit: Duration },
    Memory { stage: Stage, limit: u64, used: u64 },
}

impl fmt::Display for Exceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exceeded::Time { stage, limit } => write!(
                f,
                "{}超过了 {} 秒的时间上限，已停止：检查模板中是否有过大或不会结束的循环；\
                 报告确实很大时，用 --max-seconds 放宽上限",
                stage.zh(),
                limit.as_secs()
            ),
            Exceeded::Memory { stage, limit, used } => write!(
                f,
                "{}占用的内存（{} MB）超过了 {} MB 的上限，已停止：检查模板中是否有过大的数组或循环；\
                 报告确实很大时，用 --max-memory 放宽上限",
                stage.zh(),
                used / MIB,
                limit / MIB
            ),
        }
    }
}

/// Watches one stage while it lives: a thread that looks at the clock and the memory every
/// few milliseconds. Dropping it ends the watch.
pub struct Watch {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

const LOOK_EVERY: Duration = Duration::from_millis(10);

impl Limits {
    /// Starts watching `stage`; a no-op when nobody is to be told.
    pub fn watch(&self, stage: Stage) -> Watch {
        let Some(on_exceeded) = self.on_exceeded else {
            return Watch {
                stop: None,
                thread: None,
            };
        };
        let (stop, stopped) = mpsc::channel();
        let (time, memory) = (self.time, self.memory);
        let start = Instant::now();
        let thread = std::thread::spawn(move || {
            while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(LOOK_EVERY) {
                if let Some(exceeded) = over(stage, start, time, memory) {
                    on_exceeded(&exceeded);
                    return;
                }
            }
        });
        Watch {
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

fn over(stage: Stage, start: Instant, time: Duration, memory: u64) -> Option<Exceeded> {
    if start.elapsed() > time {
        return Some(Exceeded::Time { stage, limit: time });
    }
    let used = resident_bytes()?;
    (used > memory).then_some(Exceeded::Memory {
        stage,
        limit: memory,
        used,
    })
}

impl Drop for Watch {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The memory the process holds now, where the system says (Linux).
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kib.checked_mul(1024)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static TOLD: AtomicUsize = AtomicUsize::new(0);

    fn count(_: &Exceeded) {
        TOLD.fetch_add(1, Ordering::SeqCst);
    }

    #[test]
    fn a_stage_over_its_time_is_told_once_and_a_quick_one_never() {
        let limits = Limits {
            time: Duration::from_millis(30),
            on_exceeded: Some(count),
            ..Limits::default()
        };
        drop(limits.watch(Stage::Layout));
        assert_eq!(TOLD.load(Ordering::SeqCst), 0);
        let watch = limits.watch(Stage::Layout);
        std::thread::sleep(Duration::from_millis(120));
        drop(watch);
        assert_eq!(TOLD.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn the_memory_of_the_process_is_known_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(resident_bytes().is_some_and(|bytes| bytes > MIB));
        }
    }
}
