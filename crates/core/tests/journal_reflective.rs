//! Reflective templates, tags, links, the 1 MiB limit and bringing entries
//! to supervision, through the vault as the commands drive them.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use confidant_core::journal::{
    FlagInput, Journal, JournalInput, JournalLinks, SectionText, TemplateId, MAX_ENTRY_BYTES,
};
use confidant_core::people::{People, PersonKind, Relation};
use confidant_core::records::{BroughtOrigin, Records};
use confidant_core::schedule::{
    OccurrenceKey, Pattern, Recurrence, RecurrenceEnd, ReminderSetting, Schedule, SeriesInput,
    SessionKind, Weekday,
};
use confidant_core::vault::{Role, Vault};
use confidant_core::Error;

fn t(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0)
        .single()
        .expect("time")
        + Duration::minutes(minutes)
}

fn vault() -> (tempfile::TempDir, Vault) {
    common::unlocked_vault(Role::Supervisee, t(0))
}

fn sections(template: TemplateId, word: &str) -> Vec<SectionText> {
    template
        .sections()
        .iter()
        .map(|s| SectionText {
            key: s.key.to_string(),
            text: format!("{word} for {}", s.heading),
        })
        .collect()
}

fn gibbs() -> JournalInput {
    JournalInput {
        title: "Home visit with the Ahmed family".into(),
        template: TemplateId::Gibbs,
        sections: sections(TemplateId::Gibbs, "gibbsword"),
        tags: vec!["home visits".into(), "safeguarding".into()],
        links: JournalLinks {
            case_reference: "CR-2291".into(),
            ..JournalLinks::default()
        },
    }
}

fn words(input: &JournalInput) -> Vec<String> {
    input.sections.iter().map(|s| s.text.clone()).collect()
}

#[test]
fn switching_gibbs_to_driscoll_to_gibbs_keeps_every_word() {
    let (_d, mut v) = vault();
    let first = gibbs();
    let e = Journal::of(&mut v)
        .create_entry(&first, t(1))
        .expect("create");
    // The editor switches template: the Gibbs sections travel along,
    // and the writer adds Driscoll's.
    let mut driscoll = e.content.clone();
    driscoll.template = TemplateId::Driscoll;
    driscoll
        .sections
        .extend(sections(TemplateId::Driscoll, "driscollword"));
    Journal::of(&mut v)
        .update_entry(&e.id, &driscoll, t(2))
        .expect("to Driscoll");
    let stored = Journal::of(&mut v).get(&e.id).expect("get").content;
    assert_eq!(stored.template, TemplateId::Driscoll);
    assert_eq!(stored.sections.len(), 9);
    for w in words(&first) {
        assert!(words(&stored).contains(&w), "{w} kept under Driscoll");
    }
    let mut back = stored.clone();
    back.template = TemplateId::Gibbs;
    Journal::of(&mut v)
        .update_entry(&e.id, &back, t(3))
        .expect("back to Gibbs");
    let stored = Journal::of(&mut v).get(&e.id).expect("get").content;
    assert_eq!(stored.template, TemplateId::Gibbs);
    for w in words(&first).into_iter().chain(words(&driscoll)) {
        assert!(words(&stored).contains(&w), "{w} kept after switching back");
    }
    assert_eq!(stored.title, first.title);
    assert_eq!(stored.tags, first.tags);
    assert_eq!(stored.links.case_reference, "CR-2291");
    // Search finds title, a section from either template, and a tag.
    for q in ["AHMED family", "driscollword for So what?", "safeguard"] {
        let hits = Journal::of(&mut v).search(q).expect("search");
        assert_eq!(hits.len(), 1, "{q}");
        assert_eq!(hits[0].first_line, "Home visit with the Ahmed family");
    }
}

#[test]
fn tags_are_checked_and_offered_for_autocomplete() {
    let (_d, mut v) = vault();
    let e = Journal::of(&mut v)
        .create_entry(&gibbs(), t(1))
        .expect("create");
    let mut other = JournalInput::free("Another day");
    other.tags = vec!["  Burnout ".into(), "safeguarding".into(), "Burnout".into()];
    let o = Journal::of(&mut v)
        .create_entry(&other, t(2))
        .expect("create");
    assert_eq!(o.content.tags, ["Burnout", "safeguarding"]);
    assert_eq!(
        Journal::of(&mut v).tags().expect("tags"),
        ["Burnout", "home visits", "safeguarding"]
    );

    let before = Journal::of(&mut v).get(&e.id).expect("get");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["ok".into(), "   ".into()], "Tag 2 is empty"),
        (vec!["x".repeat(500)], "is 500 characters long"),
        (
            (0..21).map(|i| format!("t{i}")).collect(),
            "at most 20 tags",
        ),
    ];
    for (tags, message) in cases {
        let mut bad = gibbs();
        bad.tags = tags;
        match Journal::of(&mut v).update_entry(&e.id, &bad, t(5)) {
            Err(Error::InvalidInput(m)) => assert!(m.contains(message), "{m}"),
            other => panic!("expected a tag error, got {other:?}"),
        }
        assert!(matches!(
            Journal::of(&mut v).create_entry(&bad, t(5)),
            Err(Error::InvalidInput(_))
        ));
    }
    // The 500-character tag's message names the tag.
    let mut bad = gibbs();
    bad.tags = vec![format!("supervision{}", "y".repeat(489))];
    let Err(Error::InvalidInput(m)) = Journal::of(&mut v).create_entry(&bad, t(5)) else {
        panic!("expected a tag error");
    };
    assert!(m.contains("supervision"), "{m}");
    assert_eq!(Journal::of(&mut v).get(&e.id).expect("get"), before);
    assert_eq!(Journal::of(&mut v).list(0, 50).expect("list").total, 2);
    // 60 characters is the longest tag accepted.
    let mut ok = gibbs();
    ok.tags = vec!["z".repeat(60)];
    Journal::of(&mut v)
        .update_entry(&e.id, &ok, t(6))
        .expect("60 chars");
}

#[test]
fn links_are_checked() {
    let (_d, mut v) = vault();
    let mut input = gibbs();
    input.links.goal_id = Some("not-a-goal".into());
    assert!(matches!(
        Journal::of(&mut v).create_entry(&input, t(1)),
        Err(Error::InvalidInput(m)) if m.contains("goal")
    ));
    input.links.goal_id = Some("5b0a8b8e-2f58-4d0f-a8a4-4ad9f58d6f11".into());
    input.links.case_reference = "c".repeat(81);
    assert!(matches!(
        Journal::of(&mut v).create_entry(&input, t(1)),
        Err(Error::InvalidInput(m)) if m.contains("case reference")
    ));
    input.links.case_reference = "CR-7".into();
    input.links.session = Some(OccurrenceKey {
        series_id: "5b0a8b8e-2f58-4d0f-a8a4-4ad9f58d6f12".into(),
        original_start: NaiveDate::from_ymd_opt(2026, 11, 24)
            .expect("d")
            .and_hms_opt(10, 0, 0)
            .expect("t"),
    });
    let e = Journal::of(&mut v)
        .create_entry(&input, t(1))
        .expect("links");
    assert_eq!(
        Journal::of(&mut v).get(&e.id).expect("get").content.links,
        input.links
    );
    // A section key no template has is refused.
    let mut odd = gibbs();
    odd.sections.push(SectionText {
        key: "nope.x".into(),
        text: "x".into(),
    });
    assert!(Journal::of(&mut v).create_entry(&odd, t(2)).is_err());
    assert_eq!(Journal::of(&mut v).list(0, 50).expect("list").total, 1);
}

#[test]
fn an_entry_over_one_mebibyte_is_refused_and_nothing_is_written() {
    let (dir, mut v) = vault();
    let e = Journal::of(&mut v)
        .create_entry(&gibbs(), t(1))
        .expect("create");
    // Split across sections, each under the limit, the whole over it.
    let mut big = gibbs();
    let half = "a".repeat(MAX_ENTRY_BYTES / 2 + 1);
    big.sections[0].text = half.clone();
    big.sections[1].text = half;
    for result in [
        Journal::of(&mut v).create_entry(&big, t(2)),
        Journal::of(&mut v).update_entry(&e.id, &big, t(2)),
    ] {
        assert!(matches!(result, Err(Error::TooLarge { .. })), "{result:?}");
    }
    assert_eq!(Journal::of(&mut v).list(0, 50).expect("list").total, 1);
    assert_eq!(
        Journal::of(&mut v).get(&e.id).expect("get").content,
        Journal::of(&mut v).get(&e.id).expect("get").content
    );
    assert_eq!(
        Journal::of(&mut v).get(&e.id).expect("get").updated_at,
        t(1)
    );
    drop(v);
    // No page of the refused text reached the database or its log.
    let aaa = "a".repeat(4096);
    for entry in std::fs::read_dir(dir.path()).expect("dir") {
        let bytes = std::fs::read(entry.expect("e").path()).unwrap_or_default();
        assert!(common::scan::find(&bytes, aaa.as_bytes()).is_none());
    }
}

struct Supervised {
    supervisor: String,
    supervisee: String,
    keys: Vec<OccurrenceKey>,
}

fn supervised(v: &mut Vault) -> Supervised {
    let supervisor = People::of(v)
        .create(
            &common::person_input(PersonKind::Person, Relation::SupervisesMe, "Dana Okafor"),
            t(0),
        )
        .expect("supervisor")
        .id;
    let supervisee = People::of(v)
        .create(
            &common::person_input(PersonKind::Person, Relation::ISupervise, "Sam Lee"),
            t(0),
        )
        .expect("supervisee")
        .id;
    let start = NaiveDate::from_ymd_opt(2026, 12, 1)
        .expect("d")
        .and_hms_opt(10, 0, 0)
        .expect("t");
    let change = Schedule::of(v)
        .create(
            &SeriesInput {
                person_id: supervisor.clone(),
                kind: SessionKind::Individual,
                time_zone: "Europe/London".into(),
                start,
                end: start + Duration::minutes(60),
                recurrence: Some(Recurrence {
                    pattern: Pattern::Weekly {
                        weekdays: vec![Weekday::Tuesday],
                    },
                    interval: 2,
                    end: RecurrenceEnd::Count { count: 4 },
                }),
                location: String::new(),
                reminder: ReminderSetting::Default,
                calendar_code: String::new(),
            },
            t(0),
        )
        .expect("series");
    let series_id = change.series[0].id.clone();
    let keys = (0..4)
        .map(|i| OccurrenceKey {
            series_id: series_id.clone(),
            original_start: start + Duration::weeks(2 * i),
        })
        .collect();
    Supervised {
        supervisor,
        supervisee,
        keys,
    }
}

#[test]
fn flags_appear_on_the_supervisors_next_agenda_until_discussed_or_removed() {
    let (_d, mut v) = vault();
    let w = supervised(&mut v);
    let e = Journal::of(&mut v)
        .create_entry(&gibbs(), t(1))
        .expect("entry");

    // Only someone who supervises me.
    let to_supervisee = FlagInput {
        entry_id: e.id.clone(),
        person_id: w.supervisee.clone(),
        extract: None,
    };
    assert!(matches!(
        Journal::of(&mut v).flag(&to_supervisee, t(2)),
        Err(Error::InvalidInput(m)) if m.contains("supervises you")
    ));
    let unknown = FlagInput {
        person_id: "5b0a8b8e-2f58-4d0f-a8a4-4ad9f58d6f11".into(),
        ..to_supervisee.clone()
    };
    assert!(matches!(
        Journal::of(&mut v).flag(&unknown, t(2)),
        Err(Error::NotFound(_))
    ));
    let blank = FlagInput {
        person_id: w.supervisor.clone(),
        extract: Some("   ".into()),
        ..to_supervisee.clone()
    };
    assert!(Journal::of(&mut v).flag(&blank, t(2)).is_err());
    assert!(Journal::of(&mut v)
        .flags_of(&e.id)
        .expect("flags")
        .is_empty());

    let whole = Journal::of(&mut v)
        .flag(
            &FlagInput {
                person_id: w.supervisor.clone(),
                ..to_supervisee.clone()
            },
            t(2),
        )
        .expect("flag entry");
    let extract = Journal::of(&mut v)
        .flag(
            &FlagInput {
                person_id: w.supervisor.clone(),
                extract: Some("I froze when the father raised his voice.".into()),
                ..to_supervisee.clone()
            },
            t(3),
        )
        .expect("flag extract");
    assert_eq!(Journal::of(&mut v).flags_of(&e.id).expect("flags").len(), 2);

    let agenda = Records::of(&mut v).agenda(&w.keys[0]).expect("agenda");
    assert_eq!(agenda.brought.len(), 2);
    assert!(agenda.brought.iter().all(
        |b| b.origin == BroughtOrigin::Flagged && b.title == "Home visit with the Ahmed family"
    ));
    let texts: Vec<&str> = agenda.brought.iter().map(|b| b.text.as_str()).collect();
    assert!(texts.contains(&""));
    assert!(texts.contains(&"I froze when the father raised his voice."));

    // Discussed leaves the agenda and stays with the entry; removed goes.
    let d = Journal::of(&mut v)
        .flag_discussed(&whole.id, t(10))
        .expect("discussed");
    assert_eq!(d.discussed_at, Some(t(10)));
    let agenda = Records::of(&mut v).agenda(&w.keys[1]).expect("agenda");
    assert_eq!(agenda.brought.len(), 1);
    assert_eq!(agenda.brought[0].id, extract.id);
    Journal::of(&mut v).unflag(&extract.id).expect("unflag");
    assert!(matches!(
        Journal::of(&mut v).unflag(&extract.id),
        Err(Error::NotFound(_))
    ));
    assert!(Records::of(&mut v)
        .agenda(&w.keys[1])
        .expect("agenda")
        .brought
        .is_empty());
    assert_eq!(Journal::of(&mut v).flags_of(&e.id).expect("flags").len(), 1);

    // Deleting the entry takes its flags with it.
    Journal::of(&mut v)
        .flag(
            &FlagInput {
                person_id: w.supervisor.clone(),
                ..to_supervisee
            },
            t(11),
        )
        .expect("flag again");
    Journal::of(&mut v).delete(&e.id).expect("delete");
    assert!(Records::of(&mut v)
        .agenda(&w.keys[1])
        .expect("agenda")
        .brought
        .is_empty());
}
