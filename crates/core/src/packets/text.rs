//! The text of an item, for search (and anything else that needs an item
//! as plain text).

use super::items::{AckTarget, ItemBody, SharedBand, SharedRating};

fn band(b: SharedBand) -> &'static str {
    match b {
        SharedBand::Low => "low",
        SharedBand::Average => "average",
        SharedBand::High => "high",
    }
}

fn ratings(out: &mut Vec<String>, ratings: &[SharedRating]) {
    for r in ratings {
        let mut line = r.area.clone();
        if let Some(n) = r.rating {
            line.push_str(&format!(": {n}"));
        }
        if !r.comment.is_empty() {
            line.push_str(" — ");
            line.push_str(&r.comment);
        }
        out.push(line);
    }
}

fn target(t: &AckTarget) -> String {
    match t {
        AckTarget::Agreement { version, .. } => format!("Agreement, version {version}"),
        AckTarget::Record { .. } => "Session record".to_string(),
    }
}

/// Every piece of text an item carries, one part per line.
pub fn item_text(body: &ItemBody) -> String {
    let mut out: Vec<String> = Vec::new();
    match body {
        ItemBody::JournalEntry {
            title,
            template,
            sections,
            tags,
            ..
        } => {
            out.push(title.clone());
            out.push(template.clone());
            for s in sections {
                out.push(s.heading.clone());
                out.push(s.text.clone());
            }
            out.extend(tags.iter().cloned());
        }
        ItemBody::Extract {
            entry_title, text, ..
        } => {
            out.push(entry_title.clone());
            out.push(text.clone());
        }
        ItemBody::AgendaItem { text } => out.push(text.clone()),
        ItemBody::HoursCount { days, .. } => {
            for d in days {
                out.push(format!("{} {} minutes {}", d.date, d.minutes, d.form));
            }
        }
        ItemBody::SelfAssessment {
            ratings: r,
            comment,
            ..
        } => {
            ratings(&mut out, r);
            out.push(comment.clone());
        }
        ItemBody::Acknowledgement {
            target: t,
            typed_name,
            ..
        } => {
            out.push(target(t));
            out.push(typed_name.clone());
        }
        ItemBody::SessionSummary { summary, .. } => out.push(summary.clone()),
        ItemBody::ActionItems { items, .. } => out.extend(items.iter().cloned()),
        ItemBody::AckRequest {
            target: t,
            title,
            text,
        } => {
            out.push(target(t));
            out.push(title.clone());
            out.push(text.clone());
        }
        ItemBody::SignedHours {
            totals, signed_by, ..
        } => {
            for t in totals {
                out.push(format!("{} {} minutes", t.form, t.minutes));
            }
            out.push(signed_by.clone());
        }
        ItemBody::Evaluation {
            ratings: r,
            comments,
            ..
        } => {
            ratings(&mut out, r);
            out.push(comments.clone());
        }
        ItemBody::ProqolBands {
            compassion_satisfaction,
            burnout,
            secondary_traumatic_stress,
            ..
        } => {
            out.push(format!(
                "Compassion satisfaction {}",
                band(*compassion_satisfaction)
            ));
            out.push(format!("Burnout {}", band(*burnout)));
            out.push(format!(
                "Secondary traumatic stress {}",
                band(*secondary_traumatic_stress)
            ));
        }
    }
    out.retain(|s| !s.is_empty());
    out.join("\n")
}
