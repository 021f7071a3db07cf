//! Every input limit the UI needs, gathered from the modules that enforce
//! them, so the generated TypeScript bindings carry the real numbers
//! (`LIMITS` in `ui/src/lib/bindings.ts`) and the UI never keeps copies.
//! The core checks every limit again: the UI is not a security boundary.
//!
//! Nothing in the core imports this module; it only reads the constants of
//! the others.

use serde::{Deserialize, Serialize};

use crate::validate as v;
use crate::{agreements, exception_log, goals, hours_rules, journal, schedule, wellbeing};

/// An inclusive range of whole numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Bounds {
    /// Smallest accepted value.
    pub min: u32,
    /// Largest accepted value.
    pub max: u32,
}

const fn bounds(r: &std::ops::RangeInclusive<u32>) -> Bounds {
    Bounds {
        min: *r.start(),
        max: *r.end(),
    }
}

/// The limits the UI shows and checks before sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[allow(missing_docs)]
pub struct Limits {
    // Text, in characters unless named bytes.
    pub name_chars: u32,
    pub short_chars: u32,
    pub line_chars: u32,
    pub email_chars: u32,
    pub phone_chars: u32,
    pub pronouns_chars: u32,
    pub licence_number_chars: u32,
    pub plan_chars: u32,
    pub notes_bytes: u32,
    pub journal_entry_bytes: u32,
    pub journal_first_line_chars: u32,
    pub journal_title_chars: u32,
    pub journal_tag_chars: u32,
    pub journal_tags_max: u32,
    pub journal_case_ref_chars: u32,
    pub journal_extract_bytes: u32,
    pub page_max: u32,
    pub query_chars: u32,
    pub search_results_max: u32,
    pub group_members_max: u32,
    pub earliest_year: i32,
    pub latest_year: i32,
    // Vault and settings.
    pub auto_lock_minutes: Bounds,
    pub passcode_min_chars: u32,
    pub passcode_max_bytes: u32,
    pub reminder_minutes: Bounds,
    // Agreements.
    pub agreement_section_bytes: u32,
    pub agreement_session_minutes: Bounds,
    pub agreement_notice_hours: Bounds,
    pub agreement_late_cancellation_percent: Bounds,
    pub review_window_days_max: u32,
    // Scheduling.
    pub session_minutes: Bounds,
    pub series_count: Bounds,
    /// Notice period (hours) that decides a late cancellation when no
    /// agreement sets one.
    pub default_notice_hours: u32,
    pub series_interval_weeks: Bounds,
    pub phased_weekly_weeks: Bounds,
    pub phased_fortnightly_months: Bounds,
    // Paper trail (exception log, contact notes).
    /// A free-text field of an exception entry, addendum or contact note.
    pub trail_text_chars: u32,
    /// The organisation or role an exception was shared with.
    pub trail_recipient_chars: u32,
    // Goals and coaching.
    pub goal_text_chars: u32,
    pub goal_check_in_weeks: Bounds,
    pub goal_default_check_in_weeks: u32,
    pub goal_evidence_max: u32,
    pub goal_skills_max: u32,
    pub goal_rating: Bounds,
    // Hours rule profiles.
    /// A profile's short tag (shown in every reason).
    pub hours_profile_tag_chars: u32,
    pub hours_profile_rules_max: u32,
    pub hours_profile_summary_max: u32,
    /// The largest number a rule may name (hours, weeks, months, minutes).
    pub hours_rule_number_max: u32,
    // Wellbeing.
    pub wellbeing_note_chars: u32,
    pub proqol_items: u32,
}

/// The limits of this build.
pub const LIMITS: Limits = Limits {
    name_chars: v::NAME_CHARS as u32,
    short_chars: v::SHORT_CHARS as u32,
    line_chars: v::LINE_CHARS as u32,
    email_chars: v::EMAIL_CHARS as u32,
    phone_chars: v::PHONE_CHARS as u32,
    pronouns_chars: v::PRONOUNS_CHARS as u32,
    licence_number_chars: v::LICENCE_NUMBER_CHARS as u32,
    plan_chars: v::PLAN_CHARS as u32,
    notes_bytes: v::NOTES_BYTES as u32,
    journal_entry_bytes: journal::MAX_ENTRY_BYTES as u32,
    journal_first_line_chars: journal::FIRST_LINE_CHARS as u32,
    journal_title_chars: journal::TITLE_CHARS as u32,
    journal_tag_chars: journal::TAG_CHARS as u32,
    journal_tags_max: journal::MAX_TAGS as u32,
    journal_case_ref_chars: journal::CASE_REF_CHARS as u32,
    journal_extract_bytes: journal::MAX_EXTRACT_BYTES as u32,
    page_max: v::PAGE_MAX,
    query_chars: v::QUERY_CHARS as u32,
    search_results_max: v::SEARCH_RESULTS_MAX as u32,
    group_members_max: v::GROUP_MEMBERS_MAX as u32,
    earliest_year: v::EARLIEST_YEAR,
    latest_year: v::LATEST_YEAR,
    auto_lock_minutes: Bounds {
        min: v::AUTO_LOCK_MIN,
        max: v::AUTO_LOCK_MAX,
    },
    passcode_min_chars: v::PASSCODE_MIN_CHARS as u32,
    passcode_max_bytes: v::PASSCODE_MAX_BYTES as u32,
    reminder_minutes: Bounds {
        min: 0,
        max: v::REMINDER_MINUTES_MAX,
    },
    agreement_section_bytes: agreements::MAX_SECTION_BYTES as u32,
    agreement_session_minutes: bounds(&agreements::SESSION_MINUTES),
    agreement_notice_hours: bounds(&agreements::NOTICE_HOURS),
    agreement_late_cancellation_percent: bounds(&agreements::LATE_CANCELLATION_PERCENT),
    review_window_days_max: agreements::MAX_REVIEW_WINDOW_DAYS,
    session_minutes: Bounds {
        min: 1,
        max: schedule::MAX_DURATION_MINUTES,
    },
    series_count: Bounds {
        min: 1,
        max: schedule::MAX_COUNT,
    },
    default_notice_hours: schedule::DEFAULT_NOTICE_HOURS,
    series_interval_weeks: Bounds {
        min: 1,
        max: schedule::MAX_INTERVAL as u32,
    },
    phased_weekly_weeks: bounds(&schedule::PHASED_WEEKLY_WEEKS),
    phased_fortnightly_months: bounds(&schedule::PHASED_FORTNIGHTLY_MONTHS),
    trail_text_chars: exception_log::TEXT_CHARS as u32,
    trail_recipient_chars: exception_log::RECIPIENT_CHARS as u32,
    goal_text_chars: goals::MAX_TEXT_CHARS as u32,
    goal_check_in_weeks: bounds(&goals::CHECK_IN_WEEKS),
    goal_default_check_in_weeks: goals::DEFAULT_CHECK_IN_WEEKS,
    goal_evidence_max: goals::MAX_EVIDENCE as u32,
    goal_skills_max: goals::MAX_GOAL_SKILLS as u32,
    goal_rating: Bounds {
        min: *goals::RATINGS.start() as u32,
        max: *goals::RATINGS.end() as u32,
    },
    hours_profile_tag_chars: hours_rules::check::TAG_CHARS as u32,
    hours_profile_rules_max: hours_rules::check::MAX_RULES as u32,
    hours_profile_summary_max: hours_rules::check::MAX_SUMMARY_FIELDS as u32,
    hours_rule_number_max: hours_rules::check::MAX_NUMBER,
    wellbeing_note_chars: wellbeing::NOTE_CHARS as u32,
    proqol_items: wellbeing::proqol::ITEM_COUNT as u32,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_the_enforced_constants() {
        assert_eq!(
            LIMITS.journal_entry_bytes as usize,
            journal::MAX_ENTRY_BYTES
        );
        assert_eq!(LIMITS.auto_lock_minutes.max, v::AUTO_LOCK_MAX);
        assert_eq!(LIMITS.agreement_session_minutes.min, 15);
        assert_eq!(LIMITS.phased_fortnightly_months.max, 36);
        assert_eq!(LIMITS.reminder_minutes.max, schedule::MAX_REMINDER_MINUTES);
    }
}
