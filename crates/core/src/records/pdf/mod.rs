//! Printing a **final** session record to PDF, as a
//! [`crate::pdf::Document`] that reads as the record does in the app: the
//! title and the session (date and time, kind, who it was with, the
//! supervisor), then the sections that hold something — for groups the
//! attendance first, as in the app; what was brought, exploration,
//! decisions, key learning, functions covered, case consultations, ethical
//! decisions, the wellbeing check, feedback, action items (a table), for
//! groups the shared notes and only the viewing member's own note — then
//! the finalisation with the content hash, the acknowledgement (recorded by
//! hand by the supervisor) and the dated addenda, oldest first, after the
//! original. Every page's footer carries the content hash and "Page n of
//! m". Empty sections are left out.
//!
//! Dates follow the user's date order; times their clock preference, in
//! the session's time zone. Reading the record and the names it needs, and
//! saving the file, are in [`save`].

mod save;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use super::{
    ActionItemInput, ActionOwner, ActionStatus, Attendance, FocusType, RaisedBy, SessionRecord,
};
use crate::pdf::{self, Block, Column, Document, Table};
use crate::schedule::SessionKind;
use crate::settings::{ClockFormat, DateOrder};

/// What a printed record needs besides the record itself: the names its
/// ids stand for and the session's time. The member whose view is printed
/// is the record's own [`SessionRecord::viewer`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintContext {
    /// The supervisee's or the group's name.
    pub person_name: String,
    /// Names of the group members and anyone else the record names, by
    /// person id.
    pub names: Vec<(String, String)>,
    /// The session's local start and end, when the session is still on
    /// the calendar.
    pub session_time: Option<(NaiveDateTime, NaiveDateTime)>,
    /// The session's IANA time zone (other times are printed in it);
    /// `None` prints them in UTC.
    pub time_zone: Option<String>,
    /// The user's clock preference.
    pub clock: ClockFormat,
}

/// Printed where a name cannot be read.
const UNKNOWN_NAME: &str = "Someone no longer in your list";

fn kind_label(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::Individual => "Individual supervision",
        SessionKind::Group => "Group supervision",
        SessionKind::Peer => "Peer supervision",
        SessionKind::Coaching => "Coaching",
    }
}

fn focus_label(f: FocusType) -> &'static str {
    match f {
        FocusType::ClientIssue => "Client or service-user issue",
        FocusType::EthicalConcern => "Ethical concern",
        FocusType::Wellbeing => "Stress or wellbeing",
        FocusType::CollegialRelationship => "Collegial relationship",
        FocusType::Workload => "Workload",
        FocusType::Organisational => "Organisational matter",
        FocusType::Learning => "Learning or training",
    }
}

fn status_label(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Open => "Open",
        ActionStatus::Done => "Done",
        ActionStatus::Dropped => "Dropped",
    }
}

fn attendance_label(a: Attendance) -> &'static str {
    match a {
        Attendance::Present => "present",
        Attendance::Apologies => "sent apologies",
        Attendance::Absent => "absent",
    }
}

fn has(text: &str) -> bool {
    !text.trim().is_empty()
}

/// Formats names, dates and times for one printed record.
struct Fmt<'a> {
    ctx: &'a PrintContext,
    order: DateOrder,
    tz: Option<Tz>,
}

impl Fmt<'_> {
    fn name(&self, id: &str) -> &str {
        self.ctx
            .names
            .iter()
            .find(|(i, _)| i == id)
            .map_or(UNKNOWN_NAME, |(_, n)| n.as_str())
    }

    fn date(&self, d: NaiveDate) -> String {
        pdf::long_date(d, self.order)
    }

    fn time(&self, t: NaiveDateTime) -> String {
        match self.ctx.clock {
            ClockFormat::H12 => t.format("%-I:%M %P").to_string(),
            ClockFormat::H24 | ClockFormat::Locale => t.format("%H:%M").to_string(),
        }
    }

    /// An instant as "3 March 2026 at 14:30" in the session's time zone.
    fn when(&self, at: DateTime<Utc>) -> String {
        match self.tz {
            Some(tz) => {
                let local = at.with_timezone(&tz).naive_local();
                format!("{} at {}", self.date(local.date()), self.time(local))
            }
            None => {
                let t = at.naive_utc();
                format!("{} at {} UTC", self.date(t.date()), self.time(t))
            }
        }
    }

    fn raised_by(&self, who: &RaisedBy) -> String {
        match who {
            RaisedBy::Supervisor => "the supervisor".into(),
            RaisedBy::Supervisee => "the supervisee".into(),
            RaisedBy::Member(id) => self.name(id).to_string(),
        }
    }

    fn owner(&self, who: Option<&ActionOwner>) -> String {
        match who {
            None => "No one yet".into(),
            Some(ActionOwner::Supervisor) => "The supervisor".into(),
            Some(ActionOwner::Supervisee) => "The supervisee".into(),
            Some(ActionOwner::Member(id)) => self.name(id).to_string(),
        }
    }
}

/// The body under construction: a heading is only added with its content.
struct Body<'a> {
    blocks: Vec<Block>,
    f: Fmt<'a>,
}

impl Body<'_> {
    fn section(&mut self, title: &str, blocks: Vec<Block>) {
        if !blocks.is_empty() {
            self.blocks.push(Block::heading(1, title));
            self.blocks.extend(blocks);
        }
    }
}

/// Fields whose value is not empty.
fn fields(pairs: &[(&str, &str)]) -> Vec<Block> {
    pairs
        .iter()
        .filter(|(_, v)| has(v))
        .map(|(l, v)| Block::field(*l, v.trim()))
        .collect()
}

fn prose(text: &str) -> Vec<Block> {
    if has(text) {
        vec![Block::paragraph(text.trim())]
    } else {
        Vec::new()
    }
}

fn stages(b: &mut Body<'_>, r: &SessionRecord) {
    let c = &r.content;
    let attendance: Vec<String> = c
        .attendance
        .iter()
        .map(|a| {
            format!(
                "{}: {}",
                b.f.name(&a.member_id),
                attendance_label(a.attendance)
            )
        })
        .collect();
    let list = if attendance.is_empty() {
        Vec::new()
    } else {
        vec![Block::Bullets(attendance)]
    };
    b.section("Attendance", list);
    let items: Vec<String> = c
        .agenda_items
        .iter()
        .filter(|i| has(&i.text))
        .map(|i| {
            let carried = if i.carry_over {
                "; not reached, carried to the next agenda"
            } else {
                ""
            };
            format!(
                "{}\n{}, raised by {}{carried}",
                i.text.trim(),
                focus_label(i.focus),
                b.f.raised_by(&i.raised_by)
            )
        })
        .collect();
    let list = if items.is_empty() {
        Vec::new()
    } else {
        vec![Block::Bullets(items)]
    };
    b.section("What was brought", list);
    b.section("Exploration", prose(&c.exploration));
    let decisions: Vec<&str> = c
        .decisions
        .iter()
        .map(|d| d.trim())
        .filter(|d| has(d))
        .collect();
    let list = if decisions.is_empty() {
        Vec::new()
    } else {
        vec![Block::bullets(decisions)]
    };
    b.section("Decisions and how practice will change", list);
    b.section("Key learning", prose(&c.key_learning));
    let f = &c.functions;
    let functions: Vec<Block> = [
        ("Normative (managerial)", &f.normative),
        ("Formative (educative)", &f.formative),
        ("Restorative (supportive)", &f.restorative),
    ]
    .into_iter()
    .filter(|(_, x)| x.ticked)
    .map(|(label, x)| {
        if has(&x.note) {
            Block::field(label, x.note.trim())
        } else {
            Block::bold(label)
        }
    })
    .collect();
    b.section("Functions covered", functions);
}

fn consultations(b: &mut Body<'_>, r: &SessionRecord) {
    let mut blocks = Vec::new();
    for c in &r.content.consultations {
        let whose = c
            .supervisee_id
            .as_deref()
            .map(|id| format!(" ({})", b.f.name(id)))
            .unwrap_or_default();
        blocks.push(Block::heading(
            2,
            format!("Case {}{whose}", c.case_reference.trim()),
        ));
        let link = c.link.as_ref().map(|l| l.label.clone()).unwrap_or_default();
        blocks.extend(fields(&[
            ("Presenting issue", &c.presenting_issue),
            ("Approaches tried", &c.approaches_tried),
            ("Guidance given", &c.guidance),
            ("Linked to", &link),
        ]));
    }
    b.section("Case consultations", blocks);

    let mut blocks = Vec::new();
    for (i, e) in r.content.ethical_decisions.iter().enumerate() {
        blocks.push(Block::heading(2, format!("Ethical decision {}", i + 1)));
        let raised = match e.raised_on {
            Some(d) => format!("{}, on {}", b.f.raised_by(&e.raised_by), b.f.date(d)),
            None => b.f.raised_by(&e.raised_by),
        };
        blocks.extend(fields(&[("Issue", &e.issue), ("Raised by", &raised)]));
        let options: Vec<&str> = e
            .options
            .iter()
            .map(|o| o.trim())
            .filter(|o| has(o))
            .collect();
        if !options.is_empty() {
            blocks.push(Block::bold("Options considered:"));
            blocks.push(Block::bullets(options));
        }
        blocks.extend(fields(&[
            ("Decision", &e.decision),
            ("Rationale", &e.rationale),
            ("Consulted or notified", &e.consulted),
        ]));
    }
    b.section("Ethical decisions", blocks);
}

/// An action item's status as it stands now (it may have changed since
/// the record was finalised).
fn status_now(b: &Body<'_>, r: &SessionRecord, item: &ActionItemInput) -> String {
    let Some(now) = r.action_items.iter().find(|a| a.id == item.id) else {
        return status_label(item.status).into();
    };
    match now.history.last() {
        Some(change) => format!(
            "{} (since {})",
            status_label(now.status),
            b.f.date(change.at.date_naive())
        ),
        None => status_label(now.status).into(),
    }
}

fn later_parts(b: &mut Body<'_>, r: &SessionRecord) {
    let c = &r.content;
    b.section(
        "Wellbeing check",
        fields(&[
            ("Reported", &c.wellbeing.reported),
            ("Agreed", &c.wellbeing.agreed),
        ]),
    );
    b.section(
        "Feedback",
        fields(&[
            ("Strengths", &c.feedback.strengths),
            ("Areas for development", &c.feedback.development),
            ("On the supervision", &c.feedback.on_supervision),
        ]),
    );
    let rows: Vec<Vec<String>> = c
        .action_items
        .iter()
        .filter(|a| has(&a.text))
        .map(|a| {
            vec![
                a.text.trim().to_string(),
                b.f.owner(a.owner.as_ref()),
                a.due.map(|d| b.f.date(d)).unwrap_or_default(),
                status_now(b, r, a),
            ]
        })
        .collect();
    if !rows.is_empty() {
        let col = |title: &str, share: f32| Column {
            title: title.into(),
            share,
            bold: false,
        };
        let table = Table {
            columns: vec![
                col("Item", 3.0),
                col("Owner", 1.4),
                col("Due", 1.3),
                col("Status", 1.3),
            ],
            rows,
        };
        b.section("Action items", vec![Block::Table(table)]);
    }
    b.section("Shared notes", prose(&c.shared_notes));
    // Only the viewing member's own note; the group's own view has none.
    if let Some(viewer) = r.viewer.as_deref() {
        for note in c.member_notes.iter().filter(|n| n.member_id == viewer) {
            let title = format!("{}'s own note", b.f.name(viewer));
            b.section(&title, prose(&note.text));
        }
    }
}

fn signature(b: &mut Body<'_>, r: &SessionRecord) {
    let Some(f) = &r.finalisation else { return };
    let mut blocks = vec![
        Block::paragraph(format!(
            "Finalised by {} on {}.",
            f.signed_name,
            b.f.when(f.finalised_at)
        )),
        Block::field("Content hash (SHA-256)", f.content_hash.as_str()),
    ];
    blocks.push(Block::paragraph(match &r.acknowledgement {
        Some(a) => format!(
            "Acknowledged by {} on {}, recorded by hand by the supervisor: not signed by the supervisee in the app (entered {}).",
            a.name,
            b.f.date(a.date),
            b.f.when(a.recorded_at)
        ),
        None => "The supervisee's acknowledgement is not recorded.".into(),
    }));
    b.section("Finalisation", blocks);

    let mut addenda: Vec<_> = r
        .addenda
        .iter()
        .filter(|a| a.member_id.is_none() || a.member_id == r.viewer)
        .collect();
    addenda.sort_by_key(|a| a.added_at);
    let mut blocks = Vec::new();
    if !addenda.is_empty() {
        blocks.push(Block::paragraph(
            "Added after the record was finalised. The original above is unchanged.",
        ));
    }
    for a in addenda {
        let own = a
            .member_id
            .as_deref()
            .map(|m| format!(" — {}'s own addendum", b.f.name(m)))
            .unwrap_or_default();
        blocks.push(Block::heading(
            2,
            format!("{}, by {}{own}", b.f.when(a.added_at), a.author),
        ));
        blocks.push(Block::paragraph(a.text.trim()));
    }
    b.section("Addenda", blocks);
}

/// The document for a final record as its viewer sees it
/// ([`SessionRecord::viewer`]: a group member's view prints only their own
/// note and member addenda; the group's own view none). `printed` is the
/// printing date (footer and metadata); `order` the user's date order.
/// The metadata title names no one.
pub fn record_document(
    record: &SessionRecord,
    ctx: &PrintContext,
    printed: DateTime<Utc>,
    order: DateOrder,
) -> Document {
    let f = Fmt {
        ctx,
        order,
        tz: ctx.time_zone.as_deref().and_then(|z| z.parse().ok()),
    };
    let when = match ctx.session_time {
        Some((start, end)) => format!(
            "{}, {}–{}",
            f.date(record.session_date),
            f.time(start),
            f.time(end)
        ),
        None => f.date(record.session_date),
    };
    let mut who = format!("{} · {}", kind_label(record.kind), ctx.person_name);
    if let Some(v) = record.viewer.as_deref() {
        who.push_str(&format!(" · {}'s copy", f.name(v)));
    }
    let mut subtitle = vec![when, who];
    if let Some(fin) = &record.finalisation {
        subtitle.push(format!("Supervisor: {}", fin.signed_name));
    }
    let hash = record
        .finalisation
        .as_ref()
        .map_or("none (not final)", |f| f.content_hash.as_str());
    let footer = vec![
        format!("Content hash: {hash}"),
        format!(
            "Session of {} · Printed {}",
            f.date(record.session_date),
            f.date(printed.date_naive())
        ),
    ];
    let mut b = Body {
        blocks: Vec::new(),
        f,
    };
    stages(&mut b, record);
    consultations(&mut b, record);
    later_parts(&mut b, record);
    signature(&mut b, record);
    Document {
        title: "Supervision record".into(),
        subtitle,
        header: None,
        footer,
        blocks: b.blocks,
        metadata_title: "Supervision record".into(),
        created: Some(printed),
    }
}
