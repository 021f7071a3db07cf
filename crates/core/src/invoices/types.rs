//! The data types of invoices: what the commands take and return.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::agreements::FeeBasis;
use crate::schedule::OccurrenceKey;

/// Where an invoice is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// A preview: not stored, no number.
    Draft,
    /// Issued, with a number; unpaid or paid.
    Issued,
    /// Cancelled after it was issued: it keeps its number and is never
    /// deleted, and its sessions can be invoiced again.
    Void,
}

/// What a line charges for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// A held session.
    Session,
    /// A session the supervisee cancelled with less notice than agreed.
    LateCancellation,
}

/// One line of an invoice. Nothing clinical: a date, a description such
/// as "Supervision session, 60 min", and numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoiceLine {
    /// The session's date (its local date).
    pub date: NaiveDate,
    /// Session or late cancellation.
    pub kind: LineKind,
    /// "Supervision session, 60 min", "Late cancellation"; on an
    /// organisation's invoice followed by the supervisee's name.
    pub description: String,
    /// The session's length in minutes.
    pub minutes: u32,
    /// Per session or per hour, as the agreement sets it.
    pub basis: FeeBasis,
    /// The quantity in hundredths: 100 for one session (or one late
    /// cancellation); for a fee per hour, the hours to two decimals (150 for
    /// 90 minutes).
    pub quantity_hundredths: u32,
    /// The price of one unit, in minor units of the invoice's currency.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub unit_price_minor: u64,
    /// The line's amount in minor units: the unit price times the exact
    /// quantity (for a fee per hour, times minutes / 60), rounded half up.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub amount_minor: u64,
    /// The session it bills (so a session is never billed twice).
    pub session: OccurrenceKey,
    /// The people record the session is with (the bill-to party itself, or
    /// a member of the organisation billed).
    pub person_id: String,
}

/// Who an invoice is addressed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BillTo {
    /// The people record: a supervisee, a group or an organisation.
    pub person_id: String,
    /// Their name, as it was when the invoice was made.
    pub name: String,
    /// Their email address, if any.
    pub email: String,
}

/// What to invoice: a bill-to party and a period (both dates included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoiceRequest {
    /// A supervisee, a group, or an organisation (then the sessions of
    /// every supervisee and group that belongs to it).
    pub person_id: String,
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period (not before `from`).
    pub to: NaiveDate,
}

/// An invoice: a preview (draft: no id, no number) or an issued one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Invoice {
    /// Id; empty for a preview.
    pub id: String,
    /// The number, from 1, without gaps in this vault; `None` for a preview.
    pub number: Option<u32>,
    /// Draft (preview), issued or void.
    pub status: InvoiceStatus,
    /// Who it is addressed to.
    pub bill_to: BillTo,
    /// First day of the period.
    pub period_from: NaiveDate,
    /// Last day of the period.
    pub period_to: NaiveDate,
    /// When it was issued (`None` for a preview).
    pub issued_on: Option<NaiveDate>,
    /// ISO 4217 currency code of every amount.
    pub currency: String,
    /// The lines, by date.
    pub lines: Vec<InvoiceLine>,
    /// The sum of the lines' amounts, in minor units.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total_minor: u64,
    /// When it was paid; `None` while unpaid.
    pub paid_on: Option<NaiveDate>,
    /// When it was voided; `None` unless void.
    pub voided_on: Option<NaiveDate>,
    /// When it was stored (issued) or built (preview).
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// A line in a list of invoices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoiceSummary {
    /// Id.
    pub id: String,
    /// The bill-to party.
    pub person_id: String,
    /// The number (`None` only when damaged).
    pub number: Option<u32>,
    /// Issued or void (issued when damaged).
    pub status: InvoiceStatus,
    /// First day of the period.
    pub period_from: Option<NaiveDate>,
    /// Last day of the period.
    pub period_to: Option<NaiveDate>,
    /// When it was issued.
    pub issued_on: Option<NaiveDate>,
    /// Currency code (empty when damaged).
    pub currency: String,
    /// Total in minor units (0 when damaged).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total_minor: u64,
    /// When it was paid.
    pub paid_on: Option<NaiveDate>,
    /// The stored invoice failed its integrity check and cannot be opened.
    pub damaged: bool,
}
