//! `cargo fuzz run packets`: see docs/FUZZING.md and `src/harness/packets.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _accepted = confidant_fuzz::harness::packets::run(data);
});
