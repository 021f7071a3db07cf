//! People and relationships: supervisees, supervisors, groups and
//! organisations. Each has its own data key (so erasing a person can destroy
//! it); every field is sealed under that key — only the id, the kind and
//! timestamps are plaintext.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::crypto::{self, Context};
use crate::error::{Error, Result};
use crate::store::{from_millis, to_millis};
use crate::vault::{Session, Vault};

const WHAT: &str = "This person's record";
const MAX_NAME_CHARS: usize = 200;
const MAX_SHORT_CHARS: usize = 200;
const MAX_EMAIL_CHARS: usize = 254;
const MAX_PHONE_CHARS: usize = 40;
/// Longest notes field, in UTF-8 bytes.
pub const MAX_NOTES_BYTES: usize = 100 * 1024;
const MAX_MEMBERS: usize = 50;

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
    fn as_str(self) -> &'static str {
        match self {
            PersonKind::Person => "person",
            PersonKind::Group => "group",
            PersonKind::Organisation => "organisation",
        }
    }

    fn parse(s: &str) -> Option<Self> {
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

fn context(id: &str) -> Context<'_> {
    Context::new("people", "body", id)
}

fn trimmed(field: &str, value: &str, max_chars: usize) -> Result<String> {
    let v = value.trim();
    if v.chars().count() > max_chars {
        return Err(Error::InvalidInput(format!(
            "{field} is too long (at most {max_chars} characters)."
        )));
    }
    if v.chars().any(|c| c.is_control()) {
        return Err(Error::InvalidInput(format!(
            "{field} contains control characters."
        )));
    }
    Ok(v.to_string())
}

/// Like [`trimmed`] but keeps line breaks and tabs (for paragraph fields).
fn paragraph(field: &str, value: &str, max_chars: usize) -> Result<String> {
    let v = value.trim();
    if v.chars().count() > max_chars {
        return Err(Error::InvalidInput(format!(
            "{field} is too long (at most {max_chars} characters)."
        )));
    }
    if v.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(Error::InvalidInput(format!(
            "{field} contains control characters."
        )));
    }
    Ok(v.to_string())
}

fn parse_id(what: &str, id: &str) -> Result<Uuid> {
    Uuid::parse_str(id.trim()).map_err(|_| Error::InvalidInput(format!("{what} id is not valid.")))
}

/// Checks and normalises input that does not need the database.
fn normalise(input: &PersonInput) -> Result<PersonInput> {
    let name = trimmed("The name", &input.name, MAX_NAME_CHARS)?;
    if name.is_empty() {
        return Err(Error::Empty("The name"));
    }
    let email = trimmed("The email address", &input.email, MAX_EMAIL_CHARS)?;
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
    let phone = trimmed("The phone number", &input.phone, MAX_PHONE_CHARS)?;
    if !phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +()-.".contains(c))
    {
        return Err(Error::InvalidInput(
            "The phone number may contain only digits, spaces and + ( ) - .".into(),
        ));
    }
    if input.notes.len() > MAX_NOTES_BYTES {
        return Err(Error::TooLarge {
            what: "The notes field",
            size: input.notes.len(),
            limit: MAX_NOTES_BYTES,
        });
    }
    if let (Some(start), Some(end)) = (input.start_date, input.end_date) {
        if end < start {
            return Err(Error::InvalidInput(
                "The end date is before the start date.".into(),
            ));
        }
    }
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
    if input.members.len() > MAX_MEMBERS {
        return Err(Error::InvalidInput(format!(
            "A group has at most {MAX_MEMBERS} members."
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
        pronouns: trimmed("The pronouns", &input.pronouns, 40)?,
        email,
        phone,
        organisation_id,
        professional_role: trimmed(
            "The professional role",
            &input.professional_role,
            MAX_SHORT_CHARS,
        )?,
        licence_number: trimmed("The licence number", &input.licence_number, 80)?,
        licence_body: trimmed("The licensing body", &input.licence_body, MAX_SHORT_CHARS)?,
        licensure_plan: paragraph("The licensure plan", &input.licensure_plan, 2000)?,
        start_date: input.start_date,
        end_date: input.end_date,
        notes: input.notes.clone(),
        members,
        facilitator_id,
    })
}

/// The stored kind of a record, or NotFound.
fn stored_kind(conn: &Connection, id: &str) -> Result<Option<PersonKind>> {
    let kind: Option<String> = conn
        .query_row("SELECT kind FROM people WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    Ok(kind.as_deref().and_then(PersonKind::parse))
}

/// Checks references to other records (organisation, members, facilitator).
fn check_links(conn: &Connection, input: &PersonInput, self_id: Option<&str>) -> Result<()> {
    if let Some(org) = &input.organisation_id {
        match stored_kind(conn, org)? {
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
        match stored_kind(conn, id)? {
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

/// Opens one person's sealed body.
pub(crate) fn open_person(
    session: &Session,
    id: &str,
    key_id: &str,
    sealed: &[u8],
) -> Result<PersonInput> {
    let key_id = Uuid::parse_str(key_id).map_err(|_| Error::Integrity(WHAT.into()))?;
    let key = session.key(key_id, WHAT)?;
    let json = crypto::open_string(key, context(id), sealed, WHAT)?;
    serde_json::from_str(&json).map_err(|_| Error::Integrity(WHAT.into()))
}

fn seal_person(session: &Session, key_id: Uuid, id: &str, input: &PersonInput) -> Result<Vec<u8>> {
    let key = session.key(key_id, WHAT)?;
    let json =
        Zeroizing::new(serde_json::to_vec(input).map_err(|e| Error::Internal(e.to_string()))?);
    crypto::seal(key, key_id, context(id), &json)
}

struct Row {
    id: String,
    key_id: String,
    created: i64,
    updated: i64,
    archived: Option<i64>,
    body: Vec<u8>,
}

fn read_row(conn: &Connection, id: &str) -> Result<Option<Row>> {
    Ok(conn
        .query_row(
            "SELECT id, key_id, created_at, updated_at, archived_at, body FROM people WHERE id = ?1",
            [id],
            |r| {
                Ok(Row {
                    id: r.get(0)?,
                    key_id: r.get(1)?,
                    created: r.get(2)?,
                    updated: r.get(3)?,
                    archived: r.get(4)?,
                    body: r.get(5)?,
                })
            },
        )
        .optional()?)
}

impl Vault {
    /// Everyone in the vault, sorted by name (archived last).
    pub fn people_list(&mut self) -> Result<Vec<PersonSummary>> {
        let (conn, session) = self.unlocked()?;
        let mut stmt = conn.prepare("SELECT id, kind, key_id, archived_at, body FROM people")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                    r.get::<_, Vec<u8>>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut opened = Vec::with_capacity(rows.len());
        for (id, kind, key_id, archived, body) in rows {
            let kind = PersonKind::parse(&kind).ok_or_else(|| Error::Integrity(WHAT.into()))?;
            opened.push((
                id.clone(),
                kind,
                archived.is_some(),
                open_person(session, &id, &key_id, &body).ok(),
            ));
        }
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
    pub fn person_get(&mut self, id: &str) -> Result<Person> {
        let id = parse_id("That person's", id)?.to_string();
        let (conn, session) = self.unlocked()?;
        let row = read_row(conn, &id)?.ok_or(Error::NotFound("That person"))?;
        let fields = open_person(session, &row.id, &row.key_id, &row.body)?;
        Ok(Person {
            id: row.id,
            created_at: from_millis(row.created)?,
            updated_at: from_millis(row.updated)?,
            archived: row.archived.is_some(),
            fields,
        })
    }

    /// Adds a person, group or organisation with a data key of its own, in
    /// one transaction.
    pub fn person_create(&mut self, input: &PersonInput, now: DateTime<Utc>) -> Result<Person> {
        let fields = normalise(input)?;
        let (conn, session) = self.unlocked()?;
        check_links(conn, &fields, None)?;
        let id = Uuid::new_v4().to_string();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let key = session.new_subject_key(&tx, &id, now)?;
        let key_id = key.0;
        let json = Zeroizing::new(
            serde_json::to_vec(&fields).map_err(|e| Error::Internal(e.to_string()))?,
        );
        let sealed = crypto::seal(&key.1, key_id, context(&id), &json)?;
        tx.execute(
            "INSERT INTO people (id, kind, key_id, created_at, updated_at, body) VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
            params![id, fields.kind.as_str(), key_id.to_string(), to_millis(now), sealed],
        )?;
        tx.commit()?;
        session.adopt_key(key);
        Ok(Person {
            id,
            created_at: now,
            updated_at: now,
            archived: false,
            fields,
        })
    }

    /// Replaces a record's fields. The kind cannot change.
    pub fn person_update(
        &mut self,
        id: &str,
        input: &PersonInput,
        now: DateTime<Utc>,
    ) -> Result<Person> {
        let id = parse_id("That person's", id)?.to_string();
        let fields = normalise(input)?;
        let (conn, session) = self.unlocked()?;
        let row = read_row(conn, &id)?.ok_or(Error::NotFound("That person"))?;
        if stored_kind(conn, &id)? != Some(fields.kind) {
            return Err(Error::InvalidInput(
                "A record's kind (person, group, organisation) cannot be changed.".into(),
            ));
        }
        check_links(conn, &fields, Some(&id))?;
        let key_id = Uuid::parse_str(&row.key_id).map_err(|_| Error::Integrity(WHAT.into()))?;
        let sealed = seal_person(session, key_id, &id, &fields)?;
        conn.execute(
            "UPDATE people SET body = ?2, updated_at = max(?3, created_at) WHERE id = ?1",
            params![id, sealed, to_millis(now)],
        )?;
        let created_at = from_millis(row.created)?;
        Ok(Person {
            id,
            created_at,
            updated_at: now.max(created_at),
            archived: row.archived.is_some(),
            fields,
        })
    }

    /// Archives (or restores) a record: it leaves the active lists but is kept.
    pub fn person_set_archived(
        &mut self,
        id: &str,
        archived: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let id = parse_id("That person's", id)?.to_string();
        let (conn, _) = self.unlocked()?;
        let n = conn.execute(
            "UPDATE people SET archived_at = CASE WHEN ?2 THEN coalesce(archived_at, ?3) ELSE NULL END,
                               updated_at = max(?3, created_at)
             WHERE id = ?1",
            params![id, archived, to_millis(now)],
        )?;
        if n == 0 {
            return Err(Error::NotFound("That person"));
        }
        Ok(())
    }
}
