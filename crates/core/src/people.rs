//! People and relationships: supervisees, supervisors, groups and
//! organisations. Each has its own data key (so erasing a person can destroy
//! it); every field is sealed under that key — only the id, the kind and
//! timestamps are plaintext.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::store::{self, people as rows};
use crate::validate::{
    self, paragraph, single_line, EMAIL_CHARS, GROUP_MEMBERS_MAX, LICENCE_NUMBER_CHARS, NAME_CHARS,
    NOTES_BYTES, PHONE_CHARS, PLAN_CHARS, PRONOUNS_CHARS, SHORT_CHARS,
};
use crate::vault::Vault;

/// Longest notes field, in UTF-8 bytes.
pub const MAX_NOTES_BYTES: usize = NOTES_BYTES;

/// What kind of record this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    /// An individual practitioner.
    Person,
    /// A supervision group.
    Group,
    /// An employer or agency.
    Organisation,
}

impl PersonKind {
    /// The stored form (`person`, `group`, `organisation`).
    pub fn as_str(self) -> &'static str {
        match self {
            PersonKind::Person => "person",
            PersonKind::Group => "group",
            PersonKind::Organisation => "organisation",
        }
    }

    /// Parses the stored form.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "person" => Some(PersonKind::Person),
            "group" => Some(PersonKind::Group),
            "organisation" => Some(PersonKind::Organisation),
            _ => None,
        }
    }
}

/// How the vault owner relates to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// I supervise them (a supervisee, or a group I facilitate).
    ISupervise,
    /// They supervise me.
    SupervisesMe,
    /// Neither (an organisation, a contact).
    None,
}

/// The editable fields of a person, group or organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonInput {
    /// Person, group or organisation.
    pub kind: PersonKind,
    /// Direction of the supervision relationship.
    pub relation: Relation,
    /// Full name (or group/organisation name). Required.
    pub name: String,
    /// Pronouns, as the person gives them.
    pub pronouns: String,
    /// Email address.
    pub email: String,
    /// Phone number.
    pub phone: String,
    /// The organisation they work for (id of an organisation record).
    pub organisation_id: Option<String>,
    /// Professional role, e.g. "Social worker".
    pub professional_role: String,
    /// Licence or registration number.
    pub licence_number: String,
    /// The body that issued it, e.g. "Social Work England".
    pub licence_body: String,
    /// Licensure plan in the person's words (hours rules come later).
    pub licensure_plan: String,
    /// When the supervision relationship started.
    pub start_date: Option<NaiveDate>,
    /// When it ended.
    pub end_date: Option<NaiveDate>,
    /// Free notes (no client names: use case references).
    pub notes: String,
    /// Group members (ids of person records); groups only.
    pub members: Vec<String>,
    /// Group facilitator (id of a person record, or none when it is the owner).
    pub facilitator_id: Option<String>,
}

/// A stored person with its metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Person {
    /// Record id.
    pub id: String,
    /// When created.
    pub created_at: DateTime<Utc>,
    /// When last changed.
    pub updated_at: DateTime<Utc>,
    /// Archived (relationship ended, kept for the record).
    pub archived: bool,
    /// The fields.
    pub fields: PersonInput,
}

/// A line in the people list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonSummary {
    /// Record id.
    pub id: String,
    /// Person, group or organisation.
    pub kind: PersonKind,
    /// Relationship direction.
    pub relation: Relation,
    /// Display name; empty when damaged.
    pub name: String,
    /// Name of their organisation, if any.
    pub organisation_name: Option<String>,
    /// Archived.
    pub archived: bool,
    /// The record failed its integrity check.
    pub damaged: bool,
}

fn parse_id(what: &str, id: &str) -> Result<Uuid> {
    validate::id(what, id)
}

/// Checks and normalises input that does not need the database.
fn normalise(input: &PersonInput) -> Result<PersonInput> {
    let name = single_line("The name", &input.name, NAME_CHARS)?;
    if name.is_empty() {
        return Err(Error::Empty("The name"));
    }
    let email = single_line("The email address", &input.email, EMAIL_CHARS)?;
    if !email.is_empty() {
        let valid = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        }) && !email.contains(char::is_whitespace);
        if !valid {
            return Err(Error::InvalidInput(
                "The email address doesn't look right (expected name@example.org).".into(),
            ));
        }
    }
    let phone = single_line("The phone number", &input.phone, PHONE_CHARS)?;
    if !phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +()-.".contains(c))
    {
        return Err(Error::InvalidInput(
            "The phone number may contain only digits, spaces and + ( ) - .".into(),
        ));
    }
    let notes = validate::long_text("The notes field", &input.notes, MAX_NOTES_BYTES, false)?;
    validate::date_range(
        ("The start date", input.start_date),
        ("The end date", input.end_date),
        "The end date is before the start date.",
    )?;
    let kind = input.kind;
    if kind != PersonKind::Group && (!input.members.is_empty() || input.facilitator_id.is_some()) {
        return Err(Error::InvalidInput(
            "Only a group has members and a facilitator.".into(),
        ));
    }
    if kind == PersonKind::Organisation {
        if input.relation != Relation::None {
            return Err(Error::InvalidInput(
                "An organisation is not itself a supervisee or supervisor.".into(),
            ));
        }
        if input.organisation_id.is_some() {
            return Err(Error::InvalidInput(
                "An organisation cannot belong to an organisation.".into(),
            ));
        }
    }
    if input.members.len() > GROUP_MEMBERS_MAX {
        return Err(Error::InvalidInput(format!(
            "A group has at most {GROUP_MEMBERS_MAX} members."
        )));
    }
    let mut members = Vec::with_capacity(input.members.len());
    for m in &input.members {
        let id = parse_id("A member", m)?.to_string();
        if members.contains(&id) {
            return Err(Error::InvalidInput("A member is listed twice.".into()));
        }
        members.push(id);
    }
    let organisation_id = input
        .organisation_id
        .as_deref()
        .map(|o| parse_id("The organisation", o).map(|u| u.to_string()))
        .transpose()?;
    let facilitator_id = input
        .facilitator_id
        .as_deref()
        .map(|f| parse_id("The facilitator", f).map(|u| u.to_string()))
        .transpose()?;
    Ok(PersonInput {
        kind,
        relation: input.relation,
        name,
        pronouns: single_line("The pronouns", &input.pronouns, PRONOUNS_CHARS)?,
        email,
        phone,
        organisation_id,
        professional_role: single_line(
            "The professional role",
            &input.professional_role,
            SHORT_CHARS,
        )?,
        licence_number: single_line(
            "The licence number",
            &input.licence_number,
            LICENCE_NUMBER_CHARS,
        )?,
        licence_body: single_line("The licensing body", &input.licence_body, SHORT_CHARS)?,
        licensure_plan: paragraph("The licensure plan", &input.licensure_plan, PLAN_CHARS)?,
        start_date: input.start_date,
        end_date: input.end_date,
        notes,
        members,
        facilitator_id,
    })
}

/// A record's kind, read from its sealed body (so it is authenticated),
/// or `None` when there is no such record. A damaged record is an error.
pub(crate) fn kind_of(
    conn: &rusqlite::Connection,
    ring: &KeyRing,
    id: &str,
) -> Result<Option<PersonKind>> {
    match rows::get::<PersonInput>(conn, ring, id)? {
        None => Ok(None),
        Some(row) => Ok(Some(row.body?.kind)),
    }
}

/// Checks references to other records (organisation, members, facilitator).
fn check_links(
    conn: &rusqlite::Connection,
    ring: &KeyRing,
    input: &PersonInput,
    self_id: Option<&str>,
) -> Result<()> {
    if let Some(org) = &input.organisation_id {
        match kind_of(conn, ring, org)? {
            Some(PersonKind::Organisation) => {}
            Some(_) => {
                return Err(Error::InvalidInput(
                    "The chosen organisation is not an organisation.".into(),
                ))
            }
            None => return Err(Error::NotFound("The chosen organisation")),
        }
    }
    for id in input.members.iter().chain(input.facilitator_id.iter()) {
        if Some(id.as_str()) == self_id {
            return Err(Error::InvalidInput(
                "A group cannot be its own member.".into(),
            ));
        }
        match kind_of(conn, ring, id)? {
            Some(PersonKind::Person) => {}
            Some(_) => {
                return Err(Error::InvalidInput(
                    "Group members and facilitators must be people.".into(),
                ))
            }
            None => return Err(Error::NotFound("A group member")),
        }
    }
    Ok(())
}

/// A stored row whose body opened and whose plaintext kind agrees with it.
fn checked(row: rows::PersonRow<PersonInput>) -> Result<Person> {
    let fields = row.body?;
    if PersonKind::parse(&row.kind) != Some(fields.kind) {
        return Err(Error::Integrity(rows::WHAT.into()));
    }
    Ok(Person {
        id: row.id,
        created_at: row.created_at,
        updated_at: row.updated_at,
        archived: row.archived_at.is_some(),
        fields,
    })
}

/// One person, group or organisation, opened (for the other domain modules).
pub(crate) fn load(
    conn: &rusqlite::Connection,
    ring: &KeyRing,
    id: &str,
) -> Result<Option<Person>> {
    rows::get::<PersonInput>(conn, ring, id)?
        .map(checked)
        .transpose()
}

/// Supervisees, supervisors, groups and organisations.
pub struct People<'a> {
    vault: &'a mut Vault,
}

impl<'a> People<'a> {
    /// The people of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        People { vault }
    }

    /// Everyone in the vault, sorted by name (archived last). A damaged
    /// record is listed as damaged; it does not fail the list.
    pub fn list(&mut self) -> Result<Vec<PersonSummary>> {
        let u = self.vault.unlocked()?;
        let opened: Vec<(String, PersonKind, bool, Option<PersonInput>)> =
            rows::list::<PersonInput>(u.conn, u.ring)?
                .into_iter()
                .map(|row| {
                    let stored_kind = PersonKind::parse(&row.kind);
                    let id = row.id.clone();
                    let archived = row.archived_at.is_some();
                    match checked(row) {
                        Ok(p) => (id, p.fields.kind, archived, Some(p.fields)),
                        Err(_) => (
                            id,
                            stored_kind.unwrap_or(PersonKind::Person),
                            archived,
                            None,
                        ),
                    }
                })
                .collect();
        let name_of = |id: &str| -> Option<String> {
            opened
                .iter()
                .find(|(i, ..)| i == id)
                .and_then(|(.., p)| p.as_ref().map(|p| p.name.clone()))
        };
        let mut out: Vec<PersonSummary> = opened
            .iter()
            .map(|(id, kind, archived, p)| PersonSummary {
                id: id.clone(),
                kind: *kind,
                relation: p.as_ref().map_or(Relation::None, |p| p.relation),
                name: p.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
                organisation_name: p
                    .as_ref()
                    .and_then(|p| p.organisation_id.as_deref())
                    .and_then(name_of),
                archived: *archived,
                damaged: p.is_none(),
            })
            .collect();
        out.sort_by(|a, b| {
            (a.archived, a.name.to_lowercase(), &a.id).cmp(&(
                b.archived,
                b.name.to_lowercase(),
                &b.id,
            ))
        });
        Ok(out)
    }

    /// One record, decrypted.
    pub fn get(&mut self, id: &str) -> Result<Person> {
        let id = parse_id("That person's", id)?.to_string();
        let u = self.vault.unlocked()?;
        load(u.conn, u.ring, &id)?.ok_or(Error::NotFound("That person"))
    }

    /// Adds a person, group or organisation with a data key of its own, in
    /// one transaction.
    pub fn create(&mut self, input: &PersonInput, now: DateTime<Utc>) -> Result<Person> {
        let fields = normalise(input)?;
        let u = self.vault.unlocked()?;
        check_links(u.conn, u.ring, &fields, None)?;
        let id = Uuid::new_v4().to_string();
        let ring = &*u.ring;
        let (key_id, key) = store::write(u.conn, |tx| {
            rows::insert(tx, ring, &id, fields.kind.as_str(), &fields, now)
        })?;
        u.ring.adopt(key_id, key, None, Some(&id));
        let now = store::from_millis(store::to_millis(now))?;
        Ok(Person {
            id,
            created_at: now,
            updated_at: now,
            archived: false,
            fields,
        })
    }

    /// Replaces a record's fields. The kind cannot change.
    pub fn update(&mut self, id: &str, input: &PersonInput, now: DateTime<Utc>) -> Result<Person> {
        let id = parse_id("That person's", id)?.to_string();
        let fields = normalise(input)?;
        let u = self.vault.unlocked()?;
        let current = load(u.conn, u.ring, &id)?.ok_or(Error::NotFound("That person"))?;
        if current.fields.kind != fields.kind {
            return Err(Error::InvalidInput(
                "A record's kind (person, group, organisation) cannot be changed.".into(),
            ));
        }
        check_links(u.conn, u.ring, &fields, Some(&id))?;
        let row = rows::update::<PersonInput>(
            u.conn,
            u.ring,
            &id,
            |body, _| {
                *body = fields;
                Ok(())
            },
            now,
        )?;
        checked(row)
    }

    /// Records the end of supervision on a person and archives them, inside
    /// the caller's transaction (the ending is stored in the same one).
    pub(crate) fn end_in(
        tx: &rusqlite::Transaction<'_>,
        ring: &KeyRing,
        id: &str,
        end_date: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let now_ms = store::from_millis(store::to_millis(now))?;
        rows::update_in::<PersonInput>(
            tx,
            ring,
            id,
            |body, stamp| {
                body.end_date = Some(end_date);
                if stamp.is_none() {
                    *stamp = Some(now_ms);
                }
                Ok(())
            },
            now,
        )?;
        Ok(())
    }

    /// Archives (or restores) a record: it leaves the active lists but is kept.
    pub fn set_archived(&mut self, id: &str, archived: bool, now: DateTime<Utc>) -> Result<()> {
        let id = parse_id("That person's", id)?.to_string();
        let u = self.vault.unlocked()?;
        let now_ms = store::from_millis(store::to_millis(now))?;
        rows::update::<PersonInput>(
            u.conn,
            u.ring,
            &id,
            |_, stamp| {
                *stamp = match (archived, *stamp) {
                    (true, Some(earlier)) => Some(earlier),
                    (true, None) => Some(now_ms),
                    (false, _) => None,
                };
                Ok(())
            },
            now,
        )?;
        Ok(())
    }
}

/// Every person, group and organisation as a search document (name as the
/// title; pronouns, role, contact details, licence, plan and notes as the
/// text). A damaged record is left out.
pub(crate) fn search_docs(
    conn: &rusqlite::Connection,
    ring: &KeyRing,
) -> Result<Vec<crate::search_doc::SearchDoc>> {
    use zeroize::Zeroizing;
    Ok(rows::list::<PersonInput>(conn, ring)?
        .into_iter()
        .filter_map(|row| checked(row).ok())
        .map(|p| {
            let f = &p.fields;
            let body = [
                f.pronouns.as_str(),
                &f.professional_role,
                &f.email,
                &f.phone,
                &f.licence_number,
                &f.licence_body,
                &f.licensure_plan,
                &f.notes,
            ]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
            crate::search_doc::SearchDoc {
                kind: crate::search_doc::DocKind::Person,
                id: p.id.clone(),
                person_id: Some(p.id.clone()),
                title: Zeroizing::new(f.name.clone()),
                body: Zeroizing::new(body),
                tags: Vec::new(),
                date: f.start_date.or(Some(p.created_at.date_naive())),
            }
        })
        .collect())
}

/// The ids of every person, group and organisation whose record opens (for
/// other domains' search documents, which are filed per person).
pub(crate) fn all_ids(conn: &rusqlite::Connection, ring: &KeyRing) -> Result<Vec<String>> {
    Ok(rows::list::<serde::de::IgnoredAny>(conn, ring)?
        .into_iter()
        .filter(|r| r.body.is_ok())
        .map(|r| r.id)
        .collect())
}
