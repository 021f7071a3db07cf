//! The export's PDF: the same content as the JSON, laid out to read. Each
//! top-level part is a section; an object's plain values are a two-column
//! list (labels from the field names: `case_reference` → "Case
//! reference"), its nested objects and lists are subsections, one entry of
//! a list after another. Dates and times are printed as the JSON has them
//! (ISO 8601), so the two files can be compared line by line.

use serde_json::Value;

use super::SubjectAccessExport;
use crate::pdf::{long_date, Block, Document};
use crate::settings::DateOrder;

/// The sections in order, with their headings.
const SECTIONS: &[(&str, &str)] = &[
    ("person", "Details"),
    ("agreements", "Agreements"),
    ("sessions", "Sessions"),
    ("session_records", "Session records"),
    ("group_session_records", "Group session records"),
    ("consultations", "Consultations (case references)"),
    ("exception_log", "Confidentiality-exception log"),
    ("contact_notes", "Contact notes"),
    ("goals", "Goals"),
    ("development_stage", "Development stage"),
    ("coaching", "Coaching"),
    ("hours", "Hours"),
    ("hours_sign_offs", "Hours sign-offs"),
    ("evaluations", "Evaluations"),
    ("supervision_checks", "Checks on how supervision is going"),
    ("ending", "Ending"),
    ("invoices", "Invoices"),
    ("shared_items", "Items shared by packet"),
    ("unreadable", "Items that could not be read"),
];

/// Deepest heading level used; deeper parts are printed as lists.
const MAX_LEVEL: u8 = 4;

/// "case_reference" → "Case reference".
fn label(key: &str) -> String {
    let text = key.replace('_', " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some("—".into()),
        Value::Bool(true) => Some("Yes".into()),
        Value::Bool(false) => Some("No".into()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if s.is_empty() => Some("—".into()),
        Value::String(s) => Some(s.clone()),
        Value::Array(a) if a.is_empty() => Some("None".into()),
        Value::Array(a) if a.iter().all(|x| !x.is_object() && !x.is_array()) => {
            Some(a.iter().filter_map(scalar).collect::<Vec<_>>().join("\n"))
        }
        Value::Object(o) if o.is_empty() => Some("—".into()),
        _ => None,
    }
}

/// Flattens a value too deep for its own heading into "a › b: value" lines.
fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    match (scalar(v), v) {
        (Some(s), _) => out.push((prefix.to_string(), s)),
        (None, Value::Object(o)) => {
            for (k, x) in o {
                flatten(&format!("{prefix} › {}", label(k)), x, out);
            }
        }
        (None, Value::Array(a)) => {
            for (i, x) in a.iter().enumerate() {
                flatten(&format!("{prefix} {}", i + 1), x, out);
            }
        }
        (None, _) => {}
    }
}

fn render(v: &Value, level: u8, blocks: &mut Vec<Block>) {
    if let Some(s) = scalar(v) {
        blocks.push(Block::paragraph(s));
        return;
    }
    match v {
        Value::Object(o) => {
            let mut pairs = Vec::new();
            let mut nested = Vec::new();
            for (k, x) in o {
                match scalar(x) {
                    Some(s) => pairs.push((label(k), s)),
                    None if level >= MAX_LEVEL => flatten(&label(k), x, &mut pairs),
                    None => nested.push((k, x)),
                }
            }
            if !pairs.is_empty() {
                blocks.push(Block::key_values(pairs));
            }
            for (k, x) in nested {
                blocks.push(Block::heading(level + 1, label(k)));
                render(x, level + 1, blocks);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                blocks.push(Block::heading(
                    (level + 1).min(MAX_LEVEL + 1),
                    format!("{} of {}", i + 1, a.len()),
                ));
                if level >= MAX_LEVEL {
                    let mut pairs = Vec::new();
                    flatten("", x, &mut pairs);
                    blocks.push(Block::key_values(pairs));
                } else {
                    render(x, level + 1, blocks);
                }
            }
        }
        _ => {}
    }
}

/// The export's PDF document. `order` is the user's date order (for the
/// printing date under the title); the metadata title names no one.
pub fn export_document(export: &SubjectAccessExport, order: DateOrder) -> Document {
    let value = serde_json::to_value(export).unwrap_or(Value::Null);
    let mut blocks = vec![
        Block::Banner {
            title: "This file is not encrypted".into(),
            detail: "Keep it safe, share it only with the person it is about, and delete copies you no longer need.".into(),
        },
        Block::paragraph(
            "Everything Confidant holds about this person, in the same order as the JSON file \
             saved beside this one. Dates and times are as in that file (ISO 8601, times in UTC).",
        ),
    ];
    for (key, heading) in SECTIONS {
        blocks.push(Block::heading(1, *heading));
        render(value.get(*key).unwrap_or(&Value::Null), 1, &mut blocks);
    }
    Document {
        title: format!("Subject-access export: {}", export.person.fields.name),
        subtitle: vec![
            format!(
                "Exported {}",
                long_date(export.exported_at.date_naive(), order)
            ),
            format!(
                "Schema version {} · Confidant {}",
                export.schema_version, export.app_version
            ),
        ],
        header: Some("CONFIDENTIAL — NOT ENCRYPTED".into()),
        footer: vec![format!(
            "Subject-access export · {}",
            export.exported_at.format("%Y-%m-%d %H:%M UTC")
        )],
        blocks,
        metadata_title: "Subject-access export".into(),
        created: Some(export.exported_at),
    }
}
