//! Checks on a record's content: sizes, who may be named, dates, case
//! references; and the parts required to finalise.

use chrono::NaiveDate;

use super::{
    ActionItemInput, ActionOwner, AgendaItem, CaseConsultation, EthicalDecision, FunctionCovered,
    RaisedBy, RecordContent,
};
use crate::error::{Error, Result};
use crate::validate::{long_text, paragraph, single_line, NOTES_BYTES, PLAN_CHARS, SHORT_CHARS};

/// Most entries in any one list of a record (agenda items, decisions,
/// consultations, ethical decisions, action items, options).
pub const MAX_ITEMS: usize = 100;
/// Longest short text (an agenda item, a decision, a function's note, an
/// action item), in characters.
pub const ITEM_CHARS: usize = PLAN_CHARS;
/// Longest free text (exploration notes, key learning, a consultation's
/// parts, shared notes), in UTF-8 bytes.
pub const TEXT_BYTES: usize = NOTES_BYTES;

/// Largest record content, serialised, in bytes (4 MiB).
pub const RECORD_BYTES: usize = 4 * 1024 * 1024;

/// What a record is checked against.
pub(super) struct Ctx<'a> {
    /// The group's members (empty for a record with one supervisee).
    pub members: &'a [String],
    /// Whether the record is of a group.
    pub group: bool,
    /// The session's local date.
    pub session_date: NaiveDate,
}

fn count(field: &str, n: usize) -> Result<()> {
    if n > MAX_ITEMS {
        return Err(Error::InvalidInput(format!(
            "{field}: at most {MAX_ITEMS} entries."
        )));
    }
    Ok(())
}

fn member(ctx: &Ctx<'_>, id: &str, field: &str) -> Result<String> {
    let id = id.trim();
    if !ctx.group || !ctx.members.iter().any(|m| m == id) {
        return Err(Error::InvalidInput(format!(
            "{field} names someone who is not a member of this group."
        )));
    }
    Ok(id.to_string())
}

fn raised_by(ctx: &Ctx<'_>, r: &RaisedBy, field: &str) -> Result<RaisedBy> {
    Ok(match r {
        RaisedBy::Member(id) => RaisedBy::Member(member(ctx, id, field)?),
        other => other.clone(),
    })
}

fn item(ctx: &Ctx<'_>, i: &AgendaItem) -> Result<AgendaItem> {
    let text = paragraph("An agenda item", &i.text, ITEM_CHARS)?;
    if text.is_empty() {
        return Err(Error::Empty("An agenda item"));
    }
    Ok(AgendaItem {
        text,
        focus: i.focus,
        raised_by: raised_by(ctx, &i.raised_by, "An agenda item's \"raised by\"")?,
        carry_over: i.carry_over,
    })
}

/// Agenda items (of a record or an agenda).
pub(super) fn items(ctx: &Ctx<'_>, items: &[AgendaItem]) -> Result<Vec<AgendaItem>> {
    count("Agenda items", items.len())?;
    items.iter().map(|i| item(ctx, i)).collect()
}

fn text(field: &'static str, v: &str) -> Result<String> {
    Ok(long_text(field, v, TEXT_BYTES, false)?.trim().to_string())
}

fn function(field: &str, f: &FunctionCovered) -> Result<FunctionCovered> {
    Ok(FunctionCovered {
        ticked: f.ticked,
        note: paragraph(field, &f.note, ITEM_CHARS)?,
    })
}

fn consultation(ctx: &Ctx<'_>, c: &CaseConsultation) -> Result<CaseConsultation> {
    let supervisee_id = match (&c.supervisee_id, ctx.group) {
        (Some(id), _) => Some(member(ctx, id, "A case consultation's supervisee")?),
        (None, true) => {
            return Err(Error::InvalidInput(
                "In a group record, say whose case each consultation is.".into(),
            ))
        }
        (None, false) => None,
    };
    let link = match &c.link {
        Some(l) => Some(super::CaseLink {
            id: single_line("A case consultation's link", &l.id, SHORT_CHARS)?,
            label: single_line("A case consultation's link", &l.label, SHORT_CHARS)?,
        }),
        None => None,
    };
    Ok(CaseConsultation {
        case_reference: crate::nameguard::validate_case_reference(&c.case_reference)?,
        supervisee_id,
        presenting_issue: text(
            "A case consultation's presenting issue",
            &c.presenting_issue,
        )?,
        approaches_tried: text(
            "A case consultation's approaches tried",
            &c.approaches_tried,
        )?,
        guidance: text("A case consultation's guidance", &c.guidance)?,
        link: link.filter(|l| !l.id.is_empty()),
    })
}

fn ethical(ctx: &Ctx<'_>, e: &EthicalDecision) -> Result<EthicalDecision> {
    crate::validate::date("An ethical decision's date raised", e.raised_on)?;
    count("An ethical decision's options", e.options.len())?;
    let options = e
        .options
        .iter()
        .map(|o| paragraph("An ethical decision's option", o, ITEM_CHARS))
        .filter(|o| !matches!(o, Ok(s) if s.is_empty()))
        .collect::<Result<Vec<_>>>()?;
    let issue = text("An ethical decision's issue", &e.issue)?;
    if issue.is_empty() {
        return Err(Error::Empty("An ethical decision's issue"));
    }
    Ok(EthicalDecision {
        issue,
        raised_by: raised_by(ctx, &e.raised_by, "An ethical decision's \"raised by\"")?,
        raised_on: e.raised_on,
        options,
        decision: text("An ethical decision's decision", &e.decision)?,
        rationale: text("An ethical decision's rationale", &e.rationale)?,
        consulted: paragraph("Who was consulted or notified", &e.consulted, ITEM_CHARS)?,
    })
}

fn action(ctx: &Ctx<'_>, a: &ActionItemInput) -> Result<ActionItemInput> {
    let text = paragraph("An action item", &a.text, ITEM_CHARS)?;
    if text.is_empty() {
        return Err(Error::Empty("An action item"));
    }
    let owner =
        match &a.owner {
            None => {
                return Err(Error::InvalidInput(
                    "An action item has no owner. Say who will do it.".into(),
                ))
            }
            Some(ActionOwner::Member(id)) => {
                ActionOwner::Member(member(ctx, id, "An action item's owner")?)
            }
            Some(ActionOwner::Supervisee) if ctx.group => return Err(Error::InvalidInput(
                "In a group record, an action item's owner is the supervisor or a named member."
                    .into(),
            )),
            Some(o) => o.clone(),
        };
    crate::validate::date("An action item's due date", a.due)?;
    if let Some(due) = a.due {
        if due < ctx.session_date {
            return Err(Error::InvalidInput(format!(
                "An action item is due on {due}, before the session ({}). Choose a due date on or after the session.",
                ctx.session_date
            )));
        }
    }
    let id = a.id.trim();
    if !id.is_empty() {
        crate::validate::id("An action item's", id)?;
    }
    Ok(ActionItemInput {
        id: id.to_string(),
        text,
        owner: Some(owner),
        due: a.due,
        status: a.status,
    })
}

/// Checks and normalises a record's content; the first problem is the
/// error.
pub(super) fn content(ctx: &Ctx<'_>, c: &RecordContent) -> Result<RecordContent> {
    count("Decisions", c.decisions.len())?;
    count("Case consultations", c.consultations.len())?;
    count("Ethical decisions", c.ethical_decisions.len())?;
    count("Action items", c.action_items.len())?;
    let decisions = c
        .decisions
        .iter()
        .map(|d| paragraph("A decision", d, ITEM_CHARS))
        .filter(|d| !matches!(d, Ok(s) if s.is_empty()))
        .collect::<Result<Vec<_>>>()?;
    if !ctx.group
        && (!c.attendance.is_empty()
            || !c.member_notes.is_empty()
            || !c.shared_notes.trim().is_empty())
    {
        return Err(Error::InvalidInput(
            "Attendance, shared notes and members' notes are for group records only.".into(),
        ));
    }
    let mut attendance = Vec::new();
    for a in &c.attendance {
        let id = member(ctx, &a.member_id, "An attendance entry")?;
        if attendance
            .iter()
            .any(|x: &super::MemberAttendance| x.member_id == id)
        {
            return Err(Error::InvalidInput(
                "A member's attendance is given twice.".into(),
            ));
        }
        attendance.push(super::MemberAttendance {
            member_id: id,
            attendance: a.attendance,
        });
    }
    let mut member_notes = Vec::new();
    for n in &c.member_notes {
        let id = member(ctx, &n.member_id, "A member's own note")?;
        if member_notes
            .iter()
            .any(|x: &super::MemberNote| x.member_id == id)
        {
            return Err(Error::InvalidInput(
                "A member has two notes of their own.".into(),
            ));
        }
        let t = text("A member's own note", &n.text)?;
        if !t.is_empty() {
            member_notes.push(super::MemberNote {
                member_id: id,
                text: t,
            });
        }
    }
    let mut actions = Vec::with_capacity(c.action_items.len());
    for a in &c.action_items {
        let a = action(ctx, a)?;
        if !a.id.is_empty() && actions.iter().any(|x: &ActionItemInput| x.id == a.id) {
            return Err(Error::InvalidInput(
                "Two action items have the same id.".into(),
            ));
        }
        actions.push(a);
    }
    let out = RecordContent {
        agenda_items: items(ctx, &c.agenda_items)?,
        exploration: text("The exploration notes", &c.exploration)?,
        decisions,
        key_learning: text("The key learning", &c.key_learning)?,
        functions: super::Functions {
            normative: function("The normative function's note", &c.functions.normative)?,
            formative: function("The formative function's note", &c.functions.formative)?,
            restorative: function("The restorative function's note", &c.functions.restorative)?,
        },
        consultations: c
            .consultations
            .iter()
            .map(|x| consultation(ctx, x))
            .collect::<Result<_>>()?,
        ethical_decisions: c
            .ethical_decisions
            .iter()
            .map(|x| ethical(ctx, x))
            .collect::<Result<_>>()?,
        wellbeing: super::WellbeingCheck {
            reported: text("What the supervisee reported", &c.wellbeing.reported)?,
            agreed: text("What was agreed", &c.wellbeing.agreed)?,
        },
        feedback: super::Feedback {
            strengths: text("The strengths", &c.feedback.strengths)?,
            development: text("The areas for development", &c.feedback.development)?,
            on_supervision: text(
                "The feedback on the supervision",
                &c.feedback.on_supervision,
            )?,
        },
        action_items: actions,
        attendance,
        shared_notes: text("The shared notes", &c.shared_notes)?,
        member_notes,
    };
    let size = serde_json::to_vec(&out)
        .map(|v| v.len())
        .unwrap_or(usize::MAX);
    if size > RECORD_BYTES {
        return Err(Error::TooLarge {
            what: "The record",
            size,
            limit: RECORD_BYTES,
        });
    }
    Ok(out)
}

/// The parts a record still needs before it can be finalised, in plain
/// words (empty when it can be): at least one agenda item, the exploration
/// notes, at least one function ticked, every action item complete (text,
/// owner and due date), and in a group record the attendance of every
/// member in `members`.
pub fn missing_for_final(c: &RecordContent, members: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    if c.agenda_items.is_empty() {
        out.push("at least one agenda item".to_string());
    }
    if c.exploration.trim().is_empty() {
        out.push("the exploration notes".to_string());
    }
    let f = &c.functions;
    if !(f.normative.ticked || f.formative.ticked || f.restorative.ticked) {
        out.push("at least one supervision function ticked".to_string());
    }
    let incomplete = c
        .action_items
        .iter()
        .filter(|a| a.text.trim().is_empty() || a.owner.is_none() || a.due.is_none())
        .count();
    if incomplete > 0 {
        out.push(format!(
            "a due date (and owner) for every action item ({incomplete} incomplete)"
        ));
    }
    let unrecorded = members
        .iter()
        .filter(|m| !c.attendance.iter().any(|a| &a.member_id == *m))
        .count();
    if unrecorded > 0 {
        out.push(format!(
            "the attendance of every member ({unrecorded} not recorded)"
        ));
    }
    out
}
