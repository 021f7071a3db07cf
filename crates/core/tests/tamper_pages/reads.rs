//! Reading everything through the domain APIs, and counting the outcome
//! of each flip.

use std::path::Path;

use chrono::Duration;
use confidant_core::agreements::Agreements;
use confidant_core::audit::Audit;
use confidant_core::hours::Hours;
use confidant_core::journal::Journal;
use confidant_core::keychain::MemoryKeychain;
use confidant_core::people::People;
use confidant_core::records::Records;
use confidant_core::schedule::Schedule;
use confidant_core::vault::Vault;

use super::records_fixture::common::CONFIG;
use super::records_fixture::now;

/// What was written, by id.
pub struct Ids {
    pub journal: String,
    pub person: String,
    pub agreement: String,
    pub record: String,
    /// Entries in the security log when the vault was made (each unlock
    /// adds one; those are not compared).
    pub audit_seq: i64,
}

/// One read: its label and what it gave (a comparable text) or the error.
pub type Reads = Vec<(&'static str, Result<String, String>)>;

pub fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("serialise")
}

/// Reads everything through the domain APIs. Damage reported inside a list
/// (a `damaged` flag or count) is an error for that read.
pub fn read_all(v: &mut Vault, ids: &Ids) -> Reads {
    let e = |err: confidant_core::Error| err.to_string();
    let mut out: Reads = Vec::new();
    out.push((
        "journal list",
        Journal::of(v).list(0, 100).map_err(e).and_then(|p| {
            if p.entries.iter().any(|x| x.damaged) {
                Err("an entry is reported damaged".into())
            } else {
                Ok(json(&p))
            }
        }),
    ));
    out.push((
        "journal entry",
        Journal::of(v)
            .get(&ids.journal)
            .map(|x| json(&x))
            .map_err(e),
    ));
    out.push((
        "people list",
        People::of(v).list().map_err(e).and_then(|l| {
            if l.iter().any(|x| x.damaged) {
                Err("a person is reported damaged".into())
            } else {
                Ok(json(&l))
            }
        }),
    ));
    out.push((
        "person",
        People::of(v).get(&ids.person).map(|x| json(&x)).map_err(e),
    ));
    out.push((
        "agreement",
        Agreements::of(v)
            .get(&ids.agreement)
            .map(|x| json(&x))
            .map_err(e),
    ));
    out.push((
        "session record",
        Records::of(v)
            .get(&ids.record, None)
            .map(|x| json(&x))
            .map_err(e),
    ));
    out.push((
        "hours",
        Hours::of(v)
            .book(&ids.person, now())
            .map_err(e)
            .and_then(|b| {
                if b.damaged > 0 {
                    Err("an hours row is reported damaged".into())
                } else {
                    Ok(json(&b.manual))
                }
            }),
    ));
    out.push((
        "sessions",
        Schedule::of(v)
            .occurrences(
                now() - Duration::days(190),
                now() + Duration::days(190),
                Some(&ids.person),
            )
            .map_err(e)
            .and_then(|l| {
                if l.damaged_series.is_empty() && l.damaged_sessions.is_empty() {
                    Ok(json(&l.occurrences))
                } else {
                    Err("a session is reported damaged".into())
                }
            }),
    ));
    out.push((
        "security log",
        Audit::of(v)
            .list()
            .map_err(e)
            .and_then(|l| match l.problem {
                Some(problem) => Err(problem),
                None => Ok(json(
                    &l.entries
                        .iter()
                        .filter(|x| x.seq <= ids.audit_seq)
                        .collect::<Vec<_>>(),
                )),
            }),
    ));
    out.push((
        "schedule",
        Schedule::of(v)
            .series_list(Some(&ids.person))
            .map_err(e)
            .and_then(|l| {
                if l.damaged.is_empty() {
                    Ok(json(&l.series))
                } else {
                    Err("a series is reported damaged".into())
                }
            }),
    ));
    out
}

/// Opens the vault in `dir` with `keychain` and reads everything; a vault
/// that will not open or unlock is one error for every read.
pub fn open_and_read(dir: &Path, keychain: &MemoryKeychain, ids: &Ids, n: usize) -> Reads {
    let opened = Vault::open(dir, Box::new(keychain.clone()), CONFIG, now())
        .and_then(|mut v| v.unlock(None, now()).map(|_| v));
    match opened {
        Ok(mut v) => read_all(&mut v, ids),
        Err(err) => vec![("vault", Err(err.to_string())); n],
    }
}

#[derive(Default)]
pub struct Tally {
    pub flips: u64,
    pub all_original: u64,
    pub with_errors: u64,
    pub reads_original: u64,
    pub reads_errored: u64,
    /// Reads that differ from the original, in a file `PRAGMA
    /// integrity_check` reports damaged (a row missing from a list because
    /// an index entry was flipped): detectable, but not reported by the read.
    pub reads_differ_detectable: u64,
    pub flips_differ_detectable: u64,
    /// Reads that differ in a file integrity_check passes: never allowed.
    pub garbage: u64,
    pub panics: u64,
}

impl Tally {
    /// Counts one flip's reads against the original. `file_damaged` runs
    /// `PRAGMA integrity_check` on the file read (only when a read differs).
    pub fn count(
        &mut self,
        flip: &str,
        reads: &Reads,
        original: &Reads,
        file_damaged: impl Fn() -> bool,
    ) {
        self.flips += 1;
        let (mut errors, mut differ) = (0, 0);
        for ((label, got), (_, want)) in reads.iter().zip(original) {
            match got {
                Ok(text) if Ok(text) == want.as_ref() => self.reads_original += 1,
                Ok(text) => {
                    differ += 1;
                    let want = want.as_ref().map(String::as_str).unwrap_or_default();
                    let at = text
                        .bytes()
                        .zip(want.bytes())
                        .position(|(a, b)| a != b)
                        .unwrap_or(text.len().min(want.len()));
                    let from = at.saturating_sub(40);
                    println!(
                        "  read differs at {flip}: {label}: got …{}… expected …{}…",
                        text.get(from..(at + 40).min(text.len())).unwrap_or("?"),
                        want.get(from..(at + 40).min(want.len())).unwrap_or("?")
                    );
                }
                Err(_) => {
                    self.reads_errored += 1;
                    errors += 1;
                }
            }
        }
        if differ > 0 {
            if file_damaged() {
                self.reads_differ_detectable += differ;
                self.flips_differ_detectable += 1;
                println!("  … and PRAGMA integrity_check reports the file damaged");
            } else {
                self.garbage += differ;
                eprintln!("GARBAGE at {flip}: integrity_check passes the file");
            }
        } else if errors == 0 {
            self.all_original += 1;
        } else {
            self.with_errors += 1;
        }
    }
}

/// Whether the app's whole-file check (run in the background after every
/// unlock, shown as a banner on every screen) reports `db` damaged.
pub fn integrity_damaged(db: &Path) -> bool {
    !matches!(confidant_core::file_check::check_file(db), Ok(None))
}
