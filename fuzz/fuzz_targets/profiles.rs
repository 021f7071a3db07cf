//! `cargo fuzz run profiles`: see docs/FUZZING.md and `src/harness/profiles.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _accepted = confidant_fuzz::harness::profiles::run(data);
});
