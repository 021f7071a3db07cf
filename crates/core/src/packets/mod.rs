//! Packets between two vaults: the `age` format to the recipient (and the
//! sender), signed inside with the sender's Ed25519 identity. See
//! `SECURITY.md` ("Packets") for the format. The items a packet carries are
//! in [`items`]; what the commands hand to the UI is in [`view`].
//!
//! - [`Packets::identity`] makes this vault's identity on first use and
//!   gives its card; [`Packets::set_peer`] stores the other person's card.
//! - [`Packets::seal`] writes a packet to a person and records the items
//!   as sent.
//! - [`Packets::open`] reads and checks a packet without writing anything;
//!   [`Packets::import_with`] stores its items, applies its withdrawals and
//!   the other domains' effects in one transaction.

mod card;
mod identity;
mod import;
pub mod items;
mod open;
mod seal;
mod text;
pub mod view;
mod wire;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::keys::KeyRing;
use crate::records::{AgendaBrought, BroughtOrigin};
use crate::search_doc::{DocKind, SearchDoc};
use crate::store::packets::{self as rows, Way};
use crate::vault::Vault;

pub use card::{
    CARD_MAX_CHARS, CARD_PREFIX, CARD_VERSION, FINGERPRINT_ALPHABET, FINGERPRINT_CHARS,
};
pub use text::item_text;

use items::ItemBody;

/// Largest packet accepted or written: 16 MiB (the file as sent).
pub const MAX_PACKET_BYTES: usize = 16 * 1024 * 1024;
/// Most items in one packet.
pub const MAX_PACKET_ITEMS: usize = 500;
/// Most withdrawals in one packet.
pub const MAX_PACKET_REVOCATIONS: usize = 1000;
/// Longest item title, in characters.
pub const ITEM_TITLE_CHARS: usize = 200;
/// The packet format this build writes; it reads this one and none newer.
pub const PACKET_FORMAT: u32 = 1;

/// One item to put into a packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// A short title (one line).
    pub title: String,
    /// The item.
    pub body: ItemBody,
    /// What it was made from, as a stable key (the JSON of the
    /// [`view::SendSource`]), so the send screen can show when it was last
    /// sent; `None` when it has no source worth remembering.
    pub source_key: Option<String>,
}

/// A packet written by [`Packets::seal`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// The packet file's bytes (binary `age` format).
    pub bytes: Vec<u8>,
    /// Its random id.
    pub packet_id: String,
    /// The ids given to its items, in the order given.
    pub item_ids: Vec<String>,
}

/// One item of an opened packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedItem {
    /// Its id (the same in both vaults).
    pub id: String,
    /// A short title.
    pub title: String,
    /// The item.
    pub body: ItemBody,
}

/// A packet read and checked by [`Packets::open`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// Its id.
    pub packet_id: String,
    /// The person whose stored card signed it; for one of this vault's own
    /// packets (`own`), the person it was written for (empty when no stored
    /// card matches the recipient it names).
    pub sender_person_id: String,
    /// The fingerprint of the key that signed it.
    pub sender_fingerprint: String,
    /// When the sender wrote it.
    pub created_at: DateTime<Utc>,
    /// Its items.
    pub items: Vec<OpenedItem>,
    /// The ids of earlier shared items it withdraws.
    pub revocations: Vec<String>,
    /// Written by this vault (reopened by its sender): read-only, never
    /// imported.
    pub own: bool,
}

/// A shared item as sealed in the store.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct StoredItem {
    pub(crate) title: String,
    pub(crate) body: ItemBody,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) source_key: Option<String>,
}

/// Packets, peer keys and shared items of `vault`.
pub struct Packets<'v> {
    vault: &'v mut Vault,
}

impl<'v> Packets<'v> {
    /// The packets of `vault`.
    pub fn of(vault: &'v mut Vault) -> Self {
        Packets { vault }
    }
}

/// The shared items (received and sent) as search documents, kind
/// [`DocKind::Shared`]. A damaged item is left out.
#[allow(dead_code)] // its caller arrives with issue 9's search module
pub(crate) fn search_docs(conn: &Connection, ring: &KeyRing) -> Result<Vec<SearchDoc>> {
    let rows = rows::all_items::<StoredItem>(conn, ring)?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let item = row.body.ok()?;
            let tags = match &item.body {
                ItemBody::JournalEntry { tags, .. } => tags.clone(),
                _ => Vec::new(),
            };
            Some(SearchDoc {
                kind: DocKind::Shared,
                id: row.meta.id,
                person_id: Some(row.meta.person_id),
                title: item.title.into(),
                body: item_text(&item.body).into(),
                tags,
                date: Some(row.meta.shared_at.date_naive()),
            })
        })
        .collect())
}

/// Items shared by `person_id` for the agenda of their next session:
/// received agenda items and extracts (withdrawn ones are gone), oldest
/// first. A damaged item is left out.
pub(crate) fn brought_to(
    conn: &Connection,
    ring: &KeyRing,
    person_id: &str,
) -> Result<Vec<AgendaBrought>> {
    let mut rows = rows::items_of_person::<StoredItem>(conn, ring, person_id)?;
    rows.reverse();
    Ok(rows
        .into_iter()
        .filter(|row| row.meta.way == Way::Received)
        .filter_map(|row| {
            let item = row.body.ok()?;
            let text = match item.body {
                ItemBody::AgendaItem { text } => text,
                ItemBody::Extract { text, .. } => text,
                _ => return None,
            };
            Some(AgendaBrought {
                id: row.meta.id,
                origin: BroughtOrigin::Shared,
                title: item.title,
                text,
                date: row.meta.shared_at.date_naive(),
            })
        })
        .collect())
}
