//! The start's first answers, pushed into the page by the shell.
//!
//! The first screen needs two answers: the vault's status (`app_status`)
//! and, when the vault is unlocked, Today's next sessions
//! (`schedule_upcoming`). Asked over IPC by the page, they reached its
//! script about 70 ms after Rust had them (measured: WebKit finds turns for
//! each step of the IPC fetch only between loading and running the page's
//! bundle), and a promise's reactions ran only after the page's load event.
//! So the shell sends both itself, in one script evaluated in the page as
//! soon as the start's unlock attempt is over; the start script
//! (`ui/src/lib/api/startScript.js`) keeps them as plain values, and the
//! UI builds its first screen from them in its first render. When nothing
//! has arrived by the time the UI's script runs (a slow keychain, a
//! reload: the push is sent once per start), the UI asks as usual.
//!
//! What the push carries is what the two commands would answer, nothing
//! more, and it goes nowhere their answers do not: into the page's memory,
//! never to disk. It is sent once, at start; never after a lock.

use confidant_core::schedule::Occurrence;
use confidant_core::vault::AppStatus;
use serde::Serialize;

/// How many sessions Today lists: `TODAY_SESSIONS` in
/// `ui/src/lib/stores/calendar.svelte.ts` (a test checks they agree).
pub const TODAY_SESSIONS: usize = 5;

/// The answers, as the page receives them.
#[derive(Serialize)]
struct Answers<'a> {
    status: &'a AppStatus,
    /// Absent while the vault is locked: the command would be refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    sessions: Option<&'a [Occurrence]>,
}

/// The script that hands `status` and `sessions` to the start script: to
/// its receiver if it has run, else kept on `window` for it to find. It
/// also leaves a `confidant:pushed` performance mark (a name, no data) for
/// the whole-app bench's start steps.
pub fn script(status: &AppStatus, sessions: Option<&[Occurrence]>) -> String {
    let answers = serde_json::to_string(&Answers { status, sessions })
        // Serializing these plain data types cannot fail; a page without
        // the push asks for its answers itself.
        .unwrap_or_else(|_| "null".to_owned())
        // JSON is JavaScript except, before ES2019, for these two.
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    format!(
        "(function(a){{'use strict';performance.mark('confidant:pushed');if(a===null)return;\
         var r=window.__CONFIDANT_RECEIVE__;\
         if(typeof r==='function')r(a);\
         else Object.defineProperty(window,'__CONFIDANT_PUSHED__',{{value:a,configurable:true}});}})({answers});"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use confidant_core::vault::VaultState;

    fn status(message: Option<&str>) -> AppStatus {
        AppStatus {
            state: VaultState::Locked,
            needs_passcode: false,
            message: message.map(str::to_owned),
            data_dir: "/home/someone/.local/share/confidant/vault".into(),
        }
    }

    #[test]
    fn the_script_hands_over_the_answers_as_a_literal() {
        let s = status(None);
        let script = script(&s, None);
        assert!(script.contains("__CONFIDANT_RECEIVE__"), "{script}");
        assert!(script.contains("__CONFIDANT_PUSHED__"), "{script}");
        // A locked vault's push has no sessions, so the page asks for them.
        assert!(!script.contains("\"sessions\""), "{script}");
        let status = serde_json::to_string(&s).expect("json");
        assert!(
            script.ends_with(&format!("({{\"status\":{status}}});")),
            "{script}"
        );
        let with_sessions = super::script(&s, Some(&[]));
        assert!(with_sessions.contains("\"sessions\":[]"), "{with_sessions}");
    }

    #[test]
    fn today_lists_as_many_sessions_as_are_pushed() {
        let store = include_str!("../../ui/src/lib/stores/calendar.svelte.ts");
        let line = format!("export const TODAY_SESSIONS = {TODAY_SESSIONS};");
        assert!(store.contains(&line), "{line} not in calendar.svelte.ts");
    }

    #[test]
    fn line_separators_are_escaped() {
        let script = script(&status(Some("a\u{2028}b\u{2029}c")), None);
        assert!(!script.contains('\u{2028}') && !script.contains('\u{2029}'));
        assert!(script.contains("a\\u2028b\\u2029c"), "{script}");
    }
}
