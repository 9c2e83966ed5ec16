//! Peak memory of a child process, from `/usr/bin/time -v` where it exists.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// `program` under `/usr/bin/time -v` where it exists, else alone.
pub fn timed(program: impl AsRef<OsStr>) -> Command {
    if Path::new("/usr/bin/time").exists() {
        let mut command = Command::new("/usr/bin/time");
        command.arg("-v").arg(program);
        command
    } else {
        Command::new(program)
    }
}

/// Runs `command` (made by [`timed`]) to its end: its wall time and peak memory (KiB, when
/// known). Panics with its error output when it fails.
pub fn run_timed(command: &mut Command) -> (Duration, Option<u64>) {
    let start = Instant::now();
    let output = command.output().expect("command runs");
    let time = start.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{command:?} failed:\n{stderr}");
    (time, peak_kib(&stderr))
}

/// The peak memory (KiB) that `/usr/bin/time -v` reported in `stderr`, if it ran.
fn peak_kib(stderr: &str) -> Option<u64> {
    stderr
        .lines()
        .find_map(|line| {
            line.trim()
                .strip_prefix("Maximum resident set size (kbytes):")
        })
        .and_then(|kib| kib.trim().parse().ok())
}
