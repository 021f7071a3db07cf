//! A group member's page lists the group's final records, to open in the
//! member's own view.

mod records_fixture;

use confidant_core::people::PersonKind;
use confidant_core::records::{ActionOwner, Attendance, MemberAttendance, RecordStatus, Records};
use records_fixture::{complete, day, now, person, world};

#[test]
fn a_member_sees_the_final_records_of_their_groups_only() {
    let mut w = world(true);
    let (ana, ben) = (w.members[0].clone(), w.members[1].clone());
    let outsider = person(&mut w.v, "Cara Outside", PersonKind::Person, vec![]);
    w.hold(0);
    w.hold(1);
    w.hold(2);
    let mut ids = Vec::new();
    for i in 0..3 {
        let r = Records::of(&mut w.v)
            .start(&w.keys[i], now())
            .expect("start");
        let mut c = complete(day(i));
        for a in &mut c.action_items {
            a.owner = Some(ActionOwner::Member(ben.clone()));
        }
        c.consultations[0].supervisee_id = Some(ana.clone());
        c.attendance = [&ana, &ben]
            .into_iter()
            .map(|m| MemberAttendance {
                member_id: m.clone(),
                attendance: Attendance::Present,
            })
            .collect();
        Records::of(&mut w.v)
            .save_draft(&r.id, r.revision, &c, now())
            .expect("save");
        // Sessions 0 and 2 are finalised; session 1 stays a draft.
        if i != 1 {
            Records::of(&mut w.v)
                .finalise(&r.id, "Dr Supervisor", now())
                .expect("final");
        }
        ids.push(r.id);
    }

    for member in [&ana, &ben] {
        let listed = Records::of(&mut w.v)
            .group_records_of(member)
            .expect("list");
        let got: Vec<_> = listed.iter().map(|r| r.id.clone()).collect();
        assert_eq!(
            got,
            [ids[2].clone(), ids[0].clone()],
            "newest first, finals only"
        );
        assert!(listed.iter().all(|r| r.status == RecordStatus::Final));
        assert!(listed.iter().all(|r| r.person_id == w.person));
    }
    assert!(Records::of(&mut w.v)
        .group_records_of(&outsider)
        .expect("outsider")
        .is_empty());
    assert!(Records::of(&mut w.v).group_records_of("not an id").is_err());
}
