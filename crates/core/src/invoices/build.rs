//! Building an invoice from the schedule: which sessions are billed, at
//! what fee, and the arithmetic of its lines.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use super::{BillTo, Invoice, InvoiceLine, InvoiceRequest, InvoiceStatus, Invoices, LineKind};
use super::{MAX_PERIOD_DAYS, MAX_TOTAL_MINOR};
use crate::agreements::{Agreements, Fee, FeeBasis};
use crate::error::{Error, Result};
use crate::people::{People, PersonKind};
use crate::schedule::{
    CancelledBy, Occurrence, Schedule, SessionKind, SessionStatus, MAX_RANGE_DAYS,
};
use crate::vault::Vault;

/// The numbers of one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineAmounts {
    /// Quantity in hundredths (100 = one session or one hour).
    pub quantity_hundredths: u32,
    /// Price of one unit, in minor units.
    pub unit_price_minor: u64,
    /// The line's amount, in minor units.
    pub amount_minor: u64,
}

/// `a × b / d`, rounded half up, without overflow.
fn mul_div(a: u64, b: u64, d: u64) -> u64 {
    let exact = (u128::from(a) * u128::from(b) + u128::from(d) / 2) / u128::from(d);
    u64::try_from(exact).unwrap_or(u64::MAX)
}

/// The amounts of a line: a held session of `minutes` (`late_percent` is
/// `None`), or its late cancellation at `late_percent` of what it would
/// have cost. `fee_minor` is the agreed fee per session or per hour.
///
/// ```
/// use confidant_core::agreements::FeeBasis;
/// use confidant_core::invoices::line_amounts;
///
/// let held = line_amounts(9000, FeeBasis::PerHour, 50, None);
/// assert_eq!((held.quantity_hundredths, held.amount_minor), (83, 7500));
/// let late = line_amounts(9000, FeeBasis::PerHour, 50, Some(50));
/// assert_eq!((late.quantity_hundredths, late.unit_price_minor, late.amount_minor), (100, 3750, 3750));
/// ```
pub fn line_amounts(
    fee_minor: u64,
    basis: FeeBasis,
    minutes: u32,
    late_percent: Option<u32>,
) -> LineAmounts {
    let session = match basis {
        FeeBasis::PerSession => fee_minor,
        FeeBasis::PerHour => mul_div(fee_minor, u64::from(minutes), 60),
    };
    match late_percent {
        Some(p) => {
            let charge = mul_div(session, u64::from(p), 100);
            LineAmounts {
                quantity_hundredths: 100,
                unit_price_minor: charge,
                amount_minor: charge,
            }
        }
        None => LineAmounts {
            quantity_hundredths: match basis {
                FeeBasis::PerSession => 100,
                FeeBasis::PerHour => {
                    u32::try_from(mul_div(u64::from(minutes), 100, 60)).unwrap_or(u32::MAX)
                }
            },
            unit_price_minor: fee_minor,
            amount_minor: session,
        },
    }
}

fn kind_words(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::Group => "Group supervision session",
        SessionKind::Coaching => "Coaching session",
        _ => "Supervision session",
    }
}

/// Checks the request: ids, dates in range and in order, a period of at
/// most [`MAX_PERIOD_DAYS`].
pub(super) fn check_request(req: &InvoiceRequest) -> Result<InvoiceRequest> {
    let person_id = crate::validate::id_string("The bill-to party's", &req.person_id)?;
    crate::validate::date("The first day of the period", Some(req.from))?;
    crate::validate::date("The last day of the period", Some(req.to))?;
    if req.to < req.from {
        return Err(Error::InvalidInput(
            "The period ends before it starts. Choose a last day on or after the first day.".into(),
        ));
    }
    if (req.to - req.from).num_days() >= MAX_PERIOD_DAYS {
        return Err(Error::InvalidInput(format!(
            "An invoice covers at most {MAX_PERIOD_DAYS} days. Choose a shorter period."
        )));
    }
    Ok(InvoiceRequest {
        person_id,
        from: req.from,
        to: req.to,
    })
}

/// The records whose sessions are billed to `bill_to`: itself, or for an
/// organisation every supervisee and group that belongs to it.
fn sources(vault: &mut Vault, bill_to: &str, kind: PersonKind) -> Result<Vec<(String, String)>> {
    if kind != PersonKind::Organisation {
        let name = People::of(vault).get(bill_to)?.fields.name;
        return Ok(vec![(bill_to.to_string(), name)]);
    }
    let ids: Vec<String> = People::of(vault)
        .list()?
        .into_iter()
        .filter(|p| p.kind != PersonKind::Organisation && !p.damaged)
        .map(|p| p.id)
        .collect();
    let mut out = Vec::new();
    for id in ids {
        let p = People::of(vault).get(&id)?;
        if p.fields.organisation_id.as_deref() == Some(bill_to) {
            out.push((id, p.fields.name));
        }
    }
    Ok(out)
}

/// The billable sessions of one record whose local date is in the period.
fn billable(
    vault: &mut Vault,
    id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Occurrence>> {
    // Local dates differ from UTC by at most a day either way.
    let start = from.and_time(NaiveTime::MIN).and_utc() - Duration::days(1);
    let end = to.and_time(NaiveTime::MIN).and_utc() + Duration::days(2);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut at = start;
    while at < end {
        let until = (at + Duration::days(MAX_RANGE_DAYS)).min(end);
        let list = Schedule::of(vault).occurrences(at, until, Some(id))?;
        if !list.damaged_series.is_empty() || !list.damaged_sessions.is_empty() {
            return Err(Error::InvalidInput(
                "Some sessions in this period failed their integrity check and cannot be read, so the invoice would be incomplete. Open the schedule to see them."
                    .into(),
            ));
        }
        for o in list.occurrences {
            let date = o.local_start.date();
            if date < from || date > to || o.kind == SessionKind::Peer {
                continue;
            }
            let late = o.status == SessionStatus::Cancelled
                && o.cancellation
                    .as_ref()
                    .is_some_and(|c| c.late && c.by == CancelledBy::Supervisee);
            if (o.status == SessionStatus::Held || late) && seen.insert(o.key.clone()) {
                out.push(o);
            }
        }
        at = until;
    }
    Ok(out)
}

/// The fee of the agreement in force with `id` (named `name` in errors).
fn fee_of(vault: &mut Vault, id: &str, name: &str) -> Result<(u64, Fee)> {
    let Some(agreement) = Agreements::of(vault).current(id)? else {
        return Err(Error::InvalidInput(format!(
            "{name} has no agreement in force, so there is no fee to invoice. Acknowledge an agreement with a fee first."
        )));
    };
    let fee = agreement.content.fee;
    let Some(amount) = fee.amount_minor else {
        return Err(Error::InvalidInput(format!(
            "The agreement with {name} sets no fee. Revise it to add the fee (amount and currency)."
        )));
    };
    if fee.currency.trim().is_empty() {
        return Err(Error::InvalidInput(format!(
            "The fee in the agreement with {name} has no currency. Revise the agreement to add it."
        )));
    }
    Ok((amount, fee))
}

impl Invoices<'_> {
    /// A draft invoice for `req` (not stored, no number), for checking
    /// before it is issued. `now` is the time it is built.
    ///
    /// Errors ([`Error::InvalidInput`] unless named, each with a plain
    /// message): the period ends before it starts or is longer than
    /// [`MAX_PERIOD_DAYS`]; [`Error::NotFound`] for an unknown party; no
    /// held session or late cancellation in the period; a record with
    /// sessions to bill but no agreement in force, or an agreement with no
    /// fee; fees in different currencies; sessions already on an issued
    /// invoice (the dates and invoice numbers are named); sessions that
    /// cannot be read.
    pub fn preview(&mut self, req: &InvoiceRequest, now: DateTime<Utc>) -> Result<Invoice> {
        let inv = self.draft(req, now)?;
        let order = crate::settings::VaultSettings::of(self.vault)
            .preferences()?
            .date_order;
        let u = self.vault.unlocked()?;
        let stored = super::manage::stored(u.conn, u.ring)?;
        super::manage::check_not_billed(&stored, &inv.lines, order)?;
        Ok(inv)
    }

    /// The draft without the double-billing check (issuing makes that
    /// check inside its transaction).
    pub(super) fn draft(&mut self, req: &InvoiceRequest, now: DateTime<Utc>) -> Result<Invoice> {
        let req = check_request(req)?;
        let party = People::of(self.vault).get(&req.person_id)?;
        let organisation = party.fields.kind == PersonKind::Organisation;
        let mut lines = Vec::new();
        let mut currency: Option<(String, String)> = None;
        for (id, name) in sources(self.vault, &req.person_id, party.fields.kind)? {
            let sessions = billable(self.vault, &id, req.from, req.to)?;
            if sessions.is_empty() {
                continue;
            }
            let (fee_minor, fee) = fee_of(self.vault, &id, &name)?;
            match &currency {
                Some((c, first)) if *c != fee.currency => {
                    return Err(Error::InvalidInput(format!(
                        "The fees of {first} ({c}) and {name} ({}) are in different currencies; one invoice has one currency.",
                        fee.currency
                    )))
                }
                Some(_) => {}
                None => currency = Some((fee.currency.clone(), name.clone())),
            }
            for o in sessions {
                let minutes = u32::try_from((o.end - o.start).num_minutes()).unwrap_or(0);
                let late = o.status == SessionStatus::Cancelled;
                if late && fee.late_cancellation_percent == 0 {
                    continue;
                }
                let amounts = line_amounts(
                    fee_minor,
                    fee.basis,
                    minutes,
                    late.then_some(fee.late_cancellation_percent),
                );
                let mut description = if late {
                    "Late cancellation".to_string()
                } else {
                    format!("{}, {minutes} min", kind_words(o.kind))
                };
                if organisation {
                    description.push_str(&format!(" — {name}"));
                }
                lines.push((
                    o.start,
                    InvoiceLine {
                        date: o.local_start.date(),
                        kind: if late {
                            LineKind::LateCancellation
                        } else {
                            LineKind::Session
                        },
                        description,
                        minutes,
                        basis: fee.basis,
                        quantity_hundredths: amounts.quantity_hundredths,
                        unit_price_minor: amounts.unit_price_minor,
                        amount_minor: amounts.amount_minor,
                        session: o.key.clone(),
                        person_id: id.clone(),
                    },
                ));
            }
        }
        let order = crate::settings::VaultSettings::of(self.vault)
            .preferences()?
            .date_order;
        let (Some((currency, _)), false) = (currency, lines.is_empty()) else {
            return Err(Error::InvalidInput(format!(
                "There is nothing to invoice for {} from {} to {}: no held sessions and no late cancellations by the supervisee in that period.",
                party.fields.name,
                crate::pdf::long_date(req.from, order),
                crate::pdf::long_date(req.to, order)
            )));
        };
        lines.sort_by(|a, b| (a.0, &a.1.description).cmp(&(b.0, &b.1.description)));
        let lines: Vec<InvoiceLine> = lines.into_iter().map(|(_, l)| l).collect();
        let total = lines
            .iter()
            .try_fold(0u64, |sum, l| sum.checked_add(l.amount_minor))
            .filter(|t| *t <= MAX_TOTAL_MINOR)
            .ok_or_else(|| {
                Error::InvalidInput(
                    "The invoice's total is too large. Choose a shorter period.".into(),
                )
            })?;
        Ok(Invoice {
            id: String::new(),
            number: None,
            status: InvoiceStatus::Draft,
            bill_to: BillTo {
                person_id: req.person_id,
                name: party.fields.name,
                email: party.fields.email,
            },
            period_from: req.from,
            period_to: req.to,
            issued_on: None,
            currency,
            lines,
            total_minor: total,
            paid_on: None,
            voided_on: None,
            created_at: now,
            updated_at: now,
        })
    }
}
