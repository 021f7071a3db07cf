//! No command can delete or change a confidentiality-exception entry: the
//! webview reaches the core only through the commands of
//! `src/command_list.rs`, and of those that touch the exception log none
//! deletes, edits, replaces or discards. (The core has no such function
//! either, and the schema's triggers refuse a raw `DELETE` or `UPDATE`: see
//! crates/core/tests/exceptions.rs.)

include!("../src/command_list_more.rs");
include!("../src/command_list.rs");

/// Every command's name and the text of its body.
macro_rules! names_and_bodies {
    ($(
        $(#[$meta:meta])*
        $name:ident [$($ctx:ident),*] ($($arg:ident : $ty:ty),* $(,)?) -> $ret:ty $body:block
    )*) => {
        vec![$((stringify!($name), stringify!($body))),*]
    };
}

const WRITE_WORDS: &[&str] = &[
    "delete", "remove", "discard", "erase", "update", "edit", "replace", "set", "clear",
];

#[test]
fn no_command_deletes_or_changes_an_exception_entry() {
    let commands: Vec<(&str, &str)> = command_list!(names_and_bodies);
    let log: Vec<&(&str, &str)> = commands
        .iter()
        .filter(|(name, body)| name.contains("exception") || body.contains("ExceptionLog"))
        .collect();
    let names: Vec<&str> = log.iter().map(|(name, _)| *name).collect();
    // The scan sees the log's commands (it can fail).
    assert_eq!(
        names,
        [
            "exceptions_list",
            "exception_record",
            "exception_add_addendum"
        ]
    );
    for (name, body) in &log {
        for word in WRITE_WORDS {
            assert!(!name.contains(word), "{name} looks like a change or delete");
        }
        assert!(
            [".list(", ".record(", ".add_addendum("]
                .iter()
                .any(|call| body.replace(' ', "").contains(call)),
            "{name} calls only list, record or add_addendum: {body}"
        );
    }
    // And no other command reaches the log's tables under another name.
    for (name, body) in &commands {
        assert!(
            !(body.contains("exception_entries") || body.contains("exception_addenda")),
            "{name} names the log's tables"
        );
    }
    // Schedule exceptions (moved or cancelled sessions) are a different thing
    // and are not in this list.
    assert!(commands.iter().any(|(n, _)| *n == "contact_delete"));
}
