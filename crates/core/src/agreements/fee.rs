//! The agreed fee in structured form: an amount in the currency's minor
//! units (cents, pence; never a float), an ISO 4217 currency code, per
//! session or per hour, and the late-cancellation charge as a percentage of
//! the fee for the session that was cancelled late. The notice that makes a
//! cancellation late is the agreement's `cancellation_notice_hours`.
//!
//! Invoices ([`crate::invoices`]) are built from it. The free-text fees
//! section of the agreement stays as it was, for everything else about fees.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Largest fee, in minor units (ten thousand million: 100 000 000.00 in a
/// currency with cents). Keeps every invoice total exact in JavaScript.
pub const MAX_FEE_MINOR: u64 = 10_000_000_000;
/// The late-cancellation charge, in percent of the session's fee.
pub const LATE_CANCELLATION_PERCENT: std::ops::RangeInclusive<u32> = 0..=100;

/// How the fee is counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FeeBasis {
    /// One fee per session, whatever its length.
    #[default]
    PerSession,
    /// The fee is per hour; a session is charged for its length in minutes.
    PerHour,
}

/// The fee an agreement sets. Agreements stored before it existed read as
/// "no fee set" (every field at its default).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Fee {
    /// The fee in the currency's minor units (e.g. 8500 for 85.00); `None`
    /// when no fee is set (nothing can be invoiced then).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub amount_minor: Option<u64>,
    /// ISO 4217 code, three capital letters (e.g. "GBP"). Required when an
    /// amount is set.
    pub currency: String,
    /// Per session or per hour.
    pub basis: FeeBasis,
    /// Charged for a session the supervisee cancels with less notice than
    /// the agreement's cancellation notice: this percentage (0–100) of the
    /// fee that session would have cost.
    pub late_cancellation_percent: u32,
}

/// Currencies whose minor unit is not a hundredth (ISO 4217 exponents).
const NO_DECIMALS: &[&str] = &[
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
    "VUV", "XAF", "XOF", "XPF",
];
const THREE_DECIMALS: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

/// Decimal places of a currency's minor unit (2 unless ISO 4217 says 0 or 3).
pub fn currency_decimals(currency: &str) -> u32 {
    if NO_DECIMALS.contains(&currency) {
        0
    } else if THREE_DECIMALS.contains(&currency) {
        3
    } else {
        2
    }
}

/// "GBP 1,234.50": an amount in minor units, with the code in front.
pub fn format_money(minor: u64, currency: &str) -> String {
    let decimals = currency_decimals(currency);
    let unit = 10u64.pow(decimals);
    let whole = minor / unit;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if decimals == 0 {
        format!("{currency} {grouped}")
    } else {
        format!(
            "{currency} {grouped}.{:0width$}",
            minor % unit,
            width = decimals as usize
        )
    }
}

impl Fee {
    /// Checks and normalises the fee (currency trimmed and in capitals).
    ///
    /// Errors: an amount without a currency, a currency that is not three
    /// letters, an amount over [`MAX_FEE_MINOR`], a late-cancellation
    /// charge over 100%.
    pub fn normalised(&self) -> Result<Fee> {
        let currency = self.currency.trim().to_ascii_uppercase();
        if !currency.is_empty()
            && (currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()))
        {
            return Err(Error::InvalidInput(
                "The currency must be a three-letter ISO 4217 code, such as GBP, EUR or USD."
                    .into(),
            ));
        }
        if let Some(amount) = self.amount_minor {
            if currency.is_empty() {
                return Err(Error::InvalidInput(
                    "The fee has no currency. Enter its three-letter code, such as GBP, EUR or USD."
                        .into(),
                ));
            }
            if amount > MAX_FEE_MINOR {
                return Err(Error::InvalidInput(format!(
                    "The fee is too large: at most {}.",
                    format_money(MAX_FEE_MINOR, &currency)
                )));
            }
        }
        if !LATE_CANCELLATION_PERCENT.contains(&self.late_cancellation_percent) {
            return Err(Error::InvalidInput(
                "The late-cancellation charge must be between 0% and 100% of the session fee."
                    .into(),
            ));
        }
        Ok(Fee {
            amount_minor: self.amount_minor,
            currency,
            basis: self.basis,
            late_cancellation_percent: self.late_cancellation_percent,
        })
    }

    /// One line for the agreement's PDF ("GBP 85.00 per session; late
    /// cancellation: 100% of the session fee"), or `None` when no fee is set.
    pub fn describe(&self) -> Option<String> {
        let amount = self.amount_minor?;
        let per = match self.basis {
            FeeBasis::PerSession => "per session",
            FeeBasis::PerHour => "per hour",
        };
        Some(format!(
            "{} {per}; late cancellation: {}% of the session fee",
            format_money(amount, &self.currency),
            self.late_cancellation_percent
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_formatted_in_the_currency_s_minor_units() {
        assert_eq!(format_money(123_450, "GBP"), "GBP 1,234.50");
        assert_eq!(format_money(5, "EUR"), "EUR 0.05");
        assert_eq!(format_money(12_000, "JPY"), "JPY 12,000");
        assert_eq!(format_money(1_500, "KWD"), "KWD 1.500");
        assert_eq!(format_money(100_000_000, "USD"), "USD 1,000,000.00");
    }

    #[test]
    fn a_fee_without_a_currency_is_refused() {
        let fee = Fee {
            amount_minor: Some(8500),
            ..Fee::default()
        };
        let Err(Error::InvalidInput(m)) = fee.normalised() else {
            panic!("expected an error")
        };
        assert!(m.contains("no currency"), "{m}");
        let ok = Fee {
            currency: " gbp ".into(),
            ..fee
        };
        assert_eq!(ok.normalised().expect("valid").currency, "GBP");
        let bad = Fee {
            currency: "POUNDS".into(),
            ..ok.clone()
        };
        assert!(bad.normalised().is_err());
        let over = Fee {
            late_cancellation_percent: 101,
            ..ok
        };
        assert!(over.normalised().is_err());
    }

    #[test]
    fn agreements_stored_before_the_fee_existed_read_as_no_fee() {
        use crate::agreements::{
            default_content, AgreementContent, SupervisionFormat, TemplateContext,
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
        let c = default_content(
            vec![],
            &TemplateContext {
                format: SupervisionFormat::Individual,
                organisation: "",
                licensure_plan: "",
                today,
            },
        );
        let mut v = serde_json::to_value(&c).expect("json");
        assert!(v.as_object_mut().expect("object").remove("fee").is_some());
        let back: AgreementContent = serde_json::from_value(v).expect("an older agreement");
        assert_eq!(back.fee, Fee::default());
        assert_eq!(back, c);
    }
}
