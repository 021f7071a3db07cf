//! The session records' search documents: one per record (draft or
//! final) with what was brought, the exploration, decisions, learning,
//! function notes, ethical decisions, wellbeing, feedback, actions and a
//! group's shared notes; and one per case consultation in it (under its
//! case reference). Members' own notes are not searched: each is seen
//! only in that member's view.

use std::collections::HashMap;

use zeroize::Zeroizing;

use super::body::RecordBody;
use crate::error::Result;
use crate::keys::KeyRing;
use crate::search_doc::{DocKind, SearchDoc};
use crate::store::records as rows;

const KINDS: [&str; 4] = ["individual", "group", "peer", "coaching"];

/// Every record and consultation that opens; damaged records are left out.
pub(crate) fn search_docs(conn: &rusqlite::Connection, ring: &KeyRing) -> Result<Vec<SearchDoc>> {
    let mut names: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    for kind in KINDS {
        for row in rows::records_of_kind::<RecordBody>(conn, ring, kind)? {
            let Ok(body) = row.body else { continue };
            let m = row.meta;
            let name = match names.get(&m.person_id) {
                Some(n) => n.clone(),
                None => {
                    let n = crate::people::load(conn, ring, &m.person_id)
                        .ok()
                        .flatten()
                        .map(|p| p.fields.name)
                        .unwrap_or_default();
                    names.insert(m.person_id.clone(), n.clone());
                    n
                }
            };
            let c = body.content;
            let mut text: Vec<&str> = c.agenda_items.iter().map(|i| i.text.as_str()).collect();
            text.push(&c.exploration);
            text.extend(c.decisions.iter().map(String::as_str));
            text.push(&c.key_learning);
            for f in [
                &c.functions.normative,
                &c.functions.formative,
                &c.functions.restorative,
            ] {
                text.push(&f.note);
            }
            for e in &c.ethical_decisions {
                text.extend([e.issue.as_str(), &e.decision, &e.rationale, &e.consulted]);
                text.extend(e.options.iter().map(String::as_str));
            }
            text.extend([
                c.wellbeing.reported.as_str(),
                &c.wellbeing.agreed,
                &c.feedback.strengths,
                &c.feedback.development,
                &c.feedback.on_supervision,
                &c.shared_notes,
            ]);
            text.extend(c.action_items.iter().map(|a| a.text.as_str()));
            text.retain(|s| !s.is_empty());
            out.push(SearchDoc {
                kind: DocKind::Record,
                id: m.id.clone(),
                person_id: Some(m.person_id.clone()),
                title: Zeroizing::new(name),
                body: Zeroizing::new(text.join("\n")),
                tags: Vec::new(),
                date: Some(m.session_date),
            });
            for cons in &c.consultations {
                let body = [
                    &cons.presenting_issue,
                    &cons.approaches_tried,
                    &cons.guidance,
                ]
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n");
                out.push(SearchDoc {
                    kind: DocKind::Consultation,
                    id: m.id.clone(),
                    person_id: Some(m.person_id.clone()),
                    title: Zeroizing::new(cons.case_reference.clone()),
                    body: Zeroizing::new(body),
                    tags: Vec::new(),
                    date: Some(m.session_date),
                });
            }
        }
    }
    Ok(out)
}
