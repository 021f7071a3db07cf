//! What an entry holds (title, template, the text of each section, tags and
//! links), how it is checked, and how it is stored inside the sealed body:
//! a versioned JSON document. A body written before templates existed (one
//! plain text) reads as free writing.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::templates::{self, TemplateId};
use crate::error::{Error, Result};
use crate::schedule::OccurrenceKey;
use crate::validate::{self, JOURNAL_ENTRY_BYTES};

/// Longest title, in characters.
pub const TITLE_CHARS: usize = 200;
/// Longest tag, in characters (after trimming).
pub const TAG_CHARS: usize = 60;
/// Most tags on one entry.
pub const MAX_TAGS: usize = 20;
/// Longest case reference, in characters.
pub const CASE_REF_CHARS: usize = 80;

/// What starts a versioned body; a plain-text body from before templates
/// cannot start with it (the editor never wrote a NUL character).
const BODY_V2: &str = "\u{0}confidant-journal:2\n";

/// The text of one section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionText {
    /// The section's key (see [`templates::TemplateSection::key`]).
    pub key: String,
    /// Its text (Markdown).
    pub text: String,
}

/// What an entry is linked to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JournalLinks {
    /// A supervision session.
    #[serde(default)]
    pub session: Option<OccurrenceKey>,
    /// A goal (its id).
    #[serde(default)]
    pub goal_id: Option<String>,
    /// A case reference (never a client's name); empty for none.
    #[serde(default)]
    pub case_reference: String,
}

/// An entry as written: what the editor sends to be saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JournalInput {
    /// The title; may be empty.
    pub title: String,
    /// The template in use.
    pub template: TemplateId,
    /// The text of each section: the template's own and any kept from an
    /// earlier template. Blank sections are dropped.
    pub sections: Vec<SectionText>,
    /// Tags.
    pub tags: Vec<String>,
    /// Links.
    pub links: JournalLinks,
}

impl JournalInput {
    /// One free text, no title, tags or links.
    pub fn free(text: &str) -> Self {
        JournalInput {
            sections: vec![SectionText {
                key: TemplateId::FreeWriting.sections()[0].key.to_string(),
                text: text.to_string(),
            }],
            ..JournalInput::default()
        }
    }

    /// The sections' text, blank ones left out, in order, with a blank line
    /// between sections.
    pub fn text(&self) -> String {
        self.sections
            .iter()
            .filter(|s| !s.text.trim().is_empty())
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// The sections of the current template with their headings, then the
    /// ones kept from other templates.
    pub fn headed_sections(&self) -> Vec<(String, String)> {
        let own = self.template.sections();
        let mut out: Vec<(String, String)> = Vec::new();
        for def in own {
            if let Some(s) = self.sections.iter().find(|s| s.key == def.key) {
                out.push((heading(self.template, def.heading), s.text.clone()));
            }
        }
        for s in &self.sections {
            if !own.iter().any(|d| d.key == s.key) {
                let h = templates::section(&s.key).map_or("", |d| d.heading);
                out.push((h.to_string(), s.text.clone()));
            }
        }
        out
    }
}

/// Free writing's one section has no heading in a snapshot.
fn heading(template: TemplateId, heading: &str) -> String {
    if template == TemplateId::FreeWriting {
        String::new()
    } else {
        heading.to_string()
    }
}

/// Checks an entry and returns it as it will be stored (trimmed title and
/// tags, blank sections dropped, one section per key), or a specific error.
pub fn check(input: &JournalInput) -> Result<JournalInput> {
    // The whole text first, before any copy is made.
    let total: usize = input.title.len()
        + input.sections.iter().map(|s| s.text.len()).sum::<usize>()
        + input.tags.iter().map(String::len).sum::<usize>()
        + input.links.case_reference.len();
    if total > JOURNAL_ENTRY_BYTES {
        return Err(Error::TooLarge {
            what: "The journal entry",
            size: total,
            limit: JOURNAL_ENTRY_BYTES,
        });
    }
    let title = validate::single_line("The title", &input.title, TITLE_CHARS)?;
    let mut sections: Vec<SectionText> = Vec::new();
    for s in &input.sections {
        if templates::section(&s.key).is_none() {
            return Err(Error::InvalidInput(
                "A section of this entry is not part of any template.".into(),
            ));
        }
        if sections.iter().any(|x| x.key == s.key) {
            return Err(Error::InvalidInput(
                "A section of this entry appears twice.".into(),
            ));
        }
        let text = validate::long_text("The journal entry", &s.text, JOURNAL_ENTRY_BYTES, false)?;
        if !text.trim().is_empty() {
            sections.push(SectionText {
                key: s.key.clone(),
                text,
            });
        }
    }
    if title.is_empty() && sections.is_empty() {
        return Err(Error::Empty("The journal entry"));
    }
    let tags = check_tags(&input.tags)?;
    let links = check_links(&input.links)?;
    Ok(JournalInput {
        title,
        template: input.template,
        sections,
        tags,
        links,
    })
}

/// Trims tags, drops exact repeats, and refuses an empty tag, one over
/// [`TAG_CHARS`], one with control characters, or more than [`MAX_TAGS`].
pub fn check_tags(tags: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for (i, raw) in tags.iter().enumerate() {
        let tag = raw.trim();
        if tag.is_empty() {
            return Err(Error::InvalidInput(format!(
                "Tag {} is empty: type a word or remove it.",
                i + 1
            )));
        }
        let n = tag.chars().count();
        if n > TAG_CHARS {
            let start: String = tag.chars().take(20).collect();
            return Err(Error::InvalidInput(format!(
                "The tag “{start}…” is {n} characters long; a tag holds at most {TAG_CHARS}."
            )));
        }
        if tag.chars().any(char::is_control) {
            return Err(Error::InvalidInput(format!(
                "The tag “{tag}” contains control characters."
            )));
        }
        if !out.iter().any(|t| t == tag) {
            out.push(tag.to_string());
        }
    }
    if out.len() > MAX_TAGS {
        return Err(Error::InvalidInput(format!(
            "An entry holds at most {MAX_TAGS} tags; this one has {}.",
            out.len()
        )));
    }
    Ok(out)
}

fn check_links(links: &JournalLinks) -> Result<JournalLinks> {
    let goal_id = match &links.goal_id {
        Some(id) => Some(validate::id_string("The linked goal's", id)?),
        None => None,
    };
    let session = match &links.session {
        Some(key) => {
            validate::id("The linked session's", &key.series_id)?;
            Some(key.clone())
        }
        None => None,
    };
    let case_reference =
        validate::single_line("The case reference", &links.case_reference, CASE_REF_CHARS)?;
    Ok(JournalLinks {
        session,
        goal_id,
        case_reference,
    })
}

/// The sealed body's text for a checked entry.
pub fn encode(input: &JournalInput) -> Result<Zeroizing<String>> {
    let json = serde_json::to_string(input).map_err(|e| Error::Internal(e.to_string()))?;
    let json = Zeroizing::new(json);
    let mut out = Zeroizing::new(String::with_capacity(BODY_V2.len() + json.len()));
    out.push_str(BODY_V2);
    out.push_str(&json);
    Ok(out)
}

/// Reads a stored body: a versioned one as written, a plain text from
/// before templates as free writing. A versioned body that does not parse
/// is damaged (`what` names it).
pub fn decode(body: &str, what: &str) -> Result<JournalInput> {
    match body.strip_prefix(BODY_V2) {
        Some(json) => serde_json::from_str(json).map_err(|_| Error::Integrity(what.to_string())),
        None => Ok(JournalInput::free(body)),
    }
}

/// The first non-blank line, trimmed, at most `max` characters (with `…`).
pub fn first_line_of(text: &str, max: usize) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut chars = line.chars();
    let mut out: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

/// What the list and the agenda call an entry: its title, or the first line
/// of its text.
pub fn display_title(input: &JournalInput, max: usize) -> String {
    if input.title.is_empty() {
        first_line_of(&input.text(), max)
    } else {
        first_line_of(&input.title, max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_text_reads_as_free_writing_and_v2_round_trips() {
        let legacy = decode("Plain old entry\nsecond line", "x").expect("legacy");
        assert_eq!(legacy.template, TemplateId::FreeWriting);
        assert_eq!(legacy.text(), "Plain old entry\nsecond line");
        let mut input = JournalInput::free("hello");
        input.title = "T".into();
        input.tags = vec!["a".into()];
        let stored = encode(&check(&input).expect("ok")).expect("encode");
        assert_eq!(
            decode(&stored, "x").expect("v2"),
            check(&input).expect("ok")
        );
        assert!(decode("\u{0}confidant-journal:2\n{not json", "x").is_err());
    }
}
