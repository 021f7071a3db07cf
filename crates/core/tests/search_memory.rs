//! The search index never touches disk: building and querying a large index
//! creates no file in the data folder or in the temp folder SQLite would use
//! (TMPDIR, pointed here at a fresh folder). One test in its own binary, so
//! no other test's files appear meanwhile.

mod common;

use chrono::{TimeZone, Utc};
use confidant_core::journal::Journal;
use confidant_core::search::{Search, SearchQuery};
use confidant_core::vault::Role;
use std::collections::BTreeSet;
use std::path::Path;

fn files(root: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            out.insert(p.display().to_string());
        }
    }
    out
}

#[test]
fn building_and_querying_write_no_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    // The only test in this binary: set before any SQLite temp use.
    std::env::set_var("TMPDIR", tmp.path());
    let now = Utc
        .with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
        .single()
        .expect("time");
    let (dir, mut v) = common::unlocked_vault(Role::Supervisee, now);
    let text = "Reflecting on supervision, a zephyr of doubt. ".repeat(40);
    for i in 0..400 {
        Journal::of(&mut v)
            .create(&format!("{i} {text}"), now)
            .expect("entry");
    }
    let before_data = files(dir.path());
    let before_tmp = files(tmp.path());
    assert!(
        !before_data.is_empty(),
        "positive control: the vault's files are seen"
    );
    let r = Search::of(&mut v)
        .query(&SearchQuery {
            text: "zephyr".into(),
            limit: 200,
            ..SearchQuery::default()
        })
        .expect("search");
    assert_eq!(r.total_matched, 400);
    assert_eq!(
        files(dir.path()),
        before_data,
        "no new file in the data folder"
    );
    assert_eq!(files(tmp.path()), before_tmp, "no temp file");
}
