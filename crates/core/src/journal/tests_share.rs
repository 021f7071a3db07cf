//! What the journal hands to search, packets and the agenda, and how an
//! entry written before templates reads (crate-internal functions, so these
//! tests live here rather than in `tests/`).

use chrono::{DateTime, TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::crypto::KdfParams;
use crate::keychain::MemoryKeychain;
use crate::packets::items::{ItemBody, SnapshotSection};
use crate::packets::view::SendSource;
use crate::people::{People, PersonInput, PersonKind, Relation};
use crate::search_doc::DocKind;
use crate::vault::{Role, VaultConfig};

fn t(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
        .single()
        .expect("time")
        + chrono::Duration::minutes(minutes)
}

fn vault() -> (tempfile::TempDir, Vault) {
    let dir = tempfile::tempdir().expect("tmp");
    let config = VaultConfig {
        kdf: KdfParams::INSECURE_FOR_TESTS,
    };
    let mut v =
        Vault::open(dir.path(), Box::new(MemoryKeychain::new()), config, t(0)).expect("open");
    let s = v.begin_setup(&[Role::Supervisee]).expect("begin");
    v.confirm_setup(&s.recovery_code, t(0)).expect("confirm");
    (dir, v)
}

fn supervisor(v: &mut Vault) -> String {
    let input = PersonInput {
        kind: PersonKind::Person,
        relation: Relation::SupervisesMe,
        name: "Dana Okafor".into(),
        pronouns: String::new(),
        email: String::new(),
        phone: String::new(),
        organisation_id: None,
        professional_role: String::new(),
        licence_number: String::new(),
        licence_body: String::new(),
        licensure_plan: String::new(),
        start_date: None,
        end_date: None,
        notes: String::new(),
        members: Vec::new(),
        facilitator_id: None,
    };
    People::of(v).create(&input, t(0)).expect("person").id
}

fn gibbs() -> JournalInput {
    let mut input = JournalInput {
        title: "After the Ahmed visit".into(),
        template: TemplateId::Gibbs,
        tags: vec!["home visits".into()],
        ..JournalInput::default()
    };
    input.sections = TemplateId::Gibbs
        .sections()
        .iter()
        .map(|s| SectionText {
            key: s.key.to_string(),
            text: format!("{} text", s.heading),
        })
        .collect();
    // A section kept from an earlier Driscoll draft.
    input.sections.push(SectionText {
        key: "driscoll.now_what".into(),
        text: "Ask Dana about pacing".into(),
    });
    input
}

#[test]
fn an_entry_written_before_templates_opens_as_free_writing() {
    let (_d, mut v) = vault();
    let id = Uuid::new_v4();
    {
        let u = v.unlocked().expect("unlocked");
        rows::insert(
            u.conn,
            u.ring,
            id,
            "An old plain entry\nwith two lines",
            t(1),
        )
        .expect("insert");
    }
    let e = Journal::of(&mut v).get(&id.to_string()).expect("get");
    assert_eq!(e.content.template, TemplateId::FreeWriting);
    assert_eq!(e.content.title, "");
    assert_eq!(e.body, "An old plain entry\nwith two lines");
    let page = Journal::of(&mut v).list(0, 10).expect("list");
    assert_eq!(page.entries[0].first_line, "An old plain entry");
    assert!(!page.entries[0].damaged);
    assert_eq!(
        Journal::of(&mut v)
            .search("two LINES")
            .expect("search")
            .len(),
        1
    );
    // Saving it again keeps its text, now in the versioned body.
    let mut c = e.content.clone();
    c.title = "Old entry".into();
    Journal::of(&mut v)
        .update_entry(&e.id, &c, t(2))
        .expect("update");
    let again = Journal::of(&mut v).get(&e.id).expect("get");
    assert_eq!(again.body, "An old plain entry\nwith two lines");
    assert_eq!(again.content.title, "Old entry");
}

#[test]
fn search_docs_carry_title_every_section_and_tags() {
    let (_d, mut v) = vault();
    let e = Journal::of(&mut v)
        .create_entry(&gibbs(), t(1))
        .expect("create");
    let u = v.unlocked().expect("unlocked");
    let docs = search_docs(u.conn, u.ring).expect("docs");
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d.kind, DocKind::Journal);
    assert_eq!(d.id, e.id);
    assert_eq!(d.title.as_str(), "After the Ahmed visit");
    for needle in [
        "After the Ahmed visit",
        "Feelings text",
        "Action plan text",
        "Ask Dana",
    ] {
        assert!(d.body.contains(needle), "{needle}");
    }
    assert_eq!(d.tags, ["home visits"]);
}

#[test]
fn packet_items_snapshot_entries_extracts_and_agenda_items() {
    let (_d, mut v) = vault();
    let dana = supervisor(&mut v);
    let e = Journal::of(&mut v)
        .create_entry(&gibbs(), t(1))
        .expect("create");
    let whole = Journal::of(&mut v)
        .flag(
            &FlagInput {
                entry_id: e.id.clone(),
                person_id: dana.clone(),
                extract: None,
            },
            t(2),
        )
        .expect("flag");
    let part = Journal::of(&mut v)
        .flag(
            &FlagInput {
                entry_id: e.id.clone(),
                person_id: dana,
                extract: Some("I froze when he shouted.".into()),
            },
            t(3),
        )
        .expect("flag");
    let u = v.unlocked().expect("unlocked");

    let (title, item) = packet_item(
        u.conn,
        u.ring,
        &SendSource::JournalEntry {
            entry_id: e.id.clone(),
        },
    )
    .expect("item")
    .expect("journal's");
    assert_eq!(title, "After the Ahmed visit");
    let ItemBody::JournalEntry {
        title,
        template,
        sections,
        tags,
        written_on,
    } = item
    else {
        panic!("an entry snapshot");
    };
    assert_eq!(title, "After the Ahmed visit");
    assert_eq!(template, "Gibbs' reflective cycle");
    assert_eq!(sections.len(), 7);
    assert_eq!(
        sections[1],
        SnapshotSection {
            heading: "Feelings".into(),
            text: "Feelings text".into()
        }
    );
    assert_eq!(sections[6].heading, "Now what?");
    assert_eq!(tags, ["home visits"]);
    assert_eq!(written_on, t(1).date_naive());

    let extract = packet_item(
        u.conn,
        u.ring,
        &SendSource::Extract {
            flag_id: part.id.clone(),
        },
    )
    .expect("item")
    .expect("journal's");
    assert_eq!(
        extract.1,
        ItemBody::Extract {
            entry_title: "After the Ahmed visit".into(),
            text: "I froze when he shouted.".into(),
            written_on: t(1).date_naive(),
        }
    );
    let agenda = packet_item(
        u.conn,
        u.ring,
        &SendSource::AgendaItem {
            flag_id: whole.id.clone(),
        },
    )
    .expect("item")
    .expect("journal's");
    assert_eq!(
        agenda.1,
        ItemBody::AgendaItem {
            text: "After the Ahmed visit".into()
        }
    );
    // A whole-entry flag is no extract; another domain's source is not ours.
    assert!(packet_item(
        u.conn,
        u.ring,
        &SendSource::Extract {
            flag_id: whole.id.clone()
        }
    )
    .is_err());
    assert!(packet_item(
        u.conn,
        u.ring,
        &SendSource::Evaluation {
            evaluation_id: e.id.clone()
        }
    )
    .expect("none")
    .is_none());

    let candidates = packet_candidates(u.conn, u.ring).expect("candidates");
    let kinds: Vec<&str> = candidates.iter().map(|c| c.kind_label.as_str()).collect();
    assert_eq!(
        kinds,
        ["Journal entry", "Agenda item", "Extract", "Agenda item"]
    );
}
