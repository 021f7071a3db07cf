//! Issuing, listing, marking paid and voiding invoices.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use uuid::Uuid;

use super::Invoices;
use super::{invoice_number, Invoice, InvoiceLine, InvoiceRequest, InvoiceStatus, InvoiceSummary};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::pdf::long_date;
use crate::settings::{DateOrder, VaultSettings};
use crate::store::{self, from_millis, invoices as rows, to_millis};

const NOT_FOUND: &str = "That invoice";

fn opened(row: rows::Row<Invoice>) -> Result<Invoice> {
    let mut inv = row.body?;
    inv.id = row.meta.id;
    inv.bill_to.person_id = row.meta.person_id;
    inv.created_at = row.meta.created_at;
    inv.updated_at = row.meta.updated_at;
    Ok(inv)
}

fn summary(row: rows::Row<Invoice>) -> InvoiceSummary {
    let (id, person_id) = (row.meta.id.clone(), row.meta.person_id.clone());
    match opened(row) {
        Ok(i) => InvoiceSummary {
            id,
            person_id,
            number: i.number,
            status: i.status,
            period_from: Some(i.period_from),
            period_to: Some(i.period_to),
            issued_on: i.issued_on,
            currency: i.currency,
            total_minor: i.total_minor,
            paid_on: i.paid_on,
            damaged: false,
        },
        Err(_) => InvoiceSummary {
            id,
            person_id,
            number: None,
            status: InvoiceStatus::Issued,
            period_from: None,
            period_to: None,
            issued_on: None,
            currency: String::new(),
            total_minor: 0,
            paid_on: None,
            damaged: true,
        },
    }
}

/// Every stored invoice that opens (a damaged one cannot be checked and is
/// passed over; it is listed as damaged).
pub(super) fn stored(conn: &Connection, ring: &KeyRing) -> Result<Vec<Invoice>> {
    Ok(rows::list::<Invoice>(conn, ring, None)?
        .into_iter()
        .filter_map(|r| r.body.ok())
        .collect())
}

/// Refuses lines whose sessions are already on an issued (not void)
/// invoice among `stored`, naming their dates and the invoices' numbers.
pub(super) fn check_not_billed(
    stored: &[Invoice],
    lines: &[InvoiceLine],
    order: DateOrder,
) -> Result<()> {
    let mut clashes: Vec<(NaiveDate, u32)> = Vec::new();
    for inv in stored {
        if inv.status != InvoiceStatus::Issued {
            continue;
        }
        for line in lines {
            if inv.lines.iter().any(|l| l.session == line.session) {
                clashes.push((line.date, inv.number.unwrap_or(0)));
            }
        }
    }
    if clashes.is_empty() {
        return Ok(());
    }
    clashes.sort();
    clashes.dedup();
    let named: Vec<String> = clashes
        .iter()
        .map(|(d, n)| format!("{} (invoice {})", long_date(*d, order), invoice_number(*n)))
        .collect();
    Err(Error::InvalidInput(format!(
        "Some of these sessions are already on an issued invoice: {}. Void that invoice first, or choose another period.",
        named.join(", ")
    )))
}

/// A date the user gives for a payment: not more than a day ahead of `now`
/// (time zones), not before the invoice was issued.
fn check_paid_on(
    paid_on: NaiveDate,
    issued_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<()> {
    crate::validate::date("The payment date", Some(paid_on))?;
    if paid_on > now.date_naive().succ_opt().unwrap_or(NaiveDate::MAX) {
        return Err(Error::InvalidInput(
            "The payment date is in the future.".into(),
        ));
    }
    if issued_on.is_some_and(|i| paid_on < i) {
        return Err(Error::InvalidInput(
            "The payment date is before the invoice was issued.".into(),
        ));
    }
    Ok(())
}

impl Invoices<'_> {
    fn order(&mut self) -> Result<DateOrder> {
        Ok(VaultSettings::of(self.vault).preferences()?.date_order)
    }

    /// Issues the invoice [`Invoices::preview`] shows for `req`: stores it
    /// with the next number, in one transaction with the counter, so a
    /// failure leaves neither. Errors: those of the preview (checked again
    /// inside the transaction for double billing), and
    /// [`Error::Integrity`] when the counter cannot be read.
    pub fn issue(&mut self, req: &InvoiceRequest, now: DateTime<Utc>) -> Result<Invoice> {
        let mut inv = self.draft(req, now)?;
        let order = self.order()?;
        let now = from_millis(to_millis(now))?;
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            let stored = stored(tx, ring)?;
            check_not_billed(&stored, &inv.lines, order)?;
            let highest = stored.iter().filter_map(|i| i.number).max().unwrap_or(0);
            let last = rows::last_number(tx, ring)?.max(highest);
            let number = last
                .checked_add(1)
                .ok_or_else(|| Error::InvalidInput("Invoice numbers have run out.".into()))?;
            inv.id = Uuid::new_v4().to_string();
            inv.number = Some(number);
            inv.status = InvoiceStatus::Issued;
            inv.issued_on = Some(now.date_naive());
            inv.created_at = now;
            inv.updated_at = now;
            let meta = rows::Meta {
                id: inv.id.clone(),
                person_id: inv.bill_to.person_id.clone(),
                created_at: now,
                updated_at: now,
            };
            rows::insert(tx, ring, &meta, &inv)?;
            rows::set_last_number(tx, ring, number, now)
        })?;
        Ok(inv)
    }

    /// One issued invoice. Errors: [`Error::NotFound`], or
    /// [`Error::Integrity`] when it fails its check.
    pub fn get(&mut self, id: &str) -> Result<Invoice> {
        let id = crate::validate::id_string("That invoice's", id)?;
        let u = self.vault.unlocked()?;
        match rows::get::<Invoice>(u.conn, u.ring, &id)? {
            Some(row) => opened(row),
            None => Err(Error::NotFound(NOT_FOUND)),
        }
    }

    /// The invoices addressed to one party, or (`None`) every invoice, by
    /// number (damaged ones last). A damaged invoice is listed, flagged.
    pub fn list(&mut self, person_id: Option<&str>) -> Result<Vec<InvoiceSummary>> {
        let person = person_id
            .map(|p| crate::validate::id_string("That person's", p))
            .transpose()?;
        let u = self.vault.unlocked()?;
        let mut out: Vec<InvoiceSummary> =
            rows::list::<Invoice>(u.conn, u.ring, person.as_deref())?
                .into_iter()
                .map(summary)
                .collect();
        out.sort_by_key(|s| (s.number.is_none(), s.number));
        Ok(out)
    }

    fn change(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut Invoice) -> Result<()>,
    ) -> Result<Invoice> {
        let id = crate::validate::id_string("That invoice's", id)?;
        let u = self.vault.unlocked()?;
        let ring = &*u.ring;
        store::write(u.conn, |tx| {
            let row = rows::get::<Invoice>(tx, ring, &id)?.ok_or(Error::NotFound(NOT_FOUND))?;
            let meta = row.meta.clone();
            let mut inv = opened(row)?;
            f(&mut inv)?;
            let updated = from_millis(to_millis(now))?.max(meta.created_at);
            inv.updated_at = updated;
            let meta = rows::Meta {
                updated_at: updated,
                ..meta
            };
            rows::replace(tx, ring, &meta, &inv)?;
            Ok(inv)
        })
    }

    /// Marks an issued invoice paid on `paid_on`, or (`None`) unpaid again.
    /// Errors: a void invoice; a payment date in the future or before the
    /// invoice was issued.
    pub fn set_paid(
        &mut self,
        id: &str,
        paid_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<Invoice> {
        self.change(id, now, |inv| {
            if inv.status == InvoiceStatus::Void {
                return Err(Error::ReadOnly(
                    "This invoice is void: it cannot be marked paid or unpaid.",
                ));
            }
            if let Some(d) = paid_on {
                check_paid_on(d, inv.issued_on, now)?;
            }
            inv.paid_on = paid_on;
            Ok(())
        })
    }

    /// Voids an issued invoice: it keeps its number and stays listed,
    /// marked void, and its sessions can be invoiced again. Errors: already
    /// void; marked paid (mark it unpaid first).
    pub fn void(&mut self, id: &str, now: DateTime<Utc>) -> Result<Invoice> {
        self.change(id, now, |inv| {
            if inv.status == InvoiceStatus::Void {
                return Err(Error::ReadOnly("This invoice is already void."));
            }
            if inv.paid_on.is_some() {
                return Err(Error::InvalidInput(
                    "This invoice is marked paid. Mark it unpaid before voiding it.".into(),
                ));
            }
            inv.status = InvoiceStatus::Void;
            inv.voided_on = Some(now.date_naive());
            Ok(())
        })
    }
}
