//! `confidant-core`: the encrypted vault, storage and domain logic of
//! Confidant, with no dependency on Tauri or a webview.
//!
//! Everything a person types is sealed with AES-256-GCM under a data key;
//! data keys are wrapped by the vault's master key; the master key is wrapped
//! by key slots (the device key in the OS keychain, the recovery code, an
//! optional app passcode). See `SECURITY.md` for the whole design.
//!
//! ```
//! use confidant_core::{keychain::MemoryKeychain, vault::{Role, Vault, VaultConfig, VaultState}};
//! use confidant_core::crypto::KdfParams;
//! use confidant_core::journal::Journal;
//!
//! # fn main() -> Result<(), confidant_core::Error> {
//! let dir = tempfile::tempdir()?;
//! let now = chrono::DateTime::from_timestamp(1_796_029_200, 0).expect("a valid time");
//! let config = VaultConfig { kdf: KdfParams::INSECURE_FOR_TESTS };
//! let mut vault = Vault::open(dir.path(), Box::new(MemoryKeychain::new()), config, now)?;
//! assert_eq!(vault.state(), VaultState::NoVault);
//!
//! let started = vault.begin_setup(&[Role::Supervisee])?;
//! vault.confirm_setup(&started.recovery_code, now)?; // typed back by the user
//! let entry = Journal::of(&mut vault).create("A hard home visit today.", now)?;
//! assert_eq!(Journal::of(&mut vault).get(&entry.id)?.body, "A hard home visit today.");
//!
//! vault.lock();
//! assert!(matches!(Journal::of(&mut vault).get(&entry.id), Err(confidant_core::Error::Locked)));
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

pub mod agreements;
pub mod audit;
pub mod backup;
pub mod brought;
pub mod contacts;
pub mod crash_dumps;
pub mod crypto;
pub mod error;
pub mod evaluations;
pub mod exception_log;
pub mod file_check;
pub mod files;
pub mod goals;
pub mod hours;
pub mod hours_export;
pub mod hours_rules;
pub mod ics;
pub mod invoices;
pub mod journal;
pub mod keychain;
pub mod keys;
pub mod limits;
pub mod nameguard;
pub mod packet_items;
pub mod packets;
pub mod party;
pub mod pdf;
pub mod people;
pub mod records;
pub mod recovery;
pub mod schedule;
pub mod search;
pub mod search_doc;
pub mod settings;
pub mod store;
pub mod subject_access;
pub mod validate;
pub mod vault;
pub mod wellbeing;

pub use error::{AppError, Error, ErrorCode, Result};

/// The app identifier: keychain service name and data folder name.
pub const APP_ID: &str = "app.confidant.desktop";
