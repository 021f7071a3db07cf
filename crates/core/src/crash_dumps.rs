//! No core dumps: a crash must not write the app's memory to disk.
//!
//! While it runs, the app's memory holds what the vault protects on disk:
//! the master key and the data keys, decrypted records, the journal being
//! written; the web view's processes hold the screen's text. A core dump
//! is a copy of that memory in a file (`core` in the working folder, or
//! whatever `kernel.core_pattern` names: systemd-coredump's store, Ubuntu's
//! apport). So the shell calls [`disable`] first thing at start, before
//! any thread or process exists: it sets the core file size limit, soft
//! and hard, to zero. The limit is inherited by every process started
//! afterwards (WebKit's web and network processes on Linux), and a hard
//! limit once lowered cannot be raised again by the process or its
//! children.
//!
//! What it does not cover (SECURITY.md, "Threat model", out of scope): a crash
//! handler that ignores the limit (apport does, for binaries that came
//! from the distribution's own packages, such as WebKitGTK's web process);
//! Windows Error Reporting and WebView2's own crash reports; macOS writes
//! no core files unless the user has enabled them, and the same limit
//! applies there.

/// Sets the core file size limit of this process to zero, soft and hard.
///
/// On Unix only; elsewhere it does nothing (see the module's notes).
/// Lowering a limit is always permitted, so an error here means something
/// unusual (a seccomp filter, say); the caller reports it and carries on.
pub fn disable() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use rustix::process::{setrlimit, Resource, Rlimit};
        setrlimit(
            Resource::Core,
            Rlimit {
                current: Some(0),
                maximum: Some(0),
            },
        )?;
    }
    Ok(())
}

/// The core file size limit now in force, soft and hard, in bytes (`None`:
/// unlimited). `None` for both on systems without such a limit.
pub fn limit() -> (Option<u64>, Option<u64>) {
    #[cfg(unix)]
    {
        let now = rustix::process::getrlimit(rustix::process::Resource::Core);
        (now.current, now.maximum)
    }
    #[cfg(not(unix))]
    {
        (None, None)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    // Lowers this test process's own limit: harmless for a test binary.
    #[test]
    fn disable_sets_both_limits_to_zero_and_children_inherit_them() {
        disable().expect("lowering a limit is permitted");
        assert_eq!(limit(), (Some(0), Some(0)));
        // Idempotent: the shell may be started again in the same process
        // tree (a restart after restore).
        disable().expect("a second call is fine");

        // A process started afterwards (as WebKit's are) has the same
        // limits and cannot raise them.
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg("ulimit -S -c; ulimit -H -c; ulimit -S -c 1 2>/dev/null && echo raised || echo refused")
            .output()
            .expect("sh runs");
        assert!(out.status.success());
        assert_eq!(String::from_utf8_lossy(&out.stdout), "0\n0\nrefused\n");
    }
}
