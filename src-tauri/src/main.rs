// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // First, before any thread or WebKit process exists, so all of them
    // inherit it: a crash writes no core dump (crates/core/src/crash_dumps.rs).
    if let Err(e) = confidant_core::crash_dumps::disable() {
        eprintln!("Confidant could not turn off core dumps: {e}");
    }
    if let Err(e) = confidant_app::run() {
        eprintln!("Confidant could not start: {e}");
        std::process::exit(1);
    }
}
