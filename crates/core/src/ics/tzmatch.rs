//! Resolving a `TZID` to a known zone: IANA names as they are, Windows
//! names through the map, prefixed names ("/mozilla.org/…/Europe/London"),
//! and any other name by the offsets of its `VTIMEZONE` block (at most
//! [`MAX_ZONE_MATCHES`] per file), else the user's home zone, with a note.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

use super::vtimezone::{offset_from_onsets, VTimezone};
use super::zones;

/// Unknown time-zone names matched by their offsets per file (others fall
/// back to the home zone).
pub const MAX_ZONE_MATCHES: usize = 20;

pub(super) struct ZoneResolver<'a> {
    vtimezones: &'a HashMap<String, VTimezone>,
    home: Tz,
    cache: HashMap<String, (Tz, Option<String>)>,
    matched: usize,
    /// Years of zone rules evaluated so far.
    pub steps: u64,
}

impl<'a> ZoneResolver<'a> {
    /// A resolver for a file's `VTIMEZONE` blocks, falling back to `home`.
    pub fn new(vtimezones: &'a HashMap<String, VTimezone>, home: Tz) -> Self {
        ZoneResolver {
            vtimezones,
            home,
            cache: HashMap::new(),
            matched: 0,
            steps: 0,
        }
    }

    /// The zone a `TZID` names (with a note when it was guessed), for a
    /// value in `year`.
    pub fn resolve(&mut self, tzid: &str, year: i32) -> (Tz, Option<String>) {
        if let Some(hit) = self.cache.get(tzid) {
            return hit.clone();
        }
        let found = self.lookup(tzid, year);
        self.cache.insert(tzid.to_string(), found.clone());
        found
    }

    fn lookup(&mut self, tzid: &str, year: i32) -> (Tz, Option<String>) {
        let name = tzid.trim().trim_matches('"');
        if let Ok(tz) = name.parse::<Tz>() {
            return (tz, None);
        }
        if let Some(tz) = zones::windows_zone(name) {
            return (tz, None);
        }
        // "/mozilla.org/20050126_1/Europe/London" and similar prefixes.
        let parts: Vec<&str> = name.split('/').filter(|p| !p.is_empty()).collect();
        for k in (1..=parts.len().min(3)).rev() {
            if let Ok(tz) = parts[parts.len() - k..].join("/").parse::<Tz>() {
                if tz.name().contains('/') || k == 1 {
                    return (tz, None);
                }
            }
        }
        let shown: String = name.chars().filter(|c| !c.is_control()).take(80).collect();
        if let Some(vtz) = self
            .vtimezones
            .get(tzid)
            .filter(|v| !v.observances.is_empty())
        {
            if self.matched < MAX_ZONE_MATCHES {
                self.matched += 1;
                if let Some(tz) = match_by_offsets(vtz, name, year, &mut self.steps) {
                    return (
                        tz,
                        Some(format!(
                            "The time zone \"{shown}\" was matched to {} by its UTC offsets.",
                            tz.name()
                        )),
                    );
                }
            }
        }
        (
            self.home,
            Some(format!(
                "The time zone \"{shown}\" is not one Confidant knows; its times were read as {}. Check them.",
                self.home.name()
            )),
        )
    }
}

/// Finds a known zone whose offsets agree with a `VTIMEZONE` every three
/// days over two years. Prefers a zone whose city appears in the name, then
/// the Windows-map zones, then any zone (fixed offsets: `Etc/GMT±N`).
fn match_by_offsets(vtz: &VTimezone, name: &str, year: i32, steps: &mut u64) -> Option<Tz> {
    let onsets = vtz.onsets(year - 1, year + 2, steps);
    let before_first = vtz
        .observances
        .iter()
        .min_by_key(|o| o.start)
        .map_or(0, |o| o.from);
    let start = NaiveDate::from_ymd_opt(year, 1, 1)?
        .and_hms_opt(12, 0, 0)?
        .and_utc();
    let samples: Vec<(DateTime<Utc>, i32)> = (0..244)
        .map(|i| {
            let t = start + Duration::days(i * 3);
            (t, offset_from_onsets(&onsets, before_first, t))
        })
        .collect();
    let fits = |tz: Tz| {
        samples
            .iter()
            .all(|(t, off)| zones::offset_at(tz, *t) == *off)
    };
    let lower = name.to_lowercase();
    let by_city = chrono_tz::TZ_VARIANTS.iter().copied().find(|tz| {
        let city = tz
            .name()
            .rsplit('/')
            .next()
            .unwrap_or("")
            .replace('_', " ")
            .to_lowercase();
        city.len() >= 4 && tz.name().contains('/') && lower.contains(&city) && fits(*tz)
    });
    if by_city.is_some() {
        return by_city;
    }
    let mapped = zones::WINDOWS_ZONES
        .iter()
        .filter_map(|(_, iana)| iana.parse::<Tz>().ok())
        .find(|tz| fits(*tz));
    if mapped.is_some() {
        return mapped;
    }
    let fixed = samples
        .first()
        .map(|s| s.1)
        .filter(|off| samples.iter().all(|s| s.1 == *off));
    if let Some(off) = fixed {
        if off % 3600 == 0 {
            let h = off / 3600;
            let etc = if h == 0 {
                "Etc/GMT".to_string()
            } else {
                format!("Etc/GMT{:+}", -h)
            };
            if let Ok(tz) = etc.parse::<Tz>() {
                return Some(tz);
            }
        }
    }
    chrono_tz::TZ_VARIANTS.iter().copied().find(|tz| fits(*tz))
}
