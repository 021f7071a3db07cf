//! Marker test for session records: a distinct random marker in every
//! sealed field of a record (draft and final), its addenda, action items,
//! acknowledgement and agenda is never found in any file of the data
//! folder (database, WAL, shared memory), neither while the connection is
//! open nor after it is closed. Positive control: the record's id, a
//! plaintext column, is found by the same scan.

mod records_fixture;

use confidant_core::records::{
    ActionItemInput, ActionOwner, ActionStatus, AddendumInput, AgendaItem, CaseConsultation,
    CaseLink, EthicalDecision, FocusType, FunctionCovered, MemberAttendance, MemberNote, RaisedBy,
    RecordContent, Records,
};
use records_fixture::common::scan::{assert_no_hits, random_hex, scan, Needles};
use records_fixture::{day, now, world, World};

struct Markers {
    needles: Needles,
    n: usize,
}

impl Markers {
    fn new() -> Self {
        Markers {
            needles: Needles::default(),
            n: 0,
        }
    }

    /// A fresh marker, registered under `label`.
    fn m(&mut self, label: &str) -> String {
        self.n += 1;
        let text = format!("Mk{}", random_hex(12));
        self.needles.text(label, &text);
        text
    }
}

fn fill(w: &mut World, k: &mut Markers) -> (String, Vec<String>) {
    let (ana, ben) = (w.members[0].clone(), w.members[1].clone());
    let own = AgendaItem {
        text: k.m("an agenda's own item"),
        focus: FocusType::Workload,
        raised_by: RaisedBy::Member(ana.clone()),
        carry_over: false,
    };
    Records::of(&mut w.v)
        .agenda_save(&w.keys[0], &[own], now())
        .expect("agenda");
    w.hold(0);
    let r = Records::of(&mut w.v)
        .start(&w.keys[0], now())
        .expect("start");
    // A case reference is a short code: the marker is its letters (a-p,
    // so it never reads as a number the name guard would refuse).
    let letters: String = random_hex(5)
        .chars()
        .map(|c| char::from(b'a' + c.to_digit(16).unwrap_or(0) as u8))
        .collect();
    let case = format!("K{letters}-7");
    k.needles.text("a case reference", &case);
    let mut c = RecordContent {
        agenda_items: vec![AgendaItem {
            text: k.m("an agenda item"),
            focus: FocusType::EthicalConcern,
            raised_by: RaisedBy::Supervisor,
            carry_over: true,
        }],
        exploration: k.m("exploration notes"),
        decisions: vec![k.m("a decision")],
        key_learning: k.m("key learning"),
        consultations: vec![CaseConsultation {
            case_reference: case,
            supervisee_id: Some(ana.clone()),
            presenting_issue: k.m("a presenting issue"),
            approaches_tried: k.m("approaches tried"),
            guidance: k.m("guidance"),
            link: Some(CaseLink {
                id: k.m("a link id"),
                label: k.m("a link label"),
            }),
        }],
        ethical_decisions: vec![EthicalDecision {
            issue: k.m("an ethical issue"),
            raised_by: RaisedBy::Member(ben.clone()),
            raised_on: Some(day(0)),
            options: vec![k.m("an option"), k.m("another option")],
            decision: k.m("an ethical decision"),
            rationale: k.m("a rationale"),
            consulted: k.m("who was consulted"),
        }],
        action_items: vec![ActionItemInput {
            id: String::new(),
            text: k.m("an action item"),
            owner: Some(ActionOwner::Member(ben.clone())),
            due: Some(day(1)),
            status: ActionStatus::Open,
        }],
        attendance: vec![
            MemberAttendance {
                member_id: ana.clone(),
                attendance: confidant_core::records::Attendance::Present,
            },
            MemberAttendance {
                member_id: ben.clone(),
                attendance: confidant_core::records::Attendance::Absent,
            },
        ],
        shared_notes: k.m("shared notes"),
        member_notes: vec![MemberNote {
            member_id: ana.clone(),
            text: k.m("a member's own note"),
        }],
        ..RecordContent::default()
    };
    c.functions.normative = FunctionCovered {
        ticked: true,
        note: k.m("a normative note"),
    };
    c.functions.formative = FunctionCovered {
        ticked: false,
        note: k.m("a formative note"),
    };
    c.functions.restorative = FunctionCovered {
        ticked: true,
        note: k.m("a restorative note"),
    };
    c.wellbeing.reported = k.m("wellbeing reported");
    c.wellbeing.agreed = k.m("wellbeing agreed");
    c.feedback.strengths = k.m("strengths");
    c.feedback.development = k.m("areas for development");
    c.feedback.on_supervision = k.m("feedback on supervision");
    let saved = Records::of(&mut w.v)
        .save_draft(&r.id, r.revision, &c, now())
        .expect("save");
    // A second autosave replaces the first (old versions must not linger either).
    let mut c2 = c.clone();
    c2.action_items[0].id = saved.content.action_items[0].id.clone();
    c2.key_learning = k.m("key learning, second save");
    Records::of(&mut w.v)
        .save_draft(&r.id, saved.revision, &c2, now())
        .expect("save again");
    let signed = k.m("the signed name");
    Records::of(&mut w.v)
        .finalise(&r.id, &signed, now())
        .expect("final");
    for member in [None, Some(ben.clone())] {
        let input = AddendumInput {
            text: k.m("an addendum"),
            author: k.m("an addendum's author"),
            member_id: member,
        };
        Records::of(&mut w.v)
            .add_addendum(&r.id, &input, now())
            .expect("addendum");
    }
    Records::of(&mut w.v)
        .acknowledge_by_hand(&r.id, &k.m("the acknowledging name"), day(0), now())
        .expect("ack");
    // Everything reads back: the markers were really written.
    let as_ana = Records::of(&mut w.v).get(&r.id, Some(&ana)).expect("read");
    let json = serde_json::to_string(&as_ana).expect("json");
    assert!(json.contains(&c.exploration) && json.contains(&c.member_notes[0].text));
    assert!(json.contains(&signed));
    (r.id, vec![ana, ben])
}

#[test]
fn no_sealed_field_of_a_record_reaches_the_disk() {
    let mut w = world(true);
    let mut k = Markers::new();
    let (record_id, _) = fill(&mut w, &mut k);
    assert!(k.n >= 30, "{} markers", k.n);

    // Open connection: the recent writes are in the WAL.
    let open = scan(w.dir.path(), &k.needles);
    assert_no_hits(&open);
    println!(
        "open: {} files, {} needles, 0 hits",
        open.files.len(),
        k.needles.0.len()
    );

    // Positive control: the same scan finds the plaintext record id.
    let mut control = Needles::default();
    control.text("the record id", &record_id);
    assert!(
        !scan(w.dir.path(), &control).hits.is_empty(),
        "the scan finds plaintext columns"
    );

    let World { dir, v, .. } = w;
    drop(v);
    let closed = scan(dir.path(), &k.needles);
    assert_no_hits(&closed);
    assert!(!scan(dir.path(), &control).hits.is_empty());
}
