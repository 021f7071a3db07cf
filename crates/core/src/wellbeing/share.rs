//! What of the owner's wellbeing can be sent in a packet: the bands of a
//! ProQOL result — never its answers or sums, and never a check-in.

use rusqlite::Connection;

use super::{proqol::ProqolBand, proqol_list, result_of, ProqolBody};
use crate::error::{Error, Result};
use crate::keys::KeyRing;
use crate::packets::items::{ItemBody, SharedBand};
use crate::packets::view::{SendCandidate, SendSource};
use crate::store::wellbeing::{self as rows, Table};

/// The wire band of a band. The measure's score page calls the middle band
/// "moderate"; the packet format calls it `average`.
fn shared(b: ProqolBand) -> SharedBand {
    match b {
        ProqolBand::Low => SharedBand::Low,
        ProqolBand::Moderate => SharedBand::Average,
        ProqolBand::High => SharedBand::High,
    }
}

fn title(taken_on: chrono::NaiveDate) -> String {
    format!("ProQOL bands, taken {}", taken_on.format("%Y-%m-%d"))
}

/// One candidate per readable ProQOL result, newest first. `last_sent` is
/// left for `packets` to fill.
pub(crate) fn packet_candidates(conn: &Connection, ring: &KeyRing) -> Result<Vec<SendCandidate>> {
    Ok(proqol_list(conn, ring)?
        .results
        .into_iter()
        .map(|r| SendCandidate {
            source: SendSource::ProqolBands {
                result_id: r.id.clone(),
            },
            kind_label: "ProQOL bands".into(),
            title: title(r.taken_on),
            date: Some(r.taken_on),
            last_sent: None,
        })
        .collect())
}

/// The bands of a ProQOL source for a packet: its title and item. `None`
/// when the source is not wellbeing's.
pub(crate) fn packet_item(
    conn: &Connection,
    ring: &KeyRing,
    source: &SendSource,
) -> Result<Option<(String, ItemBody)>> {
    let SendSource::ProqolBands { result_id } = source else {
        return Ok(None);
    };
    let id = crate::validate::id("That ProQOL result's", result_id)?;
    let row = rows::all::<ProqolBody>(conn, ring, Table::Proqol)?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(Error::NotFound("That ProQOL result"))?;
    let r = result_of(row)?;
    Ok(Some((
        title(r.taken_on),
        ItemBody::ProqolBands {
            taken_on: r.taken_on,
            compassion_satisfaction: shared(r.bands.compassion_satisfaction),
            burnout: shared(r.bands.burnout),
            secondary_traumatic_stress: shared(r.bands.secondary_traumatic_stress),
        },
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::KdfParams;
    use crate::keychain::MemoryKeychain;
    use crate::vault::{Role, Vault, VaultConfig};
    use crate::wellbeing::Wellbeing;
    use chrono::{NaiveDate, TimeZone, Utc};

    #[test]
    fn the_item_carries_the_bands_and_no_answers() {
        let now = Utc
            .with_ymd_and_hms(2026, 11, 30, 9, 0, 0)
            .single()
            .expect("valid");
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("valid");
        let dir = tempfile::tempdir().expect("tmp");
        let config = VaultConfig {
            kdf: KdfParams::INSECURE_FOR_TESTS,
        };
        let mut v =
            Vault::open(dir.path(), Box::new(MemoryKeychain::new()), config, now).expect("open");
        let s = v.begin_setup(&[Role::Supervisee]).expect("begin");
        v.confirm_setup(&s.recovery_code, now).expect("confirm");
        // Answers chosen so each scale's sum is distinctive: CS items 5
        // (50, high), STS items 1 (10, low), burnout all 2 (reversed 4):
        // 5×2 + 5×4 = 30, moderate.
        let mut answers = vec![Some(2u8); 30];
        for n in super::super::proqol::COMPASSION_SATISFACTION {
            answers[n - 1] = Some(5);
        }
        for n in super::super::proqol::SECONDARY_TRAUMATIC_STRESS {
            answers[n - 1] = Some(1);
        }
        let r = Wellbeing::of(&mut v)
            .submit_proqol(&answers, today, now)
            .expect("submit");
        let u = v.unlocked().expect("unlocked");
        let cands = packet_candidates(u.conn, u.ring).expect("candidates");
        assert_eq!(cands.len(), 1);
        assert_eq!(cands[0].kind_label, "ProQOL bands");
        let (title, item) = packet_item(u.conn, u.ring, &cands[0].source)
            .expect("item")
            .expect("wellbeing's");
        assert_eq!(title, "ProQOL bands, taken 2026-11-30");
        assert_eq!(
            item,
            ItemBody::ProqolBands {
                taken_on: today,
                compassion_satisfaction: SharedBand::High,
                burnout: SharedBand::Average,
                secondary_traumatic_stress: SharedBand::Low,
            }
        );
        // The wire form has the bands only: exactly these keys, no answers,
        // no sums.
        let json = serde_json::to_value(&item).expect("json");
        let obj = json.as_object().expect("object");
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "burnout",
                "compassion_satisfaction",
                "kind",
                "secondary_traumatic_stress",
                "taken_on"
            ]
        );
        assert!(obj.values().all(|v| v.is_string()), "{json}");
        let r_id = r.id.clone();
        assert!(!json.to_string().contains(&r_id));
        // Another kind of source is not wellbeing's.
        let other = SendSource::SelfAssessment {
            evaluation_id: r_id,
        };
        assert!(packet_item(u.conn, u.ring, &other).expect("ok").is_none());
        let missing = SendSource::ProqolBands {
            result_id: uuid::Uuid::new_v4().to_string(),
        };
        assert!(packet_item(u.conn, u.ring, &missing).is_err());
    }
}
