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

/// "Maria Lopez, LCSW (licence 12345)", leaving out what is unknown.
fn who(name: &str, credential: &str, licence: &str) -> String {
    let mut out = or_dash(name);
    if !credential.trim().is_empty() {
        out.push_str(", ");
        out.push_str(credential.trim());
    }
    if !licence.trim().is_empty() {
        out.push_str(&format!(" (licence {})", licence.trim()));
    }
    out
}

fn month_name(year: i32, month: u32) -> String {
    NaiveDate::from_ymd_opt(year, month, 1)
        .map(|d| d.format("%B %Y").to_string())
        .unwrap_or_default()
}

fn entries_table(input: &HoursExportInput, date: &dyn Fn(NaiveDate) -> String) -> Block {
    let rows = input
        .supervision()
        .map(|item| {
            let source = match item.source {
                ItemSource::Session { .. } => "Session",
                ItemSource::Manual { .. } => "Entered by hand",
            };
            vec![
                date(item.date),
                item.minutes.to_string(),
                decimal_hours(u64::from(item.minutes)),
                item.form.label().to_string(),
                item.group_size.map(|n| n.to_string()).unwrap_or_default(),
                source.to_string(),
                who(
                    input.supervisor_name(item),
                    &item.supervisor.credential,
                    &item.supervisor.licence_number,
                ),
                item.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Block::Table(Table {
        columns: vec![
            column("Date", 2.2),
            column("Minutes", 1.1),
            column("Hours", 1.0),
            column("Form", 1.7),
            column("Group", 0.9),
            column("Source", 1.5),
            column("Supervisor", 2.8),
            column("Note", 2.0),
        ],
        rows,
    })
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
            column("Week of", 2.0),
            column("Clinical hours", 1.4),
            column("Of which psychotherapy", 1.6),
            column("Non-clinical hours", 1.5),
            column("Setting", 2.5),
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

fn sign_off_blocks(input: &HoursExportInput, date: &dyn Fn(NaiveDate) -> String) -> Vec<Block> {
    let mut blocks = vec![Block::heading(1, "Sign-off")];
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
    blocks.push(Block::paragraph(
        "We confirm that this log is a true record of the supervision in this period.",
    ));
    let party = |s: &Signatory| {
        (
            or_dash(&s.name),
            or_dash(&s.credential),
            or_dash(&s.licence_number),
        )
    };
    let (sn, sc, sl) = party(&input.supervisor);
    let (pn, pc, pl) = party(&input.person);
    let bold = Column {
        title: String::new(),
        share: 1.2,
        bold: true,
    };
    blocks.push(Block::Table(Table {
        columns: vec![bold, column("Supervisor", 2.0), column("Supervisee", 2.0)],
        rows: vec![
            vec!["Name".into(), sn, pn],
            vec!["Credential".into(), sc, pc],
            vec!["Licence number".into(), sl, pl],
            vec!["Signature".into(), LINE.into(), LINE.into()],
            vec!["Date".into(), LINE.into(), LINE.into()],
        ],
    }));
    blocks
}

/// The hours log of `input`'s period: the title; under it the supervisee
/// and the period; who and when (supervisee, supervisor, period, printed
/// on, the date hours count from, the rule profile); the supervision
/// entries (date, minutes, hours, form, group size, source, supervisor of
/// record, note); the practice weeks when there are any; totals by form
/// and by month; the profile's summary when given; and the sign-off block
/// (both names, credentials, licence numbers, lines to sign and date; when
/// signed off, who and when and the content hash, which is also in every
/// page's footer). Dates follow `order`; `printed` is the printing time.
/// The metadata title names no one.
pub fn document(input: &HoursExportInput, printed: DateTime<Utc>, order: DateOrder) -> Document {
    let date = |d: NaiveDate| pdf::long_date(d, order);
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
        blocks.push(entries_table(input, &date));
    }
    if totals.weeks > 0 {
        blocks.push(Block::heading(1, "Practice hours"));
        blocks.push(practice_table(input, &date));
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
