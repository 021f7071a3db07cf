//! `cargo fuzz run ics`: see docs/FUZZING.md and `src/harness/ics.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _accepted = confidant_fuzz::harness::ics::run(data);
});
