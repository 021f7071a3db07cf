//! The agreements' search documents: the latest version with each person
//! that opens (a draft or the one in force), its title and every section.

use zeroize::Zeroizing;

use super::body::{checked, StoredBody};
use crate::error::Result;
use crate::keys::KeyRing;
use crate::search_doc::{DocKind, SearchDoc};
use crate::store::agreements as rows;

/// One document per person with an agreement: the newest version that
/// opens. Damaged versions are left out.
pub(crate) fn search_docs(conn: &rusqlite::Connection, ring: &KeyRing) -> Result<Vec<SearchDoc>> {
    let mut out = Vec::new();
    for person_id in crate::people::all_ids(conn, ring)? {
        let newest = rows::of_person::<StoredBody>(conn, ring, &person_id)?
            .into_iter()
            .find_map(|row| checked(row).ok());
        let Some(a) = newest else { continue };
        let c = &a.content;
        let mut body: Vec<&str> = c
            .parties
            .iter()
            .flat_map(|p| [p.name.as_str(), &p.professional_role, &p.organisation])
            .collect();
        body.extend([
            c.purpose.as_str(),
            &c.model,
            &c.functions,
            &c.learning_goals,
            &c.frequency_notes,
            &c.location,
            &c.availability,
            &c.methods,
            &c.evaluation,
            &c.supervisor_roles,
            &c.informing_clients,
            &c.fees,
            &c.invoicing_party,
            &c.late_cancellation_fee,
            &c.cancellation_policy,
            &c.record_keeping,
            &c.ethics_and_insurance,
            &c.confidentiality,
            &c.confidentiality_exceptions,
            &c.exception_handling,
            &c.concerns_and_disagreements,
            &c.review_and_ending,
        ]);
        body.retain(|s| !s.is_empty());
        out.push(SearchDoc {
            kind: DocKind::Agreement,
            id: a.id.clone(),
            person_id: Some(a.person_id.clone()),
            title: Zeroizing::new(c.title.clone()),
            body: Zeroizing::new(body.join("\n")),
            tags: Vec::new(),
            date: c.effective_date.or(Some(a.updated_at.date_naive())),
        });
    }
    Ok(out)
}
