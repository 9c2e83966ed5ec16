//! Peak memory of a child process, from `/usr/bin/time -v` where it exists.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

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

/// The peak memory (KiB) that `/usr/bin/time -v` reported in `stderr`, if it ran.
pub fn peak_kib(stderr: &str) -> Option<u64> {
    stderr
        .lines()
        .find_map(|line| {
            line.trim()
                .strip_prefix("Maximum resident set size (kbytes):")
        })
        .and_then(|kib| kib.trim().parse().ok())
}
