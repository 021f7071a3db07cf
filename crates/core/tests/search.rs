//! One search over everything: every kind indexed and found, prefix, case,
//! diacritics and other scripts, hostile queries, filters, sort, counts
//! with a limit, freshness after a write, and the index gone after lock.

mod records_fixture;

use chrono::{NaiveDate, NaiveTime};
use confidant_core::agreements::{Agreements, PartyDetails};
use confidant_core::contacts::{ContactInput, ContactMode, Contacts};
use confidant_core::goals::{CheckInInput, Evidence, EvidenceKind, GoalFields, GoalTerm, Goals};
use confidant_core::journal::Journal;
use confidant_core::people::{People, PersonKind};
use confidant_core::records::Records;
use confidant_core::search::{
    IndexState, Search, SearchQuery, SearchResults, SearchSort, TextPart,
};
use confidant_core::search_doc::DocKind;
use confidant_core::vault::Vault;
use confidant_core::Error;
use records_fixture::{complete, date, day, now, person, world, World};

fn q(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        ..SearchQuery::default()
    }
}

fn search(v: &mut Vault, query: &SearchQuery) -> SearchResults {
    Search::of(v).query(query).expect("search")
}

/// (kind, id) of every shown hit, in order.
fn hits(r: &SearchResults) -> Vec<(DocKind, String)> {
    r.groups
        .iter()
        .flat_map(|g| g.hits.iter().map(|h| (h.kind, h.id.clone())))
        .collect()
}

fn kinds(r: &SearchResults) -> Vec<DocKind> {
    let mut k: Vec<DocKind> = r.groups.iter().map(|g| g.kind).collect();
    k.sort();
    k
}

fn marked(parts: &[TextPart]) -> String {
    parts
        .iter()
        .map(|p| {
            if p.hit {
                format!("[{}]", p.text)
            } else {
                p.text.clone()
            }
        })
        .collect()
}

fn journal(v: &mut Vault, text: &str) -> String {
    Journal::of(v).create(text, now()).expect("entry").id
}

/// A world with one record (draft) holding a consultation, plus a goal
/// with a check-in, a contact note, an agreement draft and journal entries.
fn full_world() -> World {
    let mut w = world(false);
    w.hold(0);
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    let mut content = complete(day(0));
    content.exploration = "We explored the doorstep supervision dilemma.".into();
    Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &content, now())
        .expect("save");
    let goal = Goals::of(&mut w.v)
        .create(
            Some(&w.person),
            &GoalFields {
                title: "Grounding techniques".into(),
                description: "Practise naming the caller's feelings.".into(),
                term: GoalTerm::Short,
                target_date: None,
                skill_ids: vec![],
                check_in_weeks: 4,
            },
            now(),
        )
        .expect("goal");
    Goals::of(&mut w.v)
        .check_in(
            &goal.summary.goal.id,
            &CheckInInput {
                date: date(2026, 3, 2),
                progress_note: "Used the pause technique on marmalade calls.".into(),
                evidence: vec![Evidence {
                    kind: EvidenceKind::CaseReview,
                    reference: "Case review".into(),
                }],
                rating: 3,
                coaching_id: None,
            },
            now(),
        )
        .expect("check-in");
    Contacts::of(&mut w.v)
        .create(
            &w.person,
            &ContactInput {
                date: date(2026, 2, 10),
                time: NaiveTime::from_hms_opt(18, 30, 0),
                mode: ContactMode::Phone,
                issue: "Worried about a flamingo safeguarding referral.".into(),
                advice: "Follow the safety plan.".into(),
                risk_decision: "No immediate danger.".into(),
                follow_up: "Bring it to the session.".into(),
            },
            now(),
        )
        .expect("contact");
    Agreements::of(&mut w.v)
        .create_draft(
            &w.person,
            &PartyDetails {
                name: "Dana Whitfield".into(),
                professional_role: "Clinical supervisor".into(),
                organisation: "Quillmoor Supervision".into(),
                licence_number: "LCSW-1".into(),
                licence_body: "Board".into(),
            },
            now(),
        )
        .expect("agreement");
    journal(
        &mut w.v,
        "Thinking about supervision and the café on Zoë's street.",
    );
    w
}

#[test]
fn fts5_is_in_the_bundled_sqlite() {
    let conn = rusqlite::Connection::open_in_memory().expect("memory");
    conn.execute_batch(
        "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')",
    )
    .expect("fts5 is compiled in");
}

#[test]
fn every_kind_is_indexed_and_found() {
    let mut w = full_world();
    let cases = [
        ("doorstep", DocKind::Record),
        ("C-17", DocKind::Consultation),
        ("Quillmoor", DocKind::Agreement),
        ("marmalade", DocKind::Goal),
        ("Grounding", DocKind::Goal),
        ("Sam Supervisee", DocKind::Person),
        ("flamingo", DocKind::Contact),
        ("café", DocKind::Journal),
    ];
    for (text, kind) in cases {
        let r = search(&mut w.v, &q(text));
        assert!(
            r.groups
                .iter()
                .any(|g| g.kind == kind && !g.hits.is_empty()),
            "{text:?} finds a {kind:?}: {:?}",
            kinds(&r)
        );
        assert_eq!(r.state, IndexState::Ready);
        let hit = r
            .groups
            .iter()
            .find(|g| g.kind == kind)
            .expect("group")
            .hits[0]
            .clone();
        if kind != DocKind::Journal {
            assert_eq!(hit.person_id.as_deref(), Some(w.person.as_str()));
        }
    }
    // The consultation opens its record; the record's title is the person.
    let r = search(&mut w.v, &q("C-17"));
    let rec = search(&mut w.v, &q("doorstep"));
    let cons = r
        .groups
        .iter()
        .find(|g| g.kind == DocKind::Consultation)
        .expect("consultations");
    let record = rec
        .groups
        .iter()
        .find(|g| g.kind == DocKind::Record)
        .expect("records");
    assert_eq!(cons.hits[0].id, record.hits[0].id);
    assert_eq!(marked(&record.hits[0].title), "Sam Supervisee");
    assert_eq!(record.hits[0].date, Some(day(0)));
}

#[test]
fn prefix_case_and_diacritics() {
    let (_dir, mut v) =
        records_fixture::common::unlocked_vault(confidant_core::vault::Role::Supervisee, now());
    let id = journal(
        &mut v,
        "Supervision with Zoë at the CAFÉ was naïve but kind.",
    );
    for text in [
        "supervis",
        "SUPERVISION",
        "cafe",
        "Café",
        "zoe",
        "Zoë",
        "naive",
        "su",
    ] {
        let r = search(&mut v, &q(text));
        assert_eq!(hits(&r), vec![(DocKind::Journal, id.clone())], "{text:?}");
    }
    // A finished word (space after it) is whole, not a prefix.
    assert_eq!(search(&mut v, &q("supervis ")).total_matched, 0);
    // The snippet marks what matched, as text, never markup.
    let r = search(&mut v, &q("cafe"));
    let s = marked(&r.groups[0].hits[0].snippet);
    assert!(s.contains("[CAFÉ]"), "{s}");
    assert!(
        r.groups[0].hits[0].title.iter().any(|p| p.hit),
        "title highlighted too"
    );
}

#[test]
fn other_scripts() {
    let (_dir, mut v) =
        records_fixture::common::unlocked_vault(confidant_core::vault::Role::Supervisee, now());
    let ru = journal(&mut v, "Супервизия прошла спокойно. Łukasz and Αθηνά came.");
    let zh = journal(&mut v, "今天 王秀英 来了 督导");
    let cases = [
        ("супервизия", &ru),
        ("СУПЕРВИЗ", &ru),
        ("ŁUKASZ", &ru),
        ("ΑΘΗΝΆ", &ru),
        ("王秀英", &zh),
        ("王秀", &zh),
        ("督导", &zh),
    ];
    for (text, id) in cases {
        assert_eq!(
            hits(&search(&mut v, &q(text))),
            vec![(DocKind::Journal, id.clone())],
            "{text:?}"
        );
    }
    // Documented: a letter with a stroke is its own letter to unicode61
    // ("Ł" does not fold to "l", unlike "é" to "e").
    assert_eq!(search(&mut v, &q("lukasz")).total_matched, 0);
    // unicode61 removes Latin diacritics only: Greek tonos stays.
    assert_eq!(search(&mut v, &q("αθηνα")).total_matched, 0);
    // Documented: a word inside a longer CJK run is not found.
    journal(&mut v, "我们讨论了督导关系");
    assert_eq!(search(&mut v, &q("关系")).total_matched, 0);
}

#[test]
fn hostile_queries_never_raise_fts_errors() {
    let mut w = full_world();
    let queries = [
        "\"",
        "\"\"",
        "\"unclosed phrase",
        "*",
        "supervision*",
        "*supervision",
        "AND",
        "a AND OR NOT b",
        "NEAR(a b, 2)",
        "title:doorstep",
        "^doorstep",
        "(doorstep",
        "doorstep)",
        "-doorstep",
        "+doorstep",
        "{title body}: x",
        "''",
        "\\",
        "'; DROP TABLE docs; --",
        "\u{E000}doorstep\u{E001}",
        "\0",
        "NOT",
        "OR OR OR",
    ];
    for text in queries {
        let r = Search::of(&mut w.v).query(&q(text));
        assert!(r.is_ok(), "{text:?}: {r:?}");
    }
    // Operators are words: "doorstep AND" looks for both words.
    assert_eq!(
        search(&mut w.v, &q("doorstep OR nothinglikethis")).total_matched,
        0
    );
    // Column filters are not syntax: "title:doorstep" is the two words.
    assert_eq!(search(&mut w.v, &q("title:doorstep")).total_matched, 0);
    assert_eq!(search(&mut w.v, &q("(doorstep)")).total_matched, 1);
    // A phrase must be together; the words apart are not a phrase match.
    assert_eq!(
        search(&mut w.v, &q("\"doorstep supervision\"")).total_matched,
        1
    );
    assert_eq!(
        search(&mut w.v, &q("\"supervision doorstep\"")).total_matched,
        0
    );
    // Empty queries match nothing.
    for text in ["", "   ", "***", "\"\""] {
        assert_eq!(search(&mut w.v, &q(text)).total_matched, 0, "{text:?}");
    }
    // Too long: the documented error, for 10 KB as for one character over.
    let limit = confidant_core::validate::QUERY_CHARS;
    for text in ["x".repeat(10 * 1024), "é".repeat(limit + 1)] {
        match Search::of(&mut w.v).query(&q(&text)) {
            Err(Error::InvalidInput(m)) => assert!(m.contains("at most"), "{m}"),
            other => panic!("expected the length error, got {other:?}"),
        }
    }
    assert!(Search::of(&mut w.v).query(&q(&"é".repeat(limit))).is_ok());
}

#[test]
fn filters_sort_and_counts() {
    let mut w = full_world();
    let other = person(&mut w.v, "Ola Other", PersonKind::Person, vec![]);
    Contacts::of(&mut w.v)
        .create(
            &other,
            &ContactInput {
                date: date(2026, 2, 25),
                time: None,
                mode: ContactMode::Video,
                issue: "Another supervision question.".into(),
                advice: String::new(),
                risk_decision: String::new(),
                follow_up: String::new(),
            },
            now(),
        )
        .expect("contact");
    let all = search(&mut w.v, &q("supervision"));
    assert!(all.total_matched >= 3, "{:?}", kinds(&all));
    // Kind.
    let only = search(
        &mut w.v,
        &SearchQuery {
            kinds: vec![DocKind::Contact],
            ..q("supervision")
        },
    );
    assert_eq!(kinds(&only), vec![DocKind::Contact]);
    assert_eq!(only.total_matched, 1);
    // Person.
    let theirs = search(
        &mut w.v,
        &SearchQuery {
            person_id: Some(other.clone()),
            ..q("supervision")
        },
    );
    assert_eq!(theirs.total_matched, 1);
    assert_eq!(
        theirs.groups[0].hits[0].person_id.as_deref(),
        Some(other.as_str())
    );
    // Date range (inclusive); undated or out-of-range things drop out.
    let feb = search(
        &mut w.v,
        &SearchQuery {
            from: Some(date(2026, 2, 25)),
            to: Some(date(2026, 2, 25)),
            ..q("supervision")
        },
    );
    assert_eq!(feb.total_matched, 1);
    assert_eq!(feb.groups[0].kind, DocKind::Contact);
    let bad = Search::of(&mut w.v).query(&SearchQuery {
        from: Some(date(2026, 3, 1)),
        to: Some(date(2026, 2, 1)),
        ..q("supervision")
    });
    assert!(matches!(bad, Err(Error::InvalidInput(_))), "{bad:?}");
    // Tag: nothing is tagged here, so the filter leaves nothing.
    let tagged = search(
        &mut w.v,
        &SearchQuery {
            tag: Some("work".into()),
            ..q("supervision")
        },
    );
    assert_eq!(tagged.total_matched, 0);
    // Newest first follows the dates.
    let newest = search(
        &mut w.v,
        &SearchQuery {
            sort: SearchSort::Newest,
            ..q("supervision")
        },
    );
    let first = newest
        .groups
        .iter()
        .flat_map(|g| &g.hits)
        .map(|h| h.date)
        .max();
    assert_eq!(newest.groups[0].hits[0].date, first.flatten());
}

#[test]
fn best_match_and_total_matched_beyond_the_limit() {
    let (_dir, mut v) =
        records_fixture::common::unlocked_vault(confidant_core::vault::Role::Supervisee, now());
    for i in 0..60 {
        journal(
            &mut v,
            &format!("Entry {i} about the weather and little else."),
        );
    }
    let strong = journal(
        &mut v,
        "Burnout. Burnout again, burnout everywhere: burnout.",
    );
    journal(&mut v, "A long entry that mentions burnout once among many other words about travel, trains, tickets, delays and the sea.");
    let r = search(
        &mut v,
        &SearchQuery {
            limit: 50,
            ..q("weather")
        },
    );
    assert_eq!(r.total_matched, 60);
    assert_eq!(r.shown, 50);
    assert_eq!(r.groups[0].total, 60);
    assert_eq!(r.groups[0].hits.len(), 50);
    let best = search(&mut v, &q("burnout"));
    assert_eq!(best.total_matched, 2);
    assert_eq!(best.groups[0].hits[0].id, strong);
    let over = Search::of(&mut v).query(&SearchQuery {
        limit: 201,
        ..q("weather")
    });
    assert!(matches!(over, Err(Error::InvalidInput(_))));
}

#[test]
fn writes_after_the_build_are_found() {
    let mut w = full_world();
    assert_eq!(search(&mut w.v, &q("pelican")).total_matched, 0);
    let id = journal(&mut w.v, "A pelican at the window.");
    // Answering without rebuilding says the index is behind.
    let stale = Search::of(&mut w.v).answer(&q("pelican")).expect("answer");
    assert!(stale.updating);
    assert!(Search::of(&mut w.v).status().updating);
    let r = search(&mut w.v, &q("pelican"));
    assert_eq!(hits(&r), vec![(DocKind::Journal, id.clone())]);
    assert!(!r.updating);
    // An edit and a delete are seen too.
    Journal::of(&mut w.v)
        .update(&id, "A heron at the window.", now())
        .expect("update");
    assert_eq!(search(&mut w.v, &q("pelican")).total_matched, 0);
    assert_eq!(search(&mut w.v, &q("heron")).total_matched, 1);
    Journal::of(&mut w.v).delete(&id).expect("delete");
    assert_eq!(search(&mut w.v, &q("heron")).total_matched, 0);
    // A renamed person is found by the new name.
    let mut p = People::of(&mut w.v).get(&w.person).expect("get").fields;
    p.name = "Samira Quintero".into();
    People::of(&mut w.v)
        .update(&w.person, &p, now())
        .expect("rename");
    assert!(
        search(&mut w.v, &q("Quintero")).total_matched >= 2,
        "person and record"
    );
    // Reading does not make the index stale.
    let _ = People::of(&mut w.v).list().expect("list");
    assert!(!Search::of(&mut w.v).status().updating);
}

#[test]
fn the_background_protocol_answers_from_the_old_index_meanwhile() {
    let mut w = full_world();
    let first = Search::of(&mut w.v).answer(&q("doorstep")).expect("answer");
    assert_eq!(first.state, IndexState::Building, "nothing built yet");
    let job = Search::of(&mut w.v)
        .start_build()
        .expect("start")
        .expect("a job");
    assert!(
        Search::of(&mut w.v).start_build().expect("again").is_none(),
        "one at a time"
    );
    assert_eq!(Search::of(&mut w.v).status().state, IndexState::Building);
    let built = job.run();
    Search::of(&mut w.v).finish_build(built).expect("install");
    let status = Search::of(&mut w.v).status();
    assert_eq!((status.state, status.updating), (IndexState::Ready, false));
    assert_eq!((status.done, status.total), (0, 0), "no build under way");
    // A write: the old index answers, flagged, while a new one builds.
    journal(&mut w.v, "An osprey.");
    let job = Search::of(&mut w.v)
        .start_build()
        .expect("start")
        .expect("stale");
    let meanwhile = Search::of(&mut w.v).answer(&q("osprey")).expect("answer");
    assert_eq!(
        (meanwhile.state, meanwhile.updating),
        (IndexState::Ready, true)
    );
    assert_eq!(meanwhile.total_matched, 0);
    Search::of(&mut w.v)
        .finish_build(job.run())
        .expect("install");
    let after = Search::of(&mut w.v).answer(&q("osprey")).expect("answer");
    assert_eq!((after.total_matched, after.updating), (1, false));
}

#[test]
fn locking_drops_the_index_and_a_build_from_before_the_lock() {
    let mut w = full_world();
    search(&mut w.v, &q("doorstep"));
    let watch = Search::of(&mut w.v)
        .watch()
        .expect("watch")
        .expect("an index");
    assert!(watch.alive());
    journal(&mut w.v, "Before the lock.");
    let job = Search::of(&mut w.v)
        .start_build()
        .expect("start")
        .expect("stale");
    w.v.lock();
    assert!(!watch.alive(), "the index was dropped with the keys");
    assert!(matches!(
        Search::of(&mut w.v).query(&q("doorstep")),
        Err(Error::Locked)
    ));
    assert!(matches!(
        Search::of(&mut w.v).answer(&q("doorstep")),
        Err(Error::Locked)
    ));
    assert_eq!(Search::of(&mut w.v).status().state, IndexState::Locked);
    // A build finishing after lock (and after a new unlock) is dropped.
    let built = job.run();
    Search::of(&mut w.v)
        .finish_build(built)
        .expect("dropped while locked");
    w.v.unlock(None, now()).expect("unlock");
    let job2 = Search::of(&mut w.v).start_build().expect("start");
    assert!(job2.is_some(), "a new session starts with no index");
    assert!(Search::of(&mut w.v).watch().expect("watch").is_none());
}

#[test]
fn a_session_build_from_an_earlier_unlock_is_not_installed() {
    let mut w = full_world();
    let job = Search::of(&mut w.v)
        .start_build()
        .expect("start")
        .expect("job");
    w.v.lock();
    w.v.unlock(None, now()).expect("unlock");
    Search::of(&mut w.v)
        .finish_build(job.run())
        .expect("finish");
    assert!(Search::of(&mut w.v).watch().expect("watch").is_none());
    assert_eq!(Search::of(&mut w.v).status().state, IndexState::Building);
}

#[test]
fn nothing_found_in_an_empty_vault_is_not_an_error() {
    let (_dir, mut v) =
        records_fixture::common::unlocked_vault(confidant_core::vault::Role::Supervisee, now());
    let r = search(&mut v, &q("anything"));
    assert_eq!((r.total_matched, r.shown, r.groups.len()), (0, 0, 0));
    let _ = NaiveDate::MIN;
}
