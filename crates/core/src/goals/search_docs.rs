//! The goals' search documents: each goal's title, description and the
//! progress notes and evidence of its check-ins.

use std::collections::HashMap;

use zeroize::Zeroizing;

use super::load::GoalBody;
use super::types::CheckInInput;
use crate::error::Result;
use crate::keys::KeyRing;
use crate::search_doc::{DocKind, SearchDoc};
use crate::store::goals::{self as rows, Filter, Table};

/// One document per goal that opens (the owner's own goals have no person).
/// Damaged goals and check-ins are left out.
pub(crate) fn search_docs(conn: &rusqlite::Connection, ring: &KeyRing) -> Result<Vec<SearchDoc>> {
    let mut notes: HashMap<String, Vec<String>> = HashMap::new();
    for row in rows::list::<CheckInInput>(conn, ring, Table::CheckIns, Filter::All)? {
        let (Ok(f), Some(goal_id)) = (row.body, row.meta.goal_id) else {
            continue;
        };
        let entry = notes.entry(goal_id).or_default();
        entry.push(f.progress_note);
        entry.extend(f.evidence.into_iter().map(|e| e.reference));
    }
    let mut out = Vec::new();
    for row in rows::list::<GoalBody>(conn, ring, Table::Goals, Filter::All)? {
        let Ok(body) = row.body else { continue };
        let mut text = vec![body.fields.description];
        text.extend(notes.remove(&row.meta.id).unwrap_or_default());
        text.retain(|s| !s.is_empty());
        out.push(SearchDoc {
            kind: DocKind::Goal,
            id: row.meta.id,
            person_id: row.meta.person_id,
            title: Zeroizing::new(body.fields.title),
            body: Zeroizing::new(text.join("\n")),
            tags: Vec::new(),
            date: Some(body.created_on),
        });
    }
    Ok(out)
}
