//! The fuzz harnesses, one module per target. Plain Rust with no fuzzer
//! dependency, so the stable regression test can include this folder.

pub mod backup;
pub mod fixture;
pub mod ics;
pub mod packets;
pub mod profiles;
pub mod sealed;

use chrono::{DateTime, Utc};

/// The one "now" every harness passes to the core (it never reads the clock).
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_796_029_200, 0).expect("a valid time")
}

/// Reads a fuzz input front to back; past the end every read is empty or
/// zero, so any input is usable.
pub struct Cursor<'a> {
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    /// A cursor over `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Cursor { rest: data }
    }

    /// One byte (0 past the end).
    pub fn byte(&mut self) -> u8 {
        self.take(1).first().copied().unwrap_or(0)
    }

    /// A big-endian u32 from up to four bytes.
    pub fn u32(&mut self) -> u32 {
        self.take(4)
            .iter()
            .fold(0u32, |acc, b| (acc << 8) | u32::from(*b))
    }

    /// Up to `n` bytes.
    pub fn take(&mut self, n: usize) -> &'a [u8] {
        let (head, tail) = self.rest.split_at(n.min(self.rest.len()));
        self.rest = tail;
        head
    }

    /// A length-prefixed piece (one length byte).
    pub fn piece(&mut self) -> &'a [u8] {
        let n = usize::from(self.byte());
        self.take(n)
    }

    /// Everything left.
    pub fn rest(self) -> &'a [u8] {
        self.rest
    }
}
