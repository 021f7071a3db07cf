//! Confidant's fuzz harnesses. Each `harness::<target>::run` takes the raw
//! fuzz input, drives the real parsing or decrypting code of
//! `confidant-core`, and panics when an invariant fails. The fuzz targets in
//! `fuzz_targets/` call them; `crates/core/tests/fuzz_regressions.rs`
//! includes the same files (`#[path]`) and runs every committed corpus and
//! regression input through them on stable, in the normal `cargo test`.

pub mod harness;
