//! Packets between two vaults: the `age` format to the recipient (and the
//! sender), signed inside with the sender's Ed25519 identity. See
//! `SECURITY.md` for the format. The items a packet carries are in [`items`].

pub mod items;
pub mod view;

use rusqlite::Connection;

use crate::error::Result;
use crate::keys::KeyRing;
use crate::search_doc::SearchDoc;

/// The shared items (received and sent) as search documents, kind
/// [`crate::search_doc::DocKind::Shared`].
#[allow(dead_code)] // its caller arrives with issue 9's search and packets
pub(crate) fn search_docs(_conn: &Connection, _ring: &KeyRing) -> Result<Vec<SearchDoc>> {
    // The shared-items store arrives with the packet store; until then there
    // is nothing shared to search.
    Ok(Vec::new())
}

/// Items shared by `person_id` for the agenda of their next session
/// (agenda items and extracts they brought). Nothing is shared until the
/// shared-items store exists.
pub(crate) fn brought_to(
    _conn: &Connection,
    _ring: &KeyRing,
    _person_id: &str,
) -> Result<Vec<crate::brought::AgendaBrought>> {
    Ok(Vec::new())
}
