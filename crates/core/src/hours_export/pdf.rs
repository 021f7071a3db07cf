//! The PDF hours log of a period, as a [`crate::pdf::Document`].

use chrono::{DateTime, NaiveDate, Utc};

use super::totals::Totals;
use super::{decimal_hours, HoursExportInput, Signatory};
use crate::hours::ItemSource;
use crate::pdf::{self, Block, Column, Document, Table};
use crate::settings::DateOrder;

/// The title at the top of the log (and the PDF's metadata title, which
/// names no one).
pub const TITLE: &str = "Supervision hours log";

/// A blank to sign or date on.
const LINE: &str = "______________________________";

fn column(title: &str, share: f32) -> Column {
    Column {
        title: title.into(),
        share,
        bold: false,
    }
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.trim().to_string()
    }
}

/// "LCSW, licence 12345", leaving out what is unknown (empty when both are).
fn credential_and_licence(credential: &str, licence: &str) -> String {
    let licence = (!licence.trim().is_empty()).then(|| format!("licence {}", licence.trim()));
    [
        Some(credential.trim().to_string()).filter(|c| !c.is_empty()),
        licence,
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}

/// "Maria Lopez, LCSW, licence 12345", leaving out what is unknown.
fn who(name: &str, credential: &str, licence: &str) -> String {
    let detail = credential_and_licence(credential, licence);
    if detail.is_empty() {
        or_dash(name)
    } else {
        format!("{}, {detail}", or_dash(name))
    }
}

fn month_name(year: i32, month: u32) -> String {
    NaiveDate::from_ymd_opt(year, month, 1)
        .map(|d| d.format("%B %Y").to_string())
        .unwrap_or_default()
}

/// A date as the tables print it: "4 Jan 2021", "Jan 4, 2021" or
/// "2021-01-04" by the user's date order.
fn short_date(d: NaiveDate, order: DateOrder) -> String {
    match order {
        DateOrder::Dmy | DateOrder::Locale => d.format("%-d %b %Y").to_string(),
        DateOrder::Mdy => d.format("%b %-d, %Y").to_string(),
        DateOrder::Ymd => d.format("%Y-%m-%d").to_string(),
    }
}

fn entries_table(input: &HoursExportInput, date: &dyn Fn(NaiveDate) -> String) -> Block {
    let rows = input
        .supervision()
        .map(|item| {
            let source = match item.source {
                ItemSource::Session { .. } => "Session",
                ItemSource::Manual { .. } => "By hand",
            };
            vec![
                date(item.date),
                item.minutes.to_string(),
                item.form.label().to_string(),
                item.group_size.map(|n| n.to_string()).unwrap_or_default(),
                source.to_string(),
                or_dash(input.supervisor_name(item)),
                item.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Block::Table(Table {
        columns: vec![
            column("Date", 2.4),
            column("Minutes", 1.8),
            column("Form", 1.9),
            column("Size", 1.0),
            column("Source", 1.6),
            column("Supervisor", 3.2),
            column("Note", 2.9),
        ],
        rows,
    })
}

/// Each supervisor named in the entries once, with credential and licence.
fn supervisors_of_record(input: &HoursExportInput) -> Block {
    let mut seen: Vec<(String, String)> = Vec::new();
    for item in input.supervision() {
        let name = or_dash(input.supervisor_name(item));
        let detail =
            credential_and_licence(&item.supervisor.credential, &item.supervisor.licence_number);
        let pair = (name, or_dash(&detail));
        if !seen.contains(&pair) {
            seen.push(pair);
        }
    }
    Block::key_values(seen)
}

fn practice_table(input: &HoursExportInput, date: &dyn Fn(NaiveDate) -> String) -> Block {
    let h = |m: u32| decimal_hours(u64::from(m));
    let rows = input
        .practice()
        .map(|w| {
            vec![
                date(w.week_start),
                h(w.clinical_minutes),
                h(w.psychotherapy_minutes),
                h(w.non_clinical_minutes),
                w.setting.clone(),
            ]
        })
        .collect();
    Block::Table(Table {
        columns: vec![
            column("Week of", 1.8),
            column("Clinical hours", 1.5),
            column("Psychotherapy hours", 1.9),
            column("Non-clinical hours", 1.6),
            column("Setting", 2.4),
        ],
        rows,
    })
}

fn totals_blocks(input: &HoursExportInput, t: &Totals) -> Vec<Block> {
    let mut rows: Vec<Vec<String>> = t
        .by_form
        .iter()
        .map(|(form, f)| {
            vec![
                form.label().to_string(),
                f.entries.to_string(),
                f.minutes.to_string(),
                decimal_hours(f.minutes),
            ]
        })
        .collect();
    rows.push(vec![
        "All supervision".into(),
        t.supervision.entries.to_string(),
        t.supervision.minutes.to_string(),
        decimal_hours(t.supervision.minutes),
    ]);
    let mut blocks = vec![
        Block::heading(2, "By form"),
        Block::Table(Table {
            columns: vec![
                column("Form", 2.0),
                column("Entries", 1.0),
                column("Minutes", 1.0),
                column("Hours", 1.0),
            ],
            rows,
        }),
    ];
    let has_practice = input.practice().next().is_some();
    if has_practice {
        blocks.push(Block::key_values([
            ("Practice weeks", t.weeks.to_string()),
            ("Clinical hours", decimal_hours(t.clinical)),
            ("Of which psychotherapy", decimal_hours(t.psychotherapy)),
            ("Non-clinical hours", decimal_hours(t.non_clinical)),
        ]));
    }
    let mut columns = vec![column("Month", 2.0), column("Supervision hours", 1.5)];
    if has_practice {
        columns.push(column("Clinical hours", 1.5));
        columns.push(column("Non-clinical hours", 1.5));
    }
    let rows = t
        .by_month
        .iter()
        .map(|(&(y, m), month)| {
            let mut row = vec![month_name(y, m), decimal_hours(month.supervision)];
            if has_practice {
                row.push(decimal_hours(month.clinical));
                row.push(decimal_hours(month.non_clinical));
            }
            row
        })
        .collect();
    blocks.push(Block::heading(2, "By month"));
    blocks.push(Block::Table(Table { columns, rows }));
    blocks
}

/// An empty line inside a table cell (a zero-width space: cells are
/// trimmed, and a blank line would vanish), to leave room to sign.
const BLANK: &str = "\u{200b}";

fn sign_off_blocks(input: &HoursExportInput, date: &dyn Fn(NaiveDate) -> String) -> Vec<Block> {
    // The signature lines are the header row of a table without rows,
    // right under the heading: a heading stays with what follows and a
    // header row is never split, so the heading, both parties' names,
    // licences and the lines to sign stay together on one page.
    let cell = |role: &str, s: &Signatory| {
        [
            role.to_string(),
            or_dash(&s.name),
            or_dash(&s.credential),
            or_dash(&s.licence_number),
            BLANK.into(),
            LINE.into(),
            BLANK.into(),
            LINE.into(),
        ]
        .join("\n")
    };
    let labels = [
        BLANK,
        "Name",
        "Credential",
        "Licence number",
        BLANK,
        "Signature",
        BLANK,
        "Date",
    ]
    .join("\n");
    let mut blocks = vec![
        Block::heading(1, "Sign-off"),
        Block::Table(Table {
            columns: vec![
                column(&labels, 1.2),
                column(&cell("Supervisor", &input.supervisor), 2.0),
                column(&cell("Supervisee", &input.person), 2.0),
            ],
            rows: Vec::new(),
        }),
        Block::paragraph(
            "By signing, the supervisor and the supervisee confirm that this log is a true \
             record of the supervision in this period.",
        ),
    ];
    match &input.sign_off {
        Some(s) => {
            blocks.push(Block::paragraph(format!(
                "Signed off in Confidant by {} on {}.",
                or_dash(&s.signed_by),
                date(s.signed_on)
            )));
            blocks.push(Block::field("Content hash", &s.content_hash));
        }
        None => blocks.push(Block::paragraph(
            "This period has not been signed off in Confidant.",
        )),
    }
    blocks
}

/// The hours log of `input`'s period: the title; under it the supervisee
/// and the period; who and when (supervisee, supervisor, period, printed
/// on, the date hours count from, the rule profile); the supervision
/// entries (date, minutes, form, group size, source, supervisor of
/// record, note); the practice weeks when there are any; totals by form
/// and by month; the profile's summary when given; and the sign-off block
/// (both names, credentials, licence numbers, lines to sign and date; when
/// signed off, who and when and the content hash, which is also in every
/// page's footer). Dates follow `order`; `printed` is the printing time.
/// The metadata title names no one.
pub fn document(input: &HoursExportInput, printed: DateTime<Utc>, order: DateOrder) -> Document {
    let date = |d: NaiveDate| pdf::long_date(d, order);
    let short = |d: NaiveDate| short_date(d, order);
    let period = format!("{} to {}", date(input.from), date(input.to));
    let mut about = vec![
        (
            "Supervisee",
            who(
                &input.person.name,
                &input.person.credential,
                &input.person.licence_number,
            ),
        ),
        (
            "Supervisor",
            who(
                &input.supervisor.name,
                &input.supervisor.credential,
                &input.supervisor.licence_number,
            ),
        ),
        ("Period", period.clone()),
    ];
    if let Some(from) = input.ledger.counts_from {
        about.push(("Hours count from", date(from)));
    }
    if let Some(p) = &input.profile_name {
        about.push(("Rule profile", p.clone()));
    }
    about.push(("Printed on", date(printed.date_naive())));

    let totals = Totals::of(input);
    let mut blocks = vec![Block::key_values(about), Block::heading(1, "Supervision")];
    if totals.supervision.entries == 0 {
        blocks.push(Block::paragraph(
            "No supervision is recorded in this period.",
        ));
    } else {
        blocks.push(entries_table(input, &short));
        blocks.push(Block::heading(2, "Supervisors of record"));
        blocks.push(supervisors_of_record(input));
    }
    if totals.weeks > 0 {
        blocks.push(Block::heading(1, "Practice hours"));
        blocks.push(practice_table(input, &short));
    }
    blocks.push(Block::heading(1, "Totals"));
    blocks.extend(totals_blocks(input, &totals));
    if !input.summary.is_empty() {
        let heading = match &input.profile_name {
            Some(p) => format!("Summary against {p}"),
            None => "Summary".into(),
        };
        blocks.push(Block::heading(1, heading));
        blocks.push(Block::key_values(input.summary.clone()));
    }
    blocks.extend(sign_off_blocks(input, &date));

    let mut footer = vec![format!("Hours log · {period}")];
    if let Some(s) = &input.sign_off {
        footer.push(format!("Content hash: {}", s.content_hash));
    }
    Document {
        title: TITLE.into(),
        subtitle: vec![input.person.name.clone(), period],
        header: None,
        footer,
        blocks,
        metadata_title: TITLE.into(),
        created: Some(printed),
    }
}
