//! The ProQOL 5 (Professional Quality of Life Scale, version 5): its 30
//! items, instructions and scale exactly as published, and its self-score
//! exactly as the measure's own score page says. Sources and terms:
//! `docs/PROQOL.md`.
//!
//! - Compassion satisfaction: items 3, 6, 12, 16, 18, 20, 22, 24, 27, 30.
//! - Burnout: items 1, 4, 8, 10, 15, 17, 19, 21, 26, 29, of which 1, 4, 15,
//!   17 and 29 are reverse-scored (1↔5, 2↔4, 3 stays 3).
//! - Secondary traumatic stress: items 2, 5, 7, 9, 11, 13, 14, 23, 25, 28.
//!
//! Each scale is the sum of its ten answers (10–50): 22 or less is low,
//! between 23 and 41 moderate, 42 or more high.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Number of items.
pub const ITEM_COUNT: usize = 30;

/// The measure's title as published.
pub const TITLE: &str = "Professional Quality of Life Scale (ProQOL) — Compassion Satisfaction and Compassion Fatigue (ProQOL) Version 5 (2009)";

/// The instructions, exactly as published (the bracketed words are the
/// measure's own).
pub const INSTRUCTIONS: &str = "When you [help] people you have direct contact with their lives. As you may have found, your compassion for those you [help] can affect you in positive and negative ways. Below are some questions about your experiences, both positive and negative, as a [helper]. Consider each of the following questions about you and your current work situation. Select the number that honestly reflects how frequently you experienced these things in the last 30 days.";

/// The five answers, 1 to 5, exactly as published.
pub const SCALE: [&str; 5] = ["Never", "Rarely", "Sometimes", "Often", "Very Often"];

/// The 30 items, in order (item 1 first), exactly as published.
pub const ITEMS: [&str; ITEM_COUNT] = [
    "I am happy.",
    "I am preoccupied with more than one person I [help].",
    "I get satisfaction from being able to [help] people.",
    "I feel connected to others.",
    "I jump or am startled by unexpected sounds.",
    "I feel invigorated after working with those I [help].",
    "I find it difficult to separate my personal life from my life as a [helper].",
    "I am not as productive at work because I am losing sleep over traumatic experiences of a person I [help].",
    "I think that I might have been affected by the traumatic stress of those I [help].",
    "I feel trapped by my job as a [helper].",
    "Because of my [helping], I have felt \"on edge\" about various things.",
    "I like my work as a [helper].",
    "I feel depressed because of the traumatic experiences of the people I [help].",
    "I feel as though I am experiencing the trauma of someone I have [helped].",
    "I have beliefs that sustain me.",
    "I am pleased with how I am able to keep up with [helping] techniques and protocols.",
    "I am the person I always wanted to be.",
    "My work makes me feel satisfied.",
    "I feel worn out because of my work as a [helper].",
    "I have happy thoughts and feelings about those I [help] and how I could help them.",
    "I feel overwhelmed because my case [work] load seems endless.",
    "I believe I can make a difference through my work.",
    "I avoid certain activities or situations because they remind me of frightening experiences of the people I [help].",
    "I am proud of what I can do to [help].",
    "As a result of my [helping], I have intrusive, frightening thoughts.",
    "I feel \"bogged down\" by the system.",
    "I have thoughts that I am a \"success\" as a [helper].",
    "I can't recall important parts of my work with trauma victims.",
    "I am a very caring person.",
    "I am happy that I chose to do this work.",
];

/// Compassion satisfaction's items (1-based).
pub const COMPASSION_SATISFACTION: [usize; 10] = [3, 6, 12, 16, 18, 20, 22, 24, 27, 30];
/// Burnout's items (1-based).
pub const BURNOUT: [usize; 10] = [1, 4, 8, 10, 15, 17, 19, 21, 26, 29];
/// Secondary traumatic stress's items (1-based).
pub const SECONDARY_TRAUMATIC_STRESS: [usize; 10] = [2, 5, 7, 9, 11, 13, 14, 23, 25, 28];
/// The reverse-scored items (all on the burnout scale).
pub const REVERSED: [usize; 5] = [1, 4, 15, 17, 29];

/// The credit the measure's terms require, with the link to ProQOL.org.
pub const CREDIT: &str = "© B. Hudnall Stamm, 2009-2012. Professional Quality of Life: Compassion Satisfaction and Fatigue Version 5 (ProQOL). The ProQOL is held by The Center for Victims of Torture and used here unaltered, free of charge, under its terms of use: www.ProQOL.org";
/// The link the terms require.
pub const LINK: &str = "https://www.proqol.org";
/// The measure's own advice on its score page.
pub const CONCERNS: &str = "If you have any concerns, you should discuss them with a physical or mental health care professional.";

/// What each scale is about, in the words of the measure and of ProQOL.org
/// (sources in `docs/PROQOL.md`).
pub const EXPLAIN_CS: &str = "Compassion satisfaction is about the pleasure you derive from being able to do your work well. For example, you may feel like it is a pleasure to help others through your work. You may feel positively about your colleagues or your ability to contribute to the work setting or even the greater good of society. Higher scores on this scale represent a greater satisfaction related to your ability to be an effective caregiver in your job.";
/// Burnout (see [`EXPLAIN_CS`]).
pub const EXPLAIN_BURNOUT: &str = "Most people have an intuitive idea of what burnout is. From the research perspective, burnout is one of the elements of Compassion Fatigue (CF). It is associated with feelings of hopelessness and difficulties in dealing with work or in doing your job effectively. These negative feelings usually have a gradual onset. They can reflect the feeling that your efforts make no difference, or they can be associated with a very high workload or a non-supportive work environment.";
/// Secondary traumatic stress (see [`EXPLAIN_CS`]).
pub const EXPLAIN_STS: &str = "Secondary Traumatic Stress is an element of Compassion fatigue (CF). It is related to Vicarious Trauma (VT). STS is about your work-related, secondary exposure to extremely stressful events. For example, you may repeatedly hear stories about the traumatic things that happen to other people, commonly called VT. If your work puts you directly in the path of danger, such as being a soldier or humanitarian aide worker, this is not secondary exposure; your exposure is primary. However, if you are exposed to others traumatic events as a result of your work, such as in an emergency room or working with child protective services, this is secondary exposure. The symptoms of STS are usually rapid in onset and associated with a particular event. They may include being afraid, having difficulty sleeping, having images of the upsetting event pop into your mind, or avoiding things that remind you of the event.";

/// A band of one scale, as the measure's score page names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ProqolBand {
    /// 22 or less.
    Low,
    /// Between 23 and 41.
    Moderate,
    /// 42 or more.
    High,
}

/// The band of a scale's sum: 22 or less low, 23–41 moderate, 42 or more
/// high.
pub fn band(sum: u8) -> ProqolBand {
    match sum {
        0..=22 => ProqolBand::Low,
        23..=41 => ProqolBand::Moderate,
        _ => ProqolBand::High,
    }
}

/// The three sums (each 10–50).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProqolScores {
    /// Compassion satisfaction.
    pub compassion_satisfaction: u8,
    /// Burnout (reverse-scored items included).
    pub burnout: u8,
    /// Secondary traumatic stress.
    pub secondary_traumatic_stress: u8,
}

/// The three bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProqolBands {
    /// Compassion satisfaction.
    pub compassion_satisfaction: ProqolBand,
    /// Burnout.
    pub burnout: ProqolBand,
    /// Secondary traumatic stress.
    pub secondary_traumatic_stress: ProqolBand,
}

impl ProqolScores {
    /// The band of each scale.
    pub fn bands(&self) -> ProqolBands {
        ProqolBands {
            compassion_satisfaction: band(self.compassion_satisfaction),
            burnout: band(self.burnout),
            secondary_traumatic_stress: band(self.secondary_traumatic_stress),
        }
    }
}

/// The 30 answers, checked: all present, each 1–5. `answers[i]` answers
/// item `i + 1`. Missing answers are named by item number.
pub fn complete(answers: &[Option<u8>]) -> Result<[u8; ITEM_COUNT]> {
    if answers.len() != ITEM_COUNT {
        return Err(Error::InvalidInput(format!(
            "The ProQOL has {ITEM_COUNT} items; {} answers were sent.",
            answers.len()
        )));
    }
    let mut out = [0u8; ITEM_COUNT];
    let mut missing = Vec::new();
    for (i, a) in answers.iter().enumerate() {
        match a {
            None => missing.push((i + 1).to_string()),
            Some(v @ 1..=5) => out[i] = *v,
            Some(v) => {
                return Err(Error::InvalidInput(format!(
                    "The answer to item {} must be from 1 (Never) to 5 (Very Often), not {v}.",
                    i + 1
                )))
            }
        }
    }
    if !missing.is_empty() {
        let (one, many) = ("item", "items");
        return Err(Error::InvalidInput(format!(
            "The ProQOL is scored only when every item is answered. Not yet answered: {} {}.",
            if missing.len() == 1 { one } else { many },
            missing.join(", ")
        )));
    }
    Ok(out)
}

fn sum(answers: &[u8; ITEM_COUNT], items: &[usize; 10]) -> u8 {
    items
        .iter()
        .map(|&n| {
            let a = answers[n - 1];
            if REVERSED.contains(&n) {
                6 - a
            } else {
                a
            }
        })
        .sum()
}

/// The three sums of complete answers.
pub fn score(answers: &[u8; ITEM_COUNT]) -> ProqolScores {
    ProqolScores {
        compassion_satisfaction: sum(answers, &COMPASSION_SATISFACTION),
        burnout: sum(answers, &BURNOUT),
        secondary_traumatic_stress: sum(answers, &SECONDARY_TRAUMATIC_STRESS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scales_partition_the_thirty_items() {
        let mut all: Vec<usize> = COMPASSION_SATISFACTION
            .iter()
            .chain(&BURNOUT)
            .chain(&SECONDARY_TRAUMATIC_STRESS)
            .copied()
            .collect();
        all.sort_unstable();
        assert_eq!(all, (1..=30).collect::<Vec<_>>());
        assert!(REVERSED.iter().all(|n| BURNOUT.contains(n)));
    }

    #[test]
    fn all_threes_score_thirty_each() {
        let s = score(&[3; ITEM_COUNT]);
        assert_eq!(
            (
                s.compassion_satisfaction,
                s.burnout,
                s.secondary_traumatic_stress
            ),
            (30, 30, 30)
        );
        assert_eq!(s.bands().burnout, ProqolBand::Moderate);
    }

    #[test]
    fn reverse_scoring_by_hand() {
        // Every answer 5: CS 50, STS 50; burnout = 5 plain items × 5 + 5
        // reversed items × (6 − 5) = 25 + 5 = 30.
        let s = score(&[5; ITEM_COUNT]);
        assert_eq!(s.compassion_satisfaction, 50);
        assert_eq!(s.secondary_traumatic_stress, 50);
        assert_eq!(s.burnout, 30);
        // Every answer 1: burnout = 5 × 1 + 5 × 5 = 30 too.
        assert_eq!(score(&[1; ITEM_COUNT]).burnout, 30);
        // Items 1 and 4 answered 1 (reversed: 5 each), the rest 2 (reversed
        // items 15, 17, 29: 4 each): 5+5 + 4×3 + 2×5 = 32.
        let mut a = [2u8; ITEM_COUNT];
        a[0] = 1;
        a[3] = 1;
        assert_eq!(score(&a).burnout, 32);
    }

    #[test]
    fn band_boundaries() {
        assert_eq!(band(10), ProqolBand::Low);
        assert_eq!(band(22), ProqolBand::Low);
        assert_eq!(band(23), ProqolBand::Moderate);
        assert_eq!(band(41), ProqolBand::Moderate);
        assert_eq!(band(42), ProqolBand::High);
        assert_eq!(band(50), ProqolBand::High);
    }

    #[test]
    fn missing_answers_are_named() {
        let mut a = vec![Some(3u8); ITEM_COUNT];
        a[2] = None;
        a[29] = None;
        let err = complete(&a).expect_err("an error").to_string();
        assert!(err.contains("items 3, 30"), "{err}");
        a[29] = Some(3);
        assert!(complete(&a)
            .expect_err("an error")
            .to_string()
            .contains("item 3."));
        a[2] = Some(6);
        assert!(complete(&a)
            .expect_err("an error")
            .to_string()
            .contains("item 3 must be"));
        assert!(complete(&a[..29]).is_err());
    }
}
