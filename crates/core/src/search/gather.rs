//! Every domain's documents, decrypted, for one index. Each domain reads
//! only its own store; a damaged row is left out by the domain (the lists
//! of each section show it as damaged).

use rusqlite::Connection;

use crate::error::Result;
use crate::keys::KeyRing;
use crate::search_doc::SearchDoc;

/// The documents of every domain, in no particular order.
pub fn gather(conn: &Connection, ring: &KeyRing) -> Result<Vec<SearchDoc>> {
    let mut docs = crate::journal::search_docs(conn, ring)?;
    docs.extend(crate::records::search_docs(conn, ring)?);
    docs.extend(crate::agreements::search_docs(conn, ring)?);
    docs.extend(crate::goals::search_docs(conn, ring)?);
    docs.extend(crate::people::search_docs(conn, ring)?);
    docs.extend(crate::contacts::search_docs(conn, ring)?);
    docs.extend(crate::packets::search_docs(conn, ring)?);
    Ok(docs)
}
