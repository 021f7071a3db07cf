//! Rule profiles: a small rule engine over the hours ledger, and the
//! profiles (boards' rules as data) it applies.
//!
//! * [`evaluate`] is pure: a [`Profile`] applied to a
//!   [`crate::hours::Ledger`] as of a day gives a [`Progress`] — what
//!   counts, what does not and why (a plain-language reason on every
//!   excluded or reduced item), each rule met or not yet (with what is
//!   missing), totals by type and month, a projected finish from the
//!   recent pace, and the board summary laid out as the board's form asks.
//! * [`HoursRules::of`] is the handle over the vault: profiles stored
//!   sealed under the vault key (the five [`examples`] seeded at first
//!   use, editable, marked as examples), each person's chosen profile
//!   (sealed under that person's key), and [`HoursRules::progress`] /
//!   [`HoursRules::progress_all`], which read the ledger through
//!   [`crate::hours::Hours::ledger`] and evaluate it.
//!
//! A profile is data, not code per board: the rule kinds are in [`Rule`].
//! [`check::profile`] refuses a profile that contradicts itself (a minimum
//! over its maximum, a minimum period longer than the window, a share over
//! 100 %, …) with a message naming the rule.
//!
//! ## Storage
//!
//! [`crate::store::hours_profiles`] is the only code with the SQL.
//! Plaintext: profile ids (an example's fixed id), the person id of a
//! choice, timestamps, and which examples were offered once.

pub mod check;
mod engine;
pub mod examples;
mod text;
mod types;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::hours::{Hours, Ledger};
use crate::keys::KeyRing;
use crate::people::{People, PersonKind};
use crate::settings::VaultSettings;
use crate::store::{self, hours_profiles as rows};
use crate::vault::Vault;

pub use engine::evaluate;
pub use types::{
    ItemKind, ItemOutcome, LengthUnit, MonthTotals, Period, PracticeKind, Profile, Progress,
    Projection, Ratio, Rule, RuleState, RuleStatus, SummaryField, SummaryLine, SummarySource,
    Target, TotalLine,
};

/// The stored profiles, and how many could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProfileList {
    /// Profiles that opened, examples first (in the order offered), then
    /// the user's own in the order made.
    pub profiles: Vec<Profile>,
    /// Profiles that failed their integrity check (not shown).
    pub damaged: u32,
}

/// The sealed body of a person's choice.
#[derive(Serialize, Deserialize)]
struct Choice {
    profile_id: String,
}

/// Rule profiles and progress of an unlocked vault.
pub struct HoursRules<'a> {
    vault: &'a mut Vault,
}

fn profile_id(value: &str) -> Result<String> {
    let v = value.trim();
    if examples::EXAMPLE_IDS.contains(&v) {
        return Ok(v.to_string());
    }
    crate::validate::id_string("That hours profile's", v)
}

/// Puts the examples never offered before into the table.
fn ensure_seeded(conn: &rusqlite::Connection, ring: &KeyRing, now: DateTime<Utc>) -> Result<()> {
    let done = rows::seeded(conn)?;
    for (i, p) in examples::all().into_iter().enumerate() {
        if done.iter().any(|d| d == &p.id) {
            continue;
        }
        let at = now + chrono::Duration::milliseconds(i64::try_from(i).unwrap_or(0));
        if rows::get::<Profile>(conn, ring, &p.id)?.is_none() {
            rows::insert(conn, ring, &p.id, &p, at, at)?;
        }
        rows::mark_seeded(conn, &p.id, now)?;
    }
    Ok(())
}

impl<'a> HoursRules<'a> {
    /// The rule profiles and progress of `vault`.
    pub fn of(vault: &'a mut Vault) -> Self {
        HoursRules { vault }
    }

    fn seed(&mut self, now: DateTime<Utc>) -> Result<()> {
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        if rows::seeded(u.conn)?.len() >= examples::EXAMPLE_IDS.len() {
            return Ok(());
        }
        store::write(u.conn, |tx| ensure_seeded(tx, ring, now))
    }

    /// Every profile (the examples seeded the first time).
    pub fn list(&mut self, now: DateTime<Utc>) -> Result<ProfileList> {
        self.seed(now)?;
        let u = self.vault.unlocked()?;
        let mut profiles = Vec::new();
        let mut damaged = 0;
        for row in rows::list::<Profile>(u.conn, u.ring)? {
            match row.body {
                Ok(mut p) => {
                    p.id = row.id;
                    profiles.push(p);
                }
                Err(_) => damaged += 1,
            }
        }
        Ok(ProfileList { profiles, damaged })
    }

    /// One profile. Errors: [`Error::NotFound`], [`Error::Integrity`].
    pub fn get(&mut self, id: &str, now: DateTime<Utc>) -> Result<Profile> {
        let id = profile_id(id)?;
        self.seed(now)?;
        let u = self.vault.unlocked()?;
        let row = rows::get::<Profile>(u.conn, u.ring, &id)?
            .ok_or(Error::NotFound("That hours profile"))?;
        let mut p = row.body?;
        p.id = row.id;
        Ok(p)
    }

    /// Stores a new profile of the user's own (a new id; not an example).
    /// Errors: [`Error::InvalidInput`] / [`Error::Empty`] for a profile that
    /// is incomplete or contradicts itself; nothing is written then.
    pub fn create(&mut self, profile: &Profile, now: DateTime<Utc>) -> Result<Profile> {
        let mut p = check::profile(profile)?;
        p.id = Uuid::new_v4().to_string();
        p.example = false;
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| rows::insert(tx, ring, &p.id, &p, now, now))?;
        Ok(p)
    }

    /// Replaces profile `id` with `profile` (checked as in
    /// [`HoursRules::create`]). An example stays marked as an example.
    pub fn update(&mut self, id: &str, profile: &Profile, now: DateTime<Utc>) -> Result<Profile> {
        let id = profile_id(id)?;
        let mut p = check::profile(profile)?;
        self.seed(now)?;
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            let row = rows::get::<Profile>(tx, ring, &id)?
                .ok_or(Error::NotFound("That hours profile"))?;
            let old = row.body?;
            p.id = id.clone();
            p.example = old.example;
            let updated = now.max(row.updated_at);
            rows::replace(tx, ring, &id, &p, row.created_at, updated)
        })?;
        Ok(p)
    }

    /// Deletes profile `id` (an example too: it is not put back). People
    /// who used it have no profile chosen afterwards.
    pub fn delete(&mut self, id: &str, now: DateTime<Utc>) -> Result<()> {
        let id = profile_id(id)?;
        self.seed(now)?;
        let u = self.vault.unlocked()?;
        if !rows::delete(u.conn, &id)? {
            return Err(Error::NotFound("That hours profile"));
        }
        store::checkpoint(u.conn)
    }

    fn person(&mut self, person_id: &str) -> Result<String> {
        let id = crate::validate::id_string("That person's", person_id)?;
        let person = People::of(self.vault).get(&id)?;
        if person.fields.kind != PersonKind::Person {
            return Err(Error::InvalidInput(
                "Hours are kept for a person, not for a group or an organisation.".into(),
            ));
        }
        Ok(id)
    }

    /// Chooses the profile a person's progress is measured against
    /// (`None` clears the choice).
    pub fn set_person_profile(
        &mut self,
        person_id: &str,
        profile_id_: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let person = self.person(person_id)?;
        match profile_id_ {
            Some(pid) => {
                let pid = self.get(pid, now)?.id;
                let u = self.vault.unlocked()?;
                rows::set_choice(u.conn, u.ring, &person, &Choice { profile_id: pid }, now)
            }
            None => {
                let u = self.vault.unlocked()?;
                rows::clear_choice(u.conn, &person)?;
                Ok(())
            }
        }
    }

    /// The profile chosen for a person, if any (`None` also when the chosen
    /// profile was deleted since).
    pub fn person_profile(&mut self, person_id: &str) -> Result<Option<String>> {
        let person = self.person(person_id)?;
        let u = self.vault.unlocked()?;
        let Some(choice) = rows::choice::<Choice>(u.conn, u.ring, &person)? else {
            return Ok(None);
        };
        Ok(rows::get::<Profile>(u.conn, u.ring, &choice.profile_id)?.map(|_| choice.profile_id))
    }

    /// The owner's name filled into the supervision the owner gave (the
    /// ledger leaves it empty; it lives in Settings).
    pub(crate) fn with_owner_name(&mut self, mut ledger: Ledger) -> Result<Ledger> {
        let name = VaultSettings::of(self.vault).get()?.profile.name;
        for s in &mut ledger.supervision {
            if s.supervisor.is_owner && s.supervisor.name.is_empty() {
                s.supervisor.name.clone_from(&name);
            }
        }
        Ok(ledger)
    }

    /// A person's progress against `profile_id`, or (`None`) against the
    /// profile chosen for them. Errors: [`Error::InvalidInput`] when no
    /// profile is given or chosen; as [`Hours::ledger`] otherwise.
    pub fn progress(
        &mut self,
        person_id: &str,
        profile_id_: Option<&str>,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Progress> {
        let pid = match profile_id_ {
            Some(p) => p.to_string(),
            None => self.person_profile(person_id)?.ok_or_else(|| {
                Error::InvalidInput("Choose a rule profile for this person first.".into())
            })?,
        };
        let profile = self.get(&pid, now)?;
        let ledger = Hours::of(self.vault).ledger(person_id, now)?;
        let ledger = self.with_owner_name(ledger)?;
        Ok(evaluate(&profile, &ledger, today))
    }

    /// The progress of everyone the owner supervises (people records of
    /// kind person, damaged ones left out) against `profile_id`, in the
    /// order of the people list.
    pub fn progress_all(
        &mut self,
        profile_id_: &str,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<Progress>> {
        let profile = self.get(profile_id_, now)?;
        let ids: Vec<String> = People::of(self.vault)
            .list()?
            .into_iter()
            .filter(|p| {
                p.kind == PersonKind::Person
                    && p.relation == crate::people::Relation::ISupervise
                    && !p.damaged
            })
            .map(|p| p.id)
            .collect();
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let ledger = Hours::of(self.vault).ledger(&id, now)?;
            let ledger = self.with_owner_name(ledger)?;
            out.push(evaluate(&profile, &ledger, today));
        }
        Ok(out)
    }
}
