//! Every committed fuzz input, run on stable inside the normal `cargo test`:
//! the seed corpus (`fuzz/corpus/<target>/`) and the inputs that once
//! crashed a target (`fuzz/regressions/<target>/`), each through the very
//! harness the fuzz target calls (`fuzz/src/harness/`, included here by
//! path). A harness panics when an invariant fails; this test names every
//! file that did. A harness also says whether the input was accepted (the
//! packet opened, the file restored, …): a corpus file named `accepted-…`
//! must be, one named `refused-…` must not, so the seeds keep reaching the
//! code past the first check (a format change that stops them fails here).
//! See docs/FUZZING.md.

#[allow(dead_code)]
#[path = "../../../fuzz/src/harness/mod.rs"]
mod harness;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The files of `fuzz/<kind>/<target>/`, sorted (none when it is absent).
fn files(kind: &str, target: &str) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(fuzz_dir().join(kind).join(target)) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = read
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

/// What a file's name says the harness must answer, if anything.
fn expected(path: &Path) -> Option<bool> {
    let name = path.file_name()?.to_str()?;
    if name.starts_with("accepted-") {
        Some(true)
    } else if name.starts_with("refused-") {
        Some(false)
    } else {
        None
    }
}

/// Runs every corpus and regression input of `target` through `run`;
/// fails naming each input that panicked or was not accepted (refused) as
/// its name says. The corpus must not be empty (a missing folder would
/// otherwise pass silently) and must hold at least one `accepted-` input.
fn run_all(target: &str, run: fn(&[u8]) -> bool) {
    let corpus = files("corpus", target);
    assert!(
        !corpus.is_empty(),
        "fuzz/corpus/{target}/ has no seed inputs"
    );
    assert!(
        corpus.iter().any(|p| expected(p) == Some(true)),
        "fuzz/corpus/{target}/ has no accepted- input"
    );
    let mut failed = Vec::new();
    let all: Vec<PathBuf> = corpus
        .into_iter()
        .chain(files("regressions", target))
        .collect();
    for path in &all {
        let data = std::fs::read(path).expect("read a fuzz input");
        match catch_unwind(AssertUnwindSafe(|| run(&data))) {
            Err(_) => failed.push(format!("{} (panicked)", path.display())),
            Ok(accepted) if expected(path).is_some_and(|e| e != accepted) => failed.push(format!(
                "{} (accepted: {accepted}, expected the opposite)",
                path.display()
            )),
            Ok(_) => {}
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} {target} inputs failed (each panic is printed above):\n{}",
        failed.len(),
        all.len(),
        failed.join("\n")
    );
}

#[test]
fn sealed() {
    run_all("sealed", harness::sealed::run);
}

#[test]
fn packets() {
    run_all("packets", harness::packets::run);
}

#[test]
fn ics() {
    run_all("ics", harness::ics::run);
}

#[test]
fn backup() {
    run_all("backup", harness::backup::run);
}

#[test]
fn profiles() {
    run_all("profiles", harness::profiles::run);
}
