//! Generates the app's command permissions (`allow-<command>`) so the single
//! capability file can grant exactly these commands and nothing else. The
//! names come from the one command list, `src/command_list.rs`.

include!("src/command_list_more.rs");
include!("src/command_list.rs");

/// The names of the commands in the list.
macro_rules! names {
    ($(
        $(#[$meta:meta])*
        $name:ident [$($ctx:ident),*] ($($arg:ident : $ty:ty),* $(,)?) -> $ret:ty $body:block
    )*) => {
        &[$(stringify!($name)),*]
    };
}

const COMMANDS: &[&str] = command_list!(names);

fn main() {
    println!("cargo:rerun-if-changed=src/command_list.rs");
    println!("cargo:rerun-if-changed=src/command_list_more.rs");
    let attrs = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attrs) {
        eprintln!("tauri build script failed: {e:#}");
        std::process::exit(1);
    }
}
