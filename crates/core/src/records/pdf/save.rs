//! [`Records::printable`], [`Records::document`], [`Records::pdf`] and
//! [`Records::save_pdf`]: a final record as its viewer sees it, with the
//! names it refers to, the session's time and the user's preferences.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::{record_document, PrintContext, UNKNOWN_NAME};
use crate::error::{Error, Result};
use crate::pdf::{self, Document};
use crate::people::People;
use crate::records::{ActionOwner, RaisedBy, RecordStatus, Records, SessionRecord};
use crate::settings::VaultSettings;

fn name_of(people: &mut People<'_>, id: &str) -> String {
    match people.get(id) {
        Ok(p) => p.fields.name,
        Err(Error::Integrity(_)) => "A damaged entry".into(),
        Err(_) => UNKNOWN_NAME.into(),
    }
}

/// Every person id a record names (members, owners, raisers, the viewer).
fn referenced_ids(record: &SessionRecord) -> Vec<String> {
    let c = &record.content;
    let member = |r: &RaisedBy| match r {
        RaisedBy::Member(id) => Some(id.clone()),
        _ => None,
    };
    let all = c
        .attendance
        .iter()
        .map(|a| Some(a.member_id.clone()))
        .chain(c.member_notes.iter().map(|n| Some(n.member_id.clone())))
        .chain(c.agenda_items.iter().map(|i| member(&i.raised_by)))
        .chain(c.ethical_decisions.iter().map(|e| member(&e.raised_by)))
        .chain(c.consultations.iter().map(|x| x.supervisee_id.clone()))
        .chain(c.action_items.iter().map(|a| match &a.owner {
            Some(ActionOwner::Member(id)) => Some(id.clone()),
            _ => None,
        }))
        .chain(record.addenda.iter().map(|a| a.member_id.clone()))
        .chain([record.viewer.clone()]);
    let mut ids: Vec<String> = Vec::new();
    for id in all.flatten() {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

impl Records<'_> {
    /// What printing `record` needs: the names it refers to, the session's
    /// time and the user's clock.
    fn print_context(&mut self, record: &SessionRecord) -> Result<PrintContext> {
        let ids = referenced_ids(record);
        let mut people = People::of(self.vault);
        let person_name = name_of(&mut people, &record.person_id);
        let names = ids
            .into_iter()
            .map(|id| {
                let name = name_of(&mut people, &id);
                (id, name)
            })
            .collect();
        let occurrence = self.occurrence(&record.key).ok();
        let clock = VaultSettings::of(self.vault).preferences()?.clock;
        Ok(PrintContext {
            person_name,
            names,
            session_time: occurrence.as_ref().map(|o| (o.local_start, o.local_end)),
            time_zone: occurrence.map(|o| o.time_zone),
            clock,
        })
    }

    /// The record as `member_id` sees it (see [`Records::get`]) when it can
    /// be printed: a draft is refused with an error that says so.
    pub fn printable(&mut self, id: &str, member_id: Option<&str>) -> Result<SessionRecord> {
        let record = self.get(id, member_id)?;
        if record.status != RecordStatus::Final {
            return Err(Error::InvalidInput(
                "Only a final record can be saved as PDF. Finalise this draft first.".into(),
            ));
        }
        Ok(record)
    }

    /// The document of a final record as `member_id` sees it (see
    /// [`Records::get`]); a draft is refused. `now` is the printing date.
    pub fn document(
        &mut self,
        id: &str,
        member_id: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Document> {
        let record = self.printable(id, member_id)?;
        let ctx = self.print_context(&record)?;
        let order = VaultSettings::of(self.vault).preferences()?.date_order;
        Ok(record_document(&record, &ctx, now, order))
    }

    /// The PDF of a final record as `member_id` sees it (bytes; nothing is
    /// written to disk). Dates follow the user's preferences.
    pub fn pdf(
        &mut self,
        id: &str,
        member_id: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Vec<u8>> {
        let doc = self.document(id, member_id, now)?;
        pdf::render(&doc)
    }

    /// Writes the PDF of a final record, as `member_id` sees it, to `path`,
    /// a file the user chose (an absolute path). The file appears complete
    /// or not at all. A draft is refused and nothing is written.
    pub fn save_pdf(
        &mut self,
        id: &str,
        member_id: Option<&str>,
        path: &Path,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if !path.is_absolute() || path.file_name().is_none() {
            return Err(Error::InvalidInput(
                "Choose a file to save the record to.".into(),
            ));
        }
        let bytes = self.pdf(id, member_id, now)?;
        crate::files::write_private_atomic(path, &bytes)?;
        crate::audit::record(
            self.vault,
            crate::audit::AuditEvent::ExportWritten,
            "session record PDF",
            now,
        )
    }
}
