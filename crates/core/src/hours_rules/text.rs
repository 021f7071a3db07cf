//! Words and numbers in reasons: hours, dates and rule names.

use chrono::NaiveDate;

use super::types::{Period, PracticeKind, Rule};
use crate::hours::SupervisionForm;

/// `1234` → "1,234".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Minutes as hours: whole hours with thousands separators ("1,000"),
/// otherwise up to two decimals ("1.5", "0.75").
pub fn hours(minutes: u32) -> String {
    let m = u64::from(minutes);
    if m % 60 == 0 {
        return thousands(m / 60);
    }
    // Hundredths of an hour, rounded half up.
    let hundredths = (m * 100 + 30) / 60;
    let whole = thousands(hundredths / 100);
    let frac = hundredths % 100;
    if frac == 0 {
        whole
    } else if frac % 10 == 0 {
        format!("{whole}.{}", frac / 10)
    } else {
        format!("{whole}.{frac:02}")
    }
}

/// "12 direct hours", "1 supervision hour".
pub fn hours_of(minutes: u32, what: &str) -> String {
    let unit = if minutes == 60 { "hour" } else { "hours" };
    if what.is_empty() {
        format!("{} {unit}", hours(minutes))
    } else {
        format!("{} {what} {unit}", hours(minutes))
    }
}

/// "3 March 2025".
pub fn day(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// "March 2025".
pub fn month(d: NaiveDate) -> String {
    d.format("%B %Y").to_string()
}

/// "12 direct hours and 3 non-clinical hours" (either part left out when zero).
pub fn practice_phrase(clinical: u32, non_clinical: u32) -> String {
    match (clinical, non_clinical) {
        (c, 0) => hours_of(c, "direct"),
        (0, n) => hours_of(n, "non-clinical"),
        (c, n) => format!(
            "{} and {}",
            hours_of(c, "direct"),
            hours_of(n, "non-clinical")
        ),
    }
}

/// "group", "individual or triadic"; "" for every form.
pub fn forms(list: &[SupervisionForm]) -> String {
    let words: Vec<String> = list.iter().map(|f| f.label().to_lowercase()).collect();
    match words.len() {
        0 => String::new(),
        1 => words[0].clone(),
        n => format!("{} or {}", words[..n - 1].join(", "), words[n - 1]),
    }
}

/// "group supervision", "supervision".
pub fn forms_supervision(list: &[SupervisionForm]) -> String {
    let f = forms(list);
    if f.is_empty() {
        "supervision".into()
    } else {
        format!("{f} supervision")
    }
}

/// "6-year", "18-month".
pub fn window(months: u32) -> String {
    if months % 12 == 0 {
        format!("{}-year", months / 12)
    } else {
        format!("{months}-month")
    }
}

/// The adjective of a period ("weekly", "monthly", "overall").
pub fn periodic(p: Period) -> &'static str {
    match p {
        Period::Week => "weekly",
        Period::Month => "monthly",
        Period::Whole => "overall",
    }
}

/// The short name of a rule kind used in reasons ("weekly unit", "monthly limit").
pub fn rule_name(rule: &Rule) -> String {
    match rule {
        Rule::PracticeTotal { of, .. } => format!("{} limit", practice_word(*of)),
        Rule::SupervisionTotal { forms: f, .. } => format!("{} limit", forms_supervision(f)),
        Rule::PeriodLength { .. } => "period".into(),
        Rule::SupervisionPerPeriod { period, .. } => format!("{} limit", periodic(*period)),
        Rule::ShareCap {
            forms: f,
            max_percent,
            ..
        } => {
            let kind = if max_percent.is_some() {
                "share"
            } else {
                "limit"
            };
            let f = forms(f);
            if f.is_empty() {
                kind.into()
            } else {
                format!("{f} {kind}")
            }
        }
        Rule::SupervisorCredential { .. } => "supervisor credential".into(),
        Rule::GroupSize { .. } => "group size".into(),
        Rule::MinSessionMinutes { .. } => "minimum session".into(),
        Rule::WeeklyUnit { .. } => "weekly unit".into(),
        Rule::SupervisedWeeks { .. } => "supervised weeks".into(),
        Rule::ContinuousWindow { max_months } => format!("{} window", window(*max_months)),
    }
}

/// "practice", "direct", "psychotherapy", "non-clinical".
pub fn practice_word(of: PracticeKind) -> &'static str {
    of.words()
}

/// "(CA weekly unit)", or "(weekly unit)" without a tag.
pub fn tagged(tag: &str, name: &str) -> String {
    if tag.is_empty() {
        format!("({name})")
    } else {
        format!("({tag} {name})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_plain() {
        assert_eq!(hours(720), "12");
        assert_eq!(hours(60_000), "1,000");
        assert_eq!(hours(90), "1.5");
        assert_eq!(hours(45), "0.75");
        assert_eq!(hours(50), "0.83");
        assert_eq!(hours_of(60, "direct"), "1 direct hour");
        assert_eq!(practice_phrase(720, 0), "12 direct hours");
        assert_eq!(
            day(NaiveDate::from_ymd_opt(2025, 3, 3).expect("date")),
            "3 March 2025"
        );
    }
}
