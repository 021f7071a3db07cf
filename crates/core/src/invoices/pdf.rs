//! Printing an invoice to PDF, as a [`crate::pdf::Document`]: who it is
//! from (the supervisor's business details from the settings profile), who
//! it is to, its number and dates, the lines, the total and whether it is
//! paid. Nothing clinical is ever on it: the lines carry only dates,
//! descriptions such as "Supervision session, 60 min", and amounts.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::{invoice_number, Invoice, InvoiceStatus, Invoices};
use crate::agreements::{format_money, FeeBasis, PartyDetails};
use crate::error::{Error, Result};
use crate::pdf::{self, Block, Column, Document, Table};
use crate::settings::{DateOrder, VaultSettings};

fn quantity(hundredths: u32, basis: FeeBasis, late: bool) -> String {
    let n = format!("{}.{:02}", hundredths / 100, hundredths % 100);
    let n = n.trim_end_matches('0').trim_end_matches('.').to_string();
    match basis {
        FeeBasis::PerHour if !late => format!("{n} h"),
        _ => n,
    }
}

/// The document for an issued invoice. `from` is the supervisor's profile,
/// `printed` the printing date, `order` the user's date order. The
/// metadata title names no one.
pub fn invoice_document(
    inv: &Invoice,
    from: &PartyDetails,
    printed: DateTime<Utc>,
    order: DateOrder,
) -> Document {
    let date = |d| pdf::long_date(d, order);
    let money = |m| format_money(m, &inv.currency);
    let number = inv.number.map(invoice_number).unwrap_or_default();

    let mut blocks = Vec::new();
    if inv.status == InvoiceStatus::Void {
        blocks.push(Block::Banner {
            title: "VOID".into(),
            detail: match inv.voided_on {
                Some(d) => format!(
                    "This invoice was voided on {}. Nothing is owed on it.",
                    date(d)
                ),
                None => "This invoice was voided. Nothing is owed on it.".into(),
            },
        });
    }
    let mut who = vec![from.name.clone()];
    for extra in [&from.professional_role, &from.organisation] {
        if !extra.trim().is_empty() {
            who.push(extra.clone());
        }
    }
    if !from.licence_number.trim().is_empty() {
        let body = if from.licence_body.trim().is_empty() {
            String::new()
        } else {
            format!(" ({})", from.licence_body)
        };
        who.push(format!("Licence {}{body}", from.licence_number));
    }
    let mut to = vec![inv.bill_to.name.clone()];
    if !inv.bill_to.email.trim().is_empty() {
        to.push(inv.bill_to.email.clone());
    }
    let mut about = vec![
        ("From", who.join("\n")),
        ("Bill to", to.join("\n")),
        ("Invoice number", number.clone()),
    ];
    if let Some(d) = inv.issued_on {
        about.push(("Issued", date(d)));
    }
    about.push((
        "Period",
        format!("{} to {}", date(inv.period_from), date(inv.period_to)),
    ));
    blocks.push(Block::key_values(about));
    blocks.push(Block::Spacer(8.0));
    let rows = inv
        .lines
        .iter()
        .map(|l| {
            let late = l.kind == super::LineKind::LateCancellation;
            vec![
                date(l.date),
                l.description.clone(),
                quantity(l.quantity_hundredths, l.basis, late),
                money(l.unit_price_minor),
                money(l.amount_minor),
            ]
        })
        .collect();
    let col = |title: &str, share| Column {
        title: title.into(),
        share,
        bold: false,
    };
    blocks.push(Block::Table(Table {
        columns: vec![
            col("Date", 1.6),
            col("Description", 2.6),
            col("Quantity", 0.9),
            col("Unit price", 1.3),
            col("Amount", 1.3),
        ],
        rows,
    }));
    blocks.push(Block::Spacer(6.0));
    blocks.push(Block::bold(format!("Total: {}", money(inv.total_minor))));
    blocks.push(Block::field(
        "Payment status",
        match (inv.status, inv.paid_on) {
            (InvoiceStatus::Void, _) => "Void".to_string(),
            (_, Some(d)) => format!("Paid on {}", date(d)),
            (_, None) => "Unpaid".to_string(),
        },
    ));

    Document {
        title: format!("Invoice {number}"),
        subtitle: inv
            .issued_on
            .map(|d| vec![format!("Issued {}", date(d))])
            .unwrap_or_default(),
        header: (inv.status == InvoiceStatus::Void).then(|| "VOID".to_string()),
        footer: vec![format!(
            "Invoice {number} · Printed {}",
            date(printed.date_naive())
        )],
        blocks,
        metadata_title: "Invoice".into(),
        created: Some(printed),
    }
}

impl Invoices<'_> {
    /// The PDF of an issued invoice (bytes; nothing is written to disk).
    /// Errors: [`Error::InvalidInput`] when the owner's name is not set in
    /// the settings profile (an invoice must say who it is from).
    pub fn pdf(&mut self, id: &str, now: DateTime<Utc>) -> Result<Vec<u8>> {
        let inv = self.get(id)?;
        let settings = VaultSettings::of(self.vault);
        let mut settings = settings;
        let profile = settings.owner_profile()?;
        if profile.name.trim().is_empty() {
            return Err(Error::InvalidInput(
                "Add your name in Settings (your profile) so the invoice says who it is from."
                    .into(),
            ));
        }
        let order = settings.preferences()?.date_order;
        pdf::render(&invoice_document(&inv, &profile, now, order))
    }

    /// Writes an invoice's PDF to `path`, a file the user chose (an
    /// absolute path). The file appears complete or not at all.
    pub fn save_pdf(&mut self, id: &str, path: &Path, now: DateTime<Utc>) -> Result<()> {
        if !path.is_absolute() || path.file_name().is_none() {
            return Err(Error::InvalidInput(
                "Choose a file to save the invoice to.".into(),
            ));
        }
        let bytes = self.pdf(id, now)?;
        crate::files::write_private_atomic(path, &bytes)?;
        crate::audit::record(
            self.vault,
            crate::audit::AuditEvent::ExportWritten,
            "invoice PDF",
            now,
        )
    }

    /// The file name to suggest for an invoice's PDF ("invoice-0007.pdf").
    pub fn pdf_file_name(&mut self, id: &str) -> Result<String> {
        let inv = self.get(id)?;
        Ok(super::pdf_file_name(inv.number.unwrap_or(0)))
    }
}
