//! `jixiao watch` ends cleanly on SIGTERM, SIGINT or SIGHUP from its first moment: a signal that
//! arrives before `main` has put its handler in place (while the program is still starting) is
//! remembered here instead of killing the process, and `watch` reads it once its own handler is
//! set. Only for `watch`: every other command keeps the default (a signal ends it at once).

use std::sync::atomic::{AtomicBool, Ordering};

static STOPPED_EARLY: AtomicBool = AtomicBool::new(false);

/// Whether a stop signal came before `watch`'s own handler was set.
pub fn stopped_early() -> bool {
    STOPPED_EARLY.load(Ordering::SeqCst)
}

extern "C" fn remember(_signal: libc::c_int) {
    STOPPED_EARLY.store(true, Ordering::SeqCst);
}

/// Run by the C runtime before `main` (glibc hands its functions argc and argv).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[used]
#[unsafe(link_section = ".init_array")]
static INSTALL: extern "C" fn(libc::c_int, *const *const libc::c_char) = install;

#[cfg(all(target_os = "linux", target_env = "gnu"))]
extern "C" fn install(argc: libc::c_int, argv: *const *const libc::c_char) {
    if argc < 2 || argv.is_null() {
        return;
    }
    // SAFETY: glibc passes the process's argv, `argc` valid C strings.
    let first = unsafe { std::ffi::CStr::from_ptr(*argv.add(1)) };
    if first.to_bytes() != b"watch" {
        return;
    }
    for signal in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
        unsafe {
            libc::signal(signal, remember as *const () as libc::sighandler_t);
        }
    }
}
