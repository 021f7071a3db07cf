//! Packet files: Rust asks where to save a packet and which packet to open;
//! the webview never sends a path. A packet is written atomically (a
//! temporary file in the chosen folder, synced, renamed); one to open must
//! be a regular file no larger than the packet limit, read outside the
//! vault lock.

use chrono::Utc;
use confidant_core::files::{read_regular_capped, write_private_atomic};
use confidant_core::packet_items::Exchange;
use confidant_core::packets::view::SendSource;
use confidant_core::packets::MAX_PACKET_BYTES;
use confidant_core::{AppError, Error};
use serde::Serialize;
use tauri::AppHandle;

use crate::dialogs::{choose, Dialog};
use crate::state::{AppState, PacketOpen};

type Reply<T> = Result<T, AppError>;

const PACKET_FILTER: (&str, &[&str]) = ("Confidant packet", &["age"]);
/// The save dialog's title (the end-to-end tests find the dialog by it).
pub const SAVE_TITLE: &str = "Save the packet";
/// The open dialog's title.
pub const OPEN_TITLE: &str = "Open a packet";

/// A packet written to the file the person chose.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SentPacket {
    // (Plain comments: ts-rs would copy doc comments into commands.gen.ts.)
    // The file's name (not its folder).
    pub file_name: String,
    // How many items it carries.
    pub items: u32,
    // Its size in bytes.
    pub bytes: u32,
}

/// The name offered for a packet: the date only, never a person's name, so
/// a packet left in a synced folder names no one.
pub fn packet_file_name(day: chrono::NaiveDate) -> String {
    format!("Confidant packet {day}.age")
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::from(Error::Internal(e.to_string()))
}

/// Seals a packet to `person_id` and writes it where the person chooses.
/// The dialog comes first: sealing records the items as sent. `None` when
/// the dialog was cancelled (nothing sealed).
pub async fn packets_send(
    app: AppHandle,
    state: &AppState,
    person_id: String,
    sources: Vec<SendSource>,
    revocations: Vec<String>,
) -> Reply<Option<SentPacket>> {
    // Refuse a person who cannot receive packets before asking for a file.
    state.with(|v| {
        Exchange::of(v)
            .candidates(&person_id, Utc::now())
            .map(|_| ())
    })?;
    let file_name = packet_file_name(Utc::now().date_naive());
    let Some(path) = choose(app, Dialog::Save { file_name }, SAVE_TITLE, PACKET_FILTER).await?
    else {
        return Ok(None);
    };
    // The file is written inside the transaction that records the items as
    // sent, so a failed write records nothing. Should the commit fail after
    // the write, the file is removed: no packet exists that the vault does
    // not know it sent.
    let written = std::cell::Cell::new(false);
    let sent = state.with(|v| {
        Exchange::of(v).send_delivering(&person_id, sources, revocations, Utc::now(), |bytes| {
            write_private_atomic(&path, bytes)?;
            written.set(true);
            Ok(())
        })
    });
    let sealed = match sent {
        Ok(sealed) => sealed,
        Err(e) => {
            if written.get() {
                let _ = std::fs::remove_file(&path);
            }
            return Err(e);
        }
    };
    let items = u32::try_from(sealed.item_ids.len()).map_err(internal)?;
    let bytes = u32::try_from(sealed.bytes.len()).map_err(internal)?;
    let shown = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Some(SentPacket {
        file_name: shown,
        items,
        bytes,
    }))
}

/// Asks which packet to open, reads it (outside the vault lock) and checks
/// it. `None` when the dialog was cancelled.
pub async fn packets_open(app: AppHandle, state: &AppState) -> Reply<Option<PacketOpen>> {
    state.begin_packet()?;
    let Some(path) = choose(app, Dialog::Open, OPEN_TITLE, PACKET_FILTER).await? else {
        return Ok(None);
    };
    let bytes = tauri::async_runtime::spawn_blocking(move || {
        read_regular_capped(&path, MAX_PACKET_BYTES, "The packet")
    })
    .await
    .map_err(internal)??;
    state.keep_packet(bytes).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offered_file_name_carries_the_date_only() {
        let day: chrono::NaiveDate = "2026-12-01".parse().expect("a date");
        assert_eq!(packet_file_name(day), "Confidant packet 2026-12-01.age");
    }
}
