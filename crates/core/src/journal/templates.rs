//! The reflective templates: their sections and one-line prompts. Defined
//! here only; the UI receives them through `journal_templates`.

use serde::{Deserialize, Serialize};

/// A reflective template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TemplateId {
    /// One free text.
    #[default]
    FreeWriting,
    /// Gibbs' reflective cycle (1988).
    Gibbs,
    /// Driscoll's What? / So what? / Now what? (1994).
    Driscoll,
    /// Kolb's experiential learning cycle (1984).
    Kolb,
    /// Critical incident analysis (after Flanagan, 1954; Tripp, 1993).
    CriticalIncident,
}

/// One section of a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateSection {
    /// Stable key the entry stores its text under (unique across templates).
    pub key: &'static str,
    /// The heading shown above the text.
    pub heading: &'static str,
    /// The one-line prompt.
    pub prompt: &'static str,
}

/// A template as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Template {
    /// Which template.
    pub id: TemplateId,
    /// Its name.
    pub name: &'static str,
    /// Its sections, in order.
    pub sections: Vec<TemplateSection>,
}

const fn s(key: &'static str, heading: &'static str, prompt: &'static str) -> TemplateSection {
    TemplateSection {
        key,
        heading,
        prompt,
    }
}

const FREE: &[TemplateSection] = &[s(
    "free.text",
    "Entry",
    "Write freely: a session, a visit that stayed with you, what you want to bring to supervision.",
)];

const GIBBS: &[TemplateSection] = &[
    s(
        "gibbs.description",
        "Description",
        "What happened? Who was there, where, and what did you do?",
    ),
    s(
        "gibbs.feelings",
        "Feelings",
        "What were you thinking and feeling at the time, and afterwards?",
    ),
    s(
        "gibbs.evaluation",
        "Evaluation",
        "What was good and what was difficult about the experience?",
    ),
    s(
        "gibbs.analysis",
        "Analysis",
        "What sense can you make of it? What helps to explain it?",
    ),
    s(
        "gibbs.conclusion",
        "Conclusion",
        "What else could you have done? What have you learned?",
    ),
    s(
        "gibbs.action_plan",
        "Action plan",
        "If it arose again, what would you do? What will you do next?",
    ),
];

const DRISCOLL: &[TemplateSection] = &[
    s(
        "driscoll.what",
        "What?",
        "Describe the situation: what happened, and what was your part in it?",
    ),
    s(
        "driscoll.so_what",
        "So what?",
        "What does it mean? What did you feel, notice and learn?",
    ),
    s(
        "driscoll.now_what",
        "Now what?",
        "What will you do now, and what support do you need?",
    ),
];

const KOLB: &[TemplateSection] = &[
    s(
        "kolb.concrete_experience",
        "Concrete experience",
        "What did you do or experience?",
    ),
    s(
        "kolb.reflective_observation",
        "Reflective observation",
        "Looking back, what did you notice? What stood out?",
    ),
    s(
        "kolb.abstract_conceptualisation",
        "Abstract conceptualisation",
        "What ideas, theory or patterns make sense of it?",
    ),
    s(
        "kolb.active_experimentation",
        "Active experimentation",
        "What will you try next time, and how will you know it helped?",
    ),
];

const CRITICAL: &[TemplateSection] = &[
    s(
        "incident.what_happened",
        "What happened",
        "Describe the incident as it unfolded, plainly and in order.",
    ),
    s(
        "incident.why_critical",
        "Why it was critical",
        "Why does this incident matter to you or to your practice?",
    ),
    s(
        "incident.response",
        "My response",
        "What did you do, think and feel in the moment?",
    ),
    s(
        "incident.learned",
        "What I learned",
        "What does it teach you about yourself, your practice or the system?",
    ),
    s(
        "incident.differently",
        "What I will do differently",
        "What will you do differently, and what will you bring to supervision?",
    ),
];

impl TemplateId {
    /// Every template, in the order the picker lists them.
    pub const ALL: [TemplateId; 5] = [
        TemplateId::FreeWriting,
        TemplateId::Gibbs,
        TemplateId::Driscoll,
        TemplateId::Kolb,
        TemplateId::CriticalIncident,
    ];

    /// The template's name.
    pub fn name(self) -> &'static str {
        match self {
            TemplateId::FreeWriting => "Free writing",
            TemplateId::Gibbs => "Gibbs' reflective cycle",
            TemplateId::Driscoll => "Driscoll's What? model",
            TemplateId::Kolb => "Kolb's learning cycle",
            TemplateId::CriticalIncident => "Critical incident analysis",
        }
    }

    /// Its sections, in order.
    pub fn sections(self) -> &'static [TemplateSection] {
        match self {
            TemplateId::FreeWriting => FREE,
            TemplateId::Gibbs => GIBBS,
            TemplateId::Driscoll => DRISCOLL,
            TemplateId::Kolb => KOLB,
            TemplateId::CriticalIncident => CRITICAL,
        }
    }

    /// The template as the UI shows it.
    pub fn template(self) -> Template {
        Template {
            id: self,
            name: self.name(),
            sections: self.sections().to_vec(),
        }
    }
}

/// Every template, in the picker's order.
pub fn templates() -> Vec<Template> {
    TemplateId::ALL.iter().map(|t| t.template()).collect()
}

/// The section with `key` in any template.
pub fn section(key: &str) -> Option<&'static TemplateSection> {
    TemplateId::ALL
        .iter()
        .flat_map(|t| t.sections().iter())
        .find(|s| s.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_prompts_one_line() {
        let mut keys: Vec<&str> = TemplateId::ALL
            .iter()
            .flat_map(|t| t.sections().iter().map(|s| s.key))
            .collect();
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n);
        for t in TemplateId::ALL {
            for s in t.sections() {
                assert!(!s.prompt.contains('\n') && !s.prompt.is_empty());
            }
        }
        assert_eq!(TemplateId::Gibbs.sections().len(), 6);
        assert_eq!(TemplateId::Kolb.sections().len(), 4);
    }
}
