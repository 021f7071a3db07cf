//! A damaged row fails alone; the lists still load.

use super::*;

#[test]
fn a_flipped_byte_damages_only_that_goal() {
    let (dir, mut v) = vault();
    let sam = supervisee(&mut v, "Sam Okafor");
    let a = Goals::of(&mut v)
        .create(Some(&sam), &fields("First", vec![]), now())
        .expect("goal")
        .summary
        .goal
        .id;
    let b = Goals::of(&mut v)
        .create(Some(&sam), &fields("Second", vec![]), now())
        .expect("goal")
        .summary
        .goal
        .id;
    Goals::of(&mut v)
        .create(None, &fields("Mine", vec![]), now())
        .expect("own");
    let conn = db(dir.path());
    let mut body: Vec<u8> = conn
        .query_row("SELECT body FROM goals WHERE id = ?1", [&a], |r| r.get(0))
        .expect("body");
    let middle = body.len() / 2;
    body[middle] ^= 0x04;
    conn.execute(
        "UPDATE goals SET body = ?2 WHERE id = ?1",
        rusqlite::params![a, body],
    )
    .expect("tamper");

    assert!(matches!(
        Goals::of(&mut v).get(&a),
        Err(Error::Integrity(_))
    ));
    let list = Goals::of(&mut v)
        .list(Some(&sam))
        .expect("the list still loads");
    assert_eq!(list.damaged, [a.as_str()]);
    assert_eq!(list.goals.len(), 1);
    assert_eq!(list.goals[0].goal.id, b);
    assert_eq!(Goals::of(&mut v).list_all().expect("all").goals.len(), 2);
    assert!(Goals::of(&mut v).get(&b).is_ok());

    // A check-in moved to another goal on disk is damaged, not adopted.
    Goals::of(&mut v)
        .check_in(&b, &check_in(day(11, 1), 4), now())
        .expect("check-in");
    let own = Goals::of(&mut v).list(None).expect("own").goals[0]
        .goal
        .id
        .clone();
    conn.execute("UPDATE goal_check_ins SET goal_id = ?1", [&own])
        .expect("move");
    let d = Goals::of(&mut v).get(&own).expect("own goal");
    assert_eq!(kinds(&d), ["created", "damaged"]);
    assert_eq!(d.summary.last_check_in, None);
}

#[test]
fn a_goal_moved_to_another_person_or_redated_on_disk_is_damaged() {
    let (dir, mut v) = vault();
    let sam = supervisee(&mut v, "Sam Okafor");
    let alex = supervisee(&mut v, "Alex Ng");
    let moved = Goals::of(&mut v)
        .create(Some(&sam), &fields("Moved", vec![]), now())
        .expect("goal")
        .summary
        .goal
        .id;
    let redated = Goals::of(&mut v)
        .create(Some(&alex), &fields("Redated", vec![]), now())
        .expect("goal")
        .summary
        .goal
        .id;
    let conn = db(dir.path());
    conn.execute(
        "UPDATE goals SET person_id = ?2 WHERE id = ?1",
        [&moved, &alex],
    )
    .expect("move");
    conn.execute(
        "UPDATE goals SET created_at = created_at - 86400000 WHERE id = ?1",
        [&redated],
    )
    .expect("redate");
    for id in [&moved, &redated] {
        assert!(matches!(
            Goals::of(&mut v).get(id),
            Err(Error::Integrity(_))
        ));
    }
    let list = Goals::of(&mut v)
        .list(Some(&alex))
        .expect("the list still loads");
    assert!(list.goals.is_empty());
    assert_eq!(list.damaged.len(), 2);
}
