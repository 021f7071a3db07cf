//! `cargo fuzz run sealed`: see docs/FUZZING.md and `src/harness/sealed.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _accepted = confidant_fuzz::harness::sealed::run(data);
});
