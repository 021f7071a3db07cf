//! The CSV export (columns and rules in the module documentation of
//! [`crate::hours_export`]).

use std::borrow::Cow;

use super::{decimal_hours, HoursExportInput};
use crate::hours::{ItemSource, SupervisionForm};

/// The header record, in order.
pub const CSV_COLUMNS: [&str; 16] = [
    "kind",
    "date",
    "minutes",
    "hours",
    "form",
    "group_size",
    "source",
    "supervisor_name",
    "supervisor_licence_number",
    "supervisor_credential",
    "clinical_minutes",
    "psychotherapy_minutes",
    "non_clinical_minutes",
    "setting",
    "note",
    "id",
];

/// The UTF-8 byte-order mark the file starts with.
const BOM: &str = "\u{feff}";

/// The characters that make a spreadsheet app read a cell as a formula
/// when they come first.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell made safe against formula injection: when its first character
/// is `=`, `+`, `-`, `@`, a tab or a carriage return, a single quote is put
/// in front; otherwise it is returned unchanged.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if FORMULA_STARTS.contains(&c) => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// Appends one field: neutralised, then quoted when it holds a comma, a
/// double quote, a CR or an LF (inner quotes doubled).
fn push_field(out: &mut String, cell: &str) {
    let cell = neutralise(cell);
    if cell.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&cell);
    }
}

fn push_record<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, cell.as_ref());
    }
    out.push_str("\r\n");
}

fn form_code(form: SupervisionForm) -> &'static str {
    match form {
        SupervisionForm::Individual => "individual",
        SupervisionForm::Triadic => "triadic",
        SupervisionForm::Group => "group",
        SupervisionForm::DirectObservation => "direct_observation",
    }
}

/// The CSV file of `input`'s period (UTF-8 with BOM, CRLF, RFC 4180
/// quoting, every cell neutralised): the header, then one record per
/// supervision item and one per practice week.
pub fn csv(input: &HoursExportInput) -> Vec<u8> {
    let mut out = String::with_capacity(
        BOM.len() + 128 * (1 + input.ledger.supervision.len() + input.ledger.practice.len()),
    );
    out.push_str(BOM);
    push_record(&mut out, &CSV_COLUMNS);
    for item in input.supervision() {
        let source = match item.source {
            ItemSource::Session { .. } => "session",
            ItemSource::Manual { .. } => "manual",
        };
        let minutes = u64::from(item.minutes);
        push_record(
            &mut out,
            &[
                "supervision",
                &item.date.format("%Y-%m-%d").to_string(),
                &minutes.to_string(),
                &decimal_hours(minutes),
                form_code(item.form),
                &item.group_size.map(|n| n.to_string()).unwrap_or_default(),
                source,
                input.supervisor_name(item),
                &item.supervisor.licence_number,
                &item.supervisor.credential,
                "",
                "",
                "",
                "",
                item.note.as_deref().unwrap_or(""),
                &item.id,
            ],
        );
    }
    for week in input.practice() {
        push_record(
            &mut out,
            &[
                "practice_week",
                &week.week_start.format("%Y-%m-%d").to_string(),
                "",
                "",
                "",
                "",
                "manual",
                "",
                "",
                "",
                &week.clinical_minutes.to_string(),
                &week.psychotherapy_minutes.to_string(),
                &week.non_clinical_minutes.to_string(),
                &week.setting,
                "",
                &week.id,
            ],
        );
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_formula_start_gets_a_single_quote() {
        for (cell, want) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("\rcmd", "'\rcmd"),
            ("=", "'="),
        ] {
            assert_eq!(neutralise(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn other_cells_are_unchanged() {
        for cell in [
            "",
            "Maria Lopez",
            " =1+1",
            "a=b",
            "1.50",
            "60",
            "2026-03-02",
            "'quoted",
            "\ncmd",
            "Ł-ukasz",
        ] {
            assert!(
                matches!(neutralise(cell), Cow::Borrowed(c) if c == cell),
                "{cell:?}"
            );
        }
    }

    #[test]
    fn fields_are_quoted_after_neutralising() {
        let mut out = String::new();
        push_record(
            &mut out,
            &["plain", "a,b", "say \"hi\"", "two\nlines", "=1,2", "\rx"],
        );
        assert_eq!(
            out,
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"'=1,2\",\"'\rx\"\r\n"
        );
    }
}
