//! Backup file names: the one place that says what a Confidant backup file
//! is called and which files in a folder are ours.
//!
//! A backup is named after the UTC time of its snapshot, never after a
//! person: `confidant-backup-YYYYMMDD-HHMMSSZ.cfbackup`; a second backup in
//! the same second (a scheduled one and "Back up now" together) gets
//! `…Z-2.cfbackup`, then `-3`, up to [`MAX_PER_SECOND`]. Keep-last-N
//! ([`super::prune`]) and the last-backup status only ever look at names
//! that [`parse`] accepts, so no other file in a folder is touched.

use chrono::{DateTime, NaiveDateTime, Utc};

/// The extension of a backup file (no dot).
pub const BACKUP_EXTENSION: &str = "cfbackup";

/// The start of every backup file name.
pub const BACKUP_PREFIX: &str = "confidant-backup-";

/// The timestamp part of a name (chrono format).
const STAMP: &str = "%Y%m%d-%H%M%S";

/// The most backups named after one second (`…Z.cfbackup`, then `…Z-2`
/// to `…Z-9`).
pub const MAX_PER_SECOND: u32 = 9;

/// The file name of a backup whose snapshot was taken at `at` (seconds;
/// the sub-second part is dropped).
pub fn file_name(at: DateTime<Utc>) -> String {
    numbered_file_name(at, 1)
}

/// The name of the `n`th backup made in the second of `at` (1 = the plain
/// name; `n` is clamped to 1..=[`MAX_PER_SECOND`]).
pub fn numbered_file_name(at: DateTime<Utc>, n: u32) -> String {
    let stamp = at.format(STAMP);
    match n.clamp(1, MAX_PER_SECOND) {
        1 => format!("{BACKUP_PREFIX}{stamp}Z.{BACKUP_EXTENSION}"),
        n => format!("{BACKUP_PREFIX}{stamp}Z-{n}.{BACKUP_EXTENSION}"),
    }
}

/// The snapshot time of a file named like one of ours, or `None` for any
/// other name (a different prefix or extension, extra characters, a time
/// that does not exist).
pub fn parse(name: &str) -> Option<DateTime<Utc>> {
    parse_numbered(name).map(|(at, _)| at)
}

/// The snapshot time and the number within its second (1 for the plain
/// name) of a file named like one of ours; newer backups of one second have
/// higher numbers.
pub fn parse_numbered(name: &str) -> Option<(DateTime<Utc>, u32)> {
    let rest = name
        .strip_prefix(BACKUP_PREFIX)?
        .strip_suffix(BACKUP_EXTENSION)?
        .strip_suffix('.')?;
    let (rest, n) = match rest.as_bytes() {
        [.., b'Z', b'-', digit @ b'2'..=b'9'] => (&rest[..rest.len() - 2], u32::from(digit - b'0')),
        _ => (rest, 1),
    };
    let stamp = rest.strip_suffix('Z')?;
    // Exactly `YYYYMMDD-HHMMSS`: chrono alone would accept other widths.
    let shape_ok = stamp.len() == 15
        && stamp.bytes().enumerate().all(|(i, b)| {
            if i == 8 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return None;
    }
    NaiveDateTime::parse_from_str(stamp, STAMP)
        .ok()
        .map(|t| (t.and_utc(), n))
}

/// Whether `name` is a backup file of ours.
pub fn is_backup_name(name: &str) -> bool {
    parse(name).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_others_are_refused() {
        let at = DateTime::from_timestamp(1_796_029_263, 500_000_000).expect("time");
        let name = file_name(at);
        assert_eq!(name, "confidant-backup-20261130-090103Z.cfbackup");
        assert_eq!(parse(&name), DateTime::from_timestamp(1_796_029_263, 0));
        for other in [
            "confidant-backup-20261201-043423Z.cfbackup.tmp",
            "confidant-backup-20261201-043423.cfbackup",
            "confidant-backup-20261301-043423Z.cfbackup",
            "confidant-backup-2026121-0434233Z.cfbackup",
            "confidant-backup-20261201-043423Z.db",
            "my-confidant-backup-20261201-043423Z.cfbackup",
            "confidant-backup-20261201-043423Z (1).cfbackup",
            "confidant-backup-+0261201-043423Z.cfbackup",
            "confidant-backup-20261201-043423Z-1.cfbackup",
            "confidant-backup-20261201-043423Z-10.cfbackup",
            "confidant-backup-20261201-043423Z-02.cfbackup",
            "confidant-backup-20261201-043423-2.cfbackup",
            "confidant-backup-20261201-043423Z-.cfbackup",
        ] {
            assert_eq!(parse(other), None, "{other}");
        }
    }

    #[test]
    fn backups_in_one_second_are_numbered_and_parse_back_in_order() {
        let at = DateTime::from_timestamp(1_796_029_263, 0).expect("time");
        assert_eq!(numbered_file_name(at, 1), file_name(at));
        assert_eq!(
            numbered_file_name(at, 2),
            "confidant-backup-20261130-090103Z-2.cfbackup"
        );
        for n in 1..=MAX_PER_SECOND {
            assert_eq!(parse_numbered(&numbered_file_name(at, n)), Some((at, n)));
        }
        assert_eq!(numbered_file_name(at, 0), file_name(at));
        assert_eq!(
            numbered_file_name(at, 12),
            numbered_file_name(at, MAX_PER_SECOND)
        );
    }
}
