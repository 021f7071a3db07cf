//! Errors of the core and the stable codes the UI switches on.
//!
//! Messages are plain language and never contain anything the user typed:
//! they are safe to show and safe to log.

use serde::Serialize;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The vault is locked; the operation needs it unlocked.
    #[error("Confidant is locked. Unlock it to continue.")]
    Locked,
    /// No vault has been created in this data folder.
    #[error("No vault has been created on this computer yet.")]
    NoVault,
    /// A vault already exists; a new one is never created over it.
    #[error(
        "A vault already exists on this computer. Confidant will not create a new one over it."
    )]
    VaultExists,
    /// `confirm_setup` was called without `begin_setup`.
    #[error("Setup has not been started. Choose your role and create the vault first.")]
    SetupNotStarted,
    /// `finish_rekey` (or an erasure) without a matching `begin_rekey`.
    #[error("The key change was not started, or was cancelled when Confidant locked. Start it again; nothing was changed.")]
    KeyChangeNotStarted,
    /// The keychain entry for this vault is missing (new computer, OS reinstall)
    /// or no longer opens the vault.
    #[error("This computer's key for your vault is missing from the system keychain. Enter the recovery code from your Emergency Kit to get back in.")]
    RecoveryNeeded,
    /// The vault has an app passcode and none was given.
    #[error("Enter your app passcode to unlock.")]
    PasscodeRequired,
    /// The passcode did not open the vault.
    #[error("That passcode is not right. Try again.")]
    WrongPasscode,
    /// The recovery code did not match.
    #[error("That recovery code doesn't match. Check each group of characters and try again.")]
    WrongRecoveryCode,
    /// Too many wrong recovery codes or passcodes in a row: the next try
    /// must wait.
    #[error("Too many wrong attempts in a row. Wait {wait_seconds} seconds, then try again.")]
    TooManyAttempts {
        /// Seconds until the next attempt is accepted.
        wait_seconds: u64,
    },
    /// The OS keychain could not be used (locked, no service running).
    #[error("The system keychain is locked or unavailable, so Confidant cannot reach its key. Unlock your keychain and try again; nothing was changed. ({0})")]
    KeychainUnavailable(String),
    /// A stored record failed authentication: it was damaged or tampered with.
    #[error("{0} is damaged and cannot be opened: it failed its integrity check. Nothing was shown from it.")]
    Integrity(String),
    /// No record with that id.
    #[error("{0} was not found. It may have been deleted.")]
    NotFound(&'static str),
    /// The input was not valid; the message says which part and why.
    #[error("{0}")]
    InvalidInput(String),
    /// The record is locked against changes (acknowledged, superseded, signed off).
    #[error("{0}")]
    ReadOnly(&'static str),
    /// Text that must not be blank was blank.
    #[error("{0} is empty. Write something first.")]
    Empty(&'static str),
    /// Input over a size limit.
    #[error("{what} is too large ({size} bytes); the limit is {limit} bytes.")]
    TooLarge {
        /// What was too large.
        what: &'static str,
        /// Its size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The database was written by a newer version of Confidant.
    #[error("This vault was written by a newer version of Confidant (schema {found}; this version understands up to {supported}). Update Confidant to open it; nothing was changed.")]
    SchemaTooNew {
        /// Schema version found in the file.
        found: i64,
        /// Newest schema version this build knows.
        supported: i64,
    },
    /// The database file is not a database or is damaged beyond opening.
    #[error("The vault file is damaged and cannot be opened ({0}). Do not delete it; restore from a backup or keep it for repair.")]
    CorruptDatabase(String),
    /// File system trouble.
    #[error("Confidant could not read or write its files: {0}")]
    Io(std::io::Error),
    /// The disk is full (or the file grew past what the system allows, or
    /// the disk refused the write): the write was rolled back. Shown with
    /// the stable code `io`.
    #[error("There is not enough free space on the disk, or the disk refused the write, so this was not saved. Free some space (or check the disk is still connected), then try again. Nothing else was changed.")]
    DiskFull,
    /// A database error that is not corruption.
    #[error("A database error occurred: {0}")]
    Database(rusqlite::Error),
    /// A bug or an impossible state.
    #[error("Something went wrong inside Confidant: {0}")]
    Internal(String),
    /// A packet was encrypted for another vault (or none of this vault's
    /// keys opens it).
    #[error("This packet was not written for this vault. It was encrypted for someone else's Confidant; nothing was imported.")]
    PacketNotForThisVault,
    /// A packet is not a packet, was truncated, or was changed on the way;
    /// the message says which.
    #[error("{0}")]
    PacketDamaged(&'static str),
    /// A packet was written in a newer packet format.
    #[error("This packet was written by a newer version of Confidant. Update Confidant to open it; nothing was imported.")]
    PacketTooNew,
    /// A validly signed packet from a key stored for no one. The UI offers
    /// to compare the fingerprint and accept the key for a person.
    #[error("This packet is signed by a key that is not stored for anyone in Confidant (fingerprint {fingerprint}). Compare this fingerprint with the sender's, by phone or in person, before accepting it for them.")]
    UnknownSender {
        /// The sender's identity card (public keys only).
        card: String,
        /// Its fingerprint.
        fingerprint: String,
    },
    /// A backup failed its verification, so it was not kept; the message
    /// says which check failed.
    #[error("The backup was not kept because it failed its check: {0}. Your vault is unchanged; try again, or choose another folder.")]
    BackupNotVerified(String),
    /// A report has text in a script no font on this computer has (Chinese,
    /// Japanese or Korean on a Linux machine without Noto Sans CJK); the
    /// message says what to install. Nothing was written.
    #[error("{0}")]
    MissingFont(&'static str),
    /// The packet was imported before.
    #[error("This packet was already imported on {on}. Nothing was changed.")]
    PacketAlreadyImported {
        /// The day it was imported, as shown.
        on: String,
    },
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode as C;
        match err.sqlite_error_code() {
            Some(C::DatabaseCorrupt | C::NotADatabase) => Error::CorruptDatabase(err.to_string()),
            // SQLITE_FULL: no space left (ENOSPC). SQLITE_IOERR_WRITE: a
            // write the system refused (EFBIG past the file size limit,
            // EDQUOT, EIO); SQLite rolls the transaction back either way.
            Some(C::DiskFull) => Error::DiskFull,
            Some(C::SystemIoFailure) if extended_code(&err) == Some(SQLITE_IOERR_WRITE) => {
                Error::DiskFull
            }
            _ => Error::Database(err),
        }
    }
}

/// `SQLITE_IOERR_WRITE` (`SQLITE_IOERR | (3 << 8)`).
const SQLITE_IOERR_WRITE: std::ffi::c_int = 10 | (3 << 8);

fn extended_code(err: &rusqlite::Error) -> Option<std::ffi::c_int> {
    match err {
        rusqlite::Error::SqliteFailure(e, _) => Some(e.extended_code),
        _ => None,
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        match err.kind() {
            K::StorageFull | K::FileTooLarge | K::QuotaExceeded => Error::DiskFull,
            _ => Error::Io(err),
        }
    }
}

/// Result type of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Stable error codes for the UI. Never renumbered or renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ErrorCode {
    Locked,
    NoVault,
    VaultExists,
    SetupNotStarted,
    RecoveryNeeded,
    PasscodeRequired,
    WrongPasscode,
    WrongRecoveryCode,
    KeychainUnavailable,
    Integrity,
    NotFound,
    InvalidInput,
    ReadOnly,
    Empty,
    TooLarge,
    SchemaTooNew,
    CorruptDatabase,
    Io,
    Internal,
    PacketNotForThisVault,
    PacketDamaged,
    PacketTooNew,
    UnknownSender,
    PacketAlreadyImported,
    TooManyAttempts,
    BackupNotVerified,
    KeyChangeNotStarted,
    MissingFont,
}

impl Error {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Locked => ErrorCode::Locked,
            Error::NoVault => ErrorCode::NoVault,
            Error::VaultExists => ErrorCode::VaultExists,
            Error::SetupNotStarted => ErrorCode::SetupNotStarted,
            Error::KeyChangeNotStarted => ErrorCode::KeyChangeNotStarted,
            Error::RecoveryNeeded => ErrorCode::RecoveryNeeded,
            Error::PasscodeRequired => ErrorCode::PasscodeRequired,
            Error::WrongPasscode => ErrorCode::WrongPasscode,
            Error::WrongRecoveryCode => ErrorCode::WrongRecoveryCode,
            Error::KeychainUnavailable(_) => ErrorCode::KeychainUnavailable,
            Error::Integrity(_) => ErrorCode::Integrity,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::InvalidInput(_) => ErrorCode::InvalidInput,
            Error::ReadOnly(_) => ErrorCode::ReadOnly,
            Error::Empty(_) => ErrorCode::Empty,
            Error::TooLarge { .. } => ErrorCode::TooLarge,
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::CorruptDatabase(_) => ErrorCode::CorruptDatabase,
            Error::Io(_) | Error::DiskFull => ErrorCode::Io,
            Error::Database(_) | Error::Internal(_) => ErrorCode::Internal,
            Error::PacketNotForThisVault => ErrorCode::PacketNotForThisVault,
            Error::PacketDamaged(_) => ErrorCode::PacketDamaged,
            Error::PacketTooNew => ErrorCode::PacketTooNew,
            Error::UnknownSender { .. } => ErrorCode::UnknownSender,
            Error::PacketAlreadyImported { .. } => ErrorCode::PacketAlreadyImported,
            Error::TooManyAttempts { .. } => ErrorCode::TooManyAttempts,
            Error::BackupNotVerified(_) => ErrorCode::BackupNotVerified,
            Error::MissingFont(_) => ErrorCode::MissingFont,
        }
    }
}

/// The wire shape of an error: `{ code, message }`.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppError {
    /// Stable code to switch on.
    pub code: ErrorCode,
    /// Plain-language message, safe to show.
    pub message: String,
}

impl From<Error> for AppError {
    fn from(err: Error) -> Self {
        AppError {
            code: err.code(),
            message: err.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_is_its_own_plain_error_with_the_io_code() {
        use std::io::ErrorKind as K;
        for kind in [K::StorageFull, K::FileTooLarge, K::QuotaExceeded] {
            let err = Error::from(std::io::Error::from(kind));
            assert!(matches!(err, Error::DiskFull), "{kind:?}: {err:?}");
            let shown = AppError::from(err);
            assert_eq!(shown.code, ErrorCode::Io);
            assert!(
                shown.message.contains("not enough free space"),
                "{}",
                shown.message
            );
        }
        #[cfg(unix)]
        for errno in [27, 28] {
            // EFBIG, ENOSPC
            let err = Error::from(std::io::Error::from_raw_os_error(errno));
            assert!(matches!(err, Error::DiskFull), "errno {errno}: {err:?}");
        }
        let other = Error::from(std::io::Error::from(K::PermissionDenied));
        assert!(matches!(other, Error::Io(_)), "{other:?}");
    }
}
