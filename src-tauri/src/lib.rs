//! Confidant's desktop shell: a thin Tauri adapter around `confidant-core`.
//!
//! It resolves the data folder, opens the vault with the OS keychain, and
//! exposes the core through the commands in [`commands`] (listed once, in
//! `command_list.rs`). The vault's data lives in the OS's per-user app-data
//! folder (`<app data>/vault`; on Windows the local, not roaming, one), or in
//! `$CONFIDANT_DATA_DIR` when that is set (tests).

#[macro_use]
mod command_list_more;
#[macro_use]
mod command_list;
mod commands;
mod dialogs;
mod dialogs_backup;
mod dialogs_evaluations;
mod dialogs_hours;
mod dialogs_packets;
mod dialogs_restore;
mod dialogs_subject_access;
mod reminders;
mod start_answers;
mod state;

pub use dialogs::ImportFile;
pub use dialogs_packets::SentPacket;
pub use state::PacketOpen;

use std::path::PathBuf;

use confidant_core::keychain::OsKeychain;
use confidant_core::vault::{Vault, VaultConfig};
use tauri::Manager;

/// Environment variable that overrides the data folder (for tests). Only a
/// debug build obeys it: a release build always uses its own folder.
pub const DATA_DIR_ENV: &str = "CONFIDANT_DATA_DIR";

/// What keeps a development build away from a real vault: a debug build
/// (development, the tests, the README's launch command) files its key under
/// another keychain service and keeps its vault in another folder than a
/// release build, so running Confidant from the source never opens, changes
/// or replaces the vault of an installed copy on the same account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Flavour {
    /// The keychain service the device key is filed under.
    keychain_service: &'static str,
    /// The vault's folder inside the app-data folder.
    vault_folder: &'static str,
    /// Whether `$CONFIDANT_DATA_DIR` is obeyed.
    obeys_data_dir_env: bool,
}

const RELEASE: Flavour = Flavour {
    keychain_service: confidant_core::APP_ID,
    vault_folder: "vault",
    obeys_data_dir_env: false,
};

// A release build must never obey the tests' data folder variable.
const _: () = assert!(!RELEASE.obeys_data_dir_env);

const DEBUG: Flavour = Flavour {
    keychain_service: "app.confidant.desktop.dev",
    vault_folder: "vault-dev",
    obeys_data_dir_env: true,
};

/// This build's flavour.
const fn flavour() -> Flavour {
    if cfg!(debug_assertions) {
        DEBUG
    } else {
        RELEASE
    }
}

/// The data folder: `$CONFIDANT_DATA_DIR` (debug builds only), else
/// `<app data>/vault` (`vault-dev` in a debug build). On Windows that is the
/// local application data folder (`%LOCALAPPDATA%`), not the roaming one, so
/// the vault is not copied to other computers with a roaming profile; on
/// macOS and Linux it is the per-user app-data folder.
fn data_dir(app: &tauri::App) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let flavour = flavour();
    if flavour.obeys_data_dir_env {
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
            return Ok(PathBuf::from(dir));
        }
    }
    #[cfg(windows)]
    let base = app.path().app_local_data_dir()?;
    #[cfg(not(windows))]
    let base = app.path().app_data_dir()?;
    Ok(base.join(flavour.vault_folder))
}

/// Whether the main webview is incognito: no cookies, storage or cache
/// written to disk. Always, except in a build with the `webdriver` feature
/// (the end-to-end tests' build only) under WebDriver automation
/// (tauri-driver sets `TAURI_WEBVIEW_AUTOMATION=true`), because WebKitGTK
/// allows automation only in the default, persistent web context. The
/// end-to-end tests thus run with the stricter setting for the disk scan:
/// even a persistent webview must not hold anything the user typed. A build
/// without the feature ignores the variable.
fn incognito(automation_env: Option<&str>) -> bool {
    !(cfg!(feature = "webdriver") && automation_env == Some("true"))
}

/// Run at document start in the main window, before the page's scripts:
/// receives the first answers the shell pushes ([`start_answers`]) and
/// keeps them for the UI (`ui/src/lib/api/startStatus.ts`). It sends
/// nothing (the file's comments say why).
const START_STATUS_SCRIPT: &str = include_str!("../../ui/src/lib/api/startScript.js");

/// Opens the main window (see [`incognito`] and [`START_STATUS_SCRIPT`]).
fn main_window(app: &tauri::App) -> tauri::Result<()> {
    let automation = std::env::var("TAURI_WEBVIEW_AUTOMATION").ok();
    tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::App("index.html".into()))
        .title("Confidant")
        .inner_size(1180.0, 780.0)
        .min_inner_size(760.0, 520.0)
        .incognito(incognito(automation.as_deref()))
        .initialization_script(START_STATUS_SCRIPT)
        .build()?;
    Ok(())
}

/// Sends the page the answers to its first two commands
/// ([`start_answers`]); when they arrive after the UI's script has started,
/// the UI has asked for them itself.
fn push_start_answers(app: &tauri::AppHandle, state: &state::AppState) {
    let Some((status, sessions)) = state.start_answers(start_answers::TODAY_SESSIONS) else {
        return;
    };
    if let Some(window) = app.get_webview_window("main") {
        // A push that fails costs only the time it would have saved.
        let _ = window.eval(start_answers::script(&status, sessions.as_deref()));
    }
}

/// Expands to `tauri::generate_handler!` over every command of the list.
macro_rules! handler {
    ($(
        $(#[$meta:meta])*
        $name:ident [$($ctx:ident),*] ($($arg:ident : $ty:ty),* $(,)?) -> $ret:ty $body:block
    )*) => {
        tauri::generate_handler![$(commands::$name),*]
    };
}

/// Builds and runs the app until the last window closes.
pub fn run() -> Result<(), tauri::Error> {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            // The window first: WebKit starts its processes while the vault
            // is opened below. No command can arrive before the state is
            // managed: the webview's requests (the page itself and every
            // command) are answered on this thread, after `setup` returns.
            main_window(app)?;
            let dir = data_dir(app)?;
            let keychain = OsKeychain::new(flavour().keychain_service);
            let vault = Vault::open(
                dir,
                Box::new(keychain),
                VaultConfig::default(),
                chrono::Utc::now(),
            )?;
            let state = state::AppState::new(vault);
            state.watch(app.handle().clone())?;
            let handle = app.handle().clone();
            state.unlock_at_start(move |state| push_start_answers(&handle, state))?;
            app.manage(state);
            Ok(())
        })
        .invoke_handler(command_list!(handler))
        .build(tauri::generate_context!())?
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // Lock on the way out: the keys are wiped and the write-ahead
                // log is checkpointed into the database and truncated, so no
                // old page images stay in `-wal` after the app has quit.
                if let Some(state) = app.try_state::<state::AppState>() {
                    state.lock_for_exit();
                }
            }
        });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{flavour, incognito, DEBUG, RELEASE, START_STATUS_SCRIPT};

    #[test]
    fn the_start_script_asks_nothing() {
        // No command and no request before the page's load event; the
        // names it reads are the ones start_answers.rs writes.
        assert!(!START_STATUS_SCRIPT.contains("invoke("));
        assert!(!START_STATUS_SCRIPT.contains("fetch("));
        assert!(!START_STATUS_SCRIPT.contains("__TAURI"));
        let pushed = super::start_answers::script(
            &confidant_core::vault::AppStatus {
                state: confidant_core::vault::VaultState::NoVault,
                needs_passcode: false,
                message: None,
                data_dir: String::new(),
            },
            None,
        );
        for name in ["__CONFIDANT_RECEIVE__", "__CONFIDANT_PUSHED__"] {
            assert!(
                START_STATUS_SCRIPT.contains(name) && pushed.contains(name),
                "{name}"
            );
        }
    }

    #[test]
    fn debug_and_release_builds_never_share_a_vault_or_a_keychain_entry() {
        assert_ne!(DEBUG.keychain_service, RELEASE.keychain_service);
        assert_ne!(DEBUG.vault_folder, RELEASE.vault_folder);
        assert_eq!(RELEASE.keychain_service, confidant_core::APP_ID);
        // Tests run as a debug build: they get the development flavour.
        assert_eq!(
            flavour(),
            if cfg!(debug_assertions) {
                DEBUG
            } else {
                RELEASE
            }
        );
    }

    #[cfg(not(feature = "webdriver"))]
    #[test]
    fn a_build_without_the_webdriver_feature_ignores_the_automation_variable() {
        assert!(incognito(Some("true")));
        assert!(incognito(Some("false")));
        assert!(incognito(None));
    }

    #[cfg(feature = "webdriver")]
    #[test]
    fn the_webdriver_build_leaves_incognito_only_under_automation() {
        assert!(!incognito(Some("true")));
        assert!(incognito(Some("1")));
        assert!(incognito(None));
    }
}
