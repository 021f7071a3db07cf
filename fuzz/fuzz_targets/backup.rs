//! `cargo fuzz run backup`: see docs/FUZZING.md and `src/harness/backup.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _accepted = confidant_fuzz::harness::backup::run(data);
});
