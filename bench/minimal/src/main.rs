//! A minimal Tauri window: the baseline bench/app.sh measures Confidant against.
//! No commands, no plugins, one static page.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("the minimal window could not start: {e}");
        std::process::exit(1);
    }
}
