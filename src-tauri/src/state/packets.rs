//! A packet file read for import, kept in memory (never on disk) under a
//! random token until it is imported, another packet is opened, or the vault
//! locks. A child of `state` so it can reach the shared vault.

use chrono::Utc;
use confidant_core::packet_items::Exchange;
use confidant_core::packets::view::{ImportOutcome, PacketPreview, PeerKey};
use confidant_core::packets::Packets;
use confidant_core::{AppError, Error};
use zeroize::Zeroizing;

use super::AppState;

/// The bytes of a packet read for import, and the token naming them.
pub(super) struct PendingPacket {
    token: String,
    bytes: Zeroizing<Vec<u8>>,
}

/// What opening a packet gives the UI: its preview, or (signed by a key
/// stored for no one) the fingerprint to compare before accepting the key.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PacketOpen {
    // (Plain comments: ts-rs would copy doc comments into commands.gen.ts.)
    // Names the packet kept in the app for the import (not a path).
    pub token: String,
    // What importing it would do; null when the sender is unknown.
    pub preview: Option<PacketPreview>,
    // The unknown sender's fingerprint, to compare before accepting.
    pub unknown_sender: Option<String>,
}

fn no_longer_open() -> AppError {
    AppError::from(Error::InvalidInput(
        "This packet is no longer open for import. Open the file again.".into(),
    ))
}

impl AppState {
    /// Before a packet file is chosen: fails with `Locked` when locked and
    /// forgets any packet read earlier.
    pub fn begin_packet(&self) -> Result<(), AppError> {
        let mut shared = self.guard();
        shared.packet = None;
        if !shared.unlocked() {
            return Err(AppError::from(Error::Locked));
        }
        Ok(())
    }

    /// Checks the packet `bytes` and keeps them under a new token: the
    /// preview, or the fingerprint of an unknown sender. Any other refusal
    /// is the error, and nothing is kept.
    pub fn keep_packet(&self, bytes: Vec<u8>) -> Result<PacketOpen, AppError> {
        let bytes = Zeroizing::new(bytes);
        let token = uuid::Uuid::new_v4().simple().to_string();
        let (preview, unknown_sender) = {
            let mut shared = self.guard();
            match Exchange::of(&mut shared.vault).preview(&bytes, Utc::now()) {
                Ok(preview) => (Some(preview), None),
                Err(Error::UnknownSender { fingerprint, .. }) => (None, Some(fingerprint)),
                Err(e) => return Err(AppError::from(e)),
            }
        };
        self.guard().packet = Some(PendingPacket {
            token: token.clone(),
            bytes,
        });
        Ok(PacketOpen {
            token,
            preview,
            unknown_sender,
        })
    }

    /// Runs `f` on the vault and the packet kept under `token`.
    fn with_packet<T>(
        &self,
        token: &str,
        f: impl FnOnce(&mut confidant_core::vault::Vault, &[u8]) -> Result<T, Error>,
    ) -> Result<T, AppError> {
        let bytes = {
            let shared = self.guard();
            match &shared.packet {
                Some(p) if p.token == token => p.bytes.clone(),
                _ => return Err(no_longer_open()),
            }
        };
        self.with(|v| f(v, &bytes))
    }

    /// Stores the kept packet's sender key on `person_id` (after the person
    /// compared fingerprints) and previews the packet.
    pub fn accept_packet_sender(
        &self,
        token: &str,
        person_id: &str,
    ) -> Result<(PeerKey, PacketPreview), AppError> {
        self.with_packet(token, |v, bytes| {
            let key = Packets::of(v).accept_sender(bytes, person_id, Utc::now())?;
            let preview = Exchange::of(v).preview(bytes, Utc::now())?;
            Ok((key, preview))
        })
    }

    /// Imports the kept packet; it is forgotten once imported.
    pub fn import_packet(&self, token: &str) -> Result<ImportOutcome, AppError> {
        let outcome =
            self.with_packet(token, |v, bytes| Exchange::of(v).import(bytes, Utc::now()))?;
        self.guard().packet = None;
        Ok(outcome)
    }
}
