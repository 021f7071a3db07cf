//! Every kind of bad input is a specific error and writes nothing.

use super::*;

/// Runs `f`, which must fail with an error `check` accepts, and checks that
/// no row of any table changed.
fn refused(
    dir: &Path,
    v: &mut Vault,
    what: &str,
    check: fn(&Error) -> bool,
    f: impl FnOnce(&mut Vault) -> Result<(), Error>,
) {
    let before = snapshot(dir);
    let err = f(v).expect_err(what);
    assert!(check(&err), "{what}: unexpected error {err:?}");
    assert!(!err.to_string().is_empty());
    assert_eq!(snapshot(dir), before, "{what}: something was written");
}

fn invalid(e: &Error) -> bool {
    matches!(e, Error::InvalidInput(_))
}

fn empty(e: &Error) -> bool {
    matches!(e, Error::Empty(_))
}

fn not_found(e: &Error) -> bool {
    matches!(e, Error::NotFound(_))
}

#[test]
fn bad_input_is_a_specific_error_and_writes_nothing() {
    let (dir, mut v) = vault();
    let d = dir.path();
    let sam = supervisee(&mut v, "Sam Okafor");
    let alex = supervisee(&mut v, "Alex Ng");
    let org = add(
        &mut v,
        PersonKind::Organisation,
        Relation::None,
        "Northside Crisis Line",
    );
    let group = add(
        &mut v,
        PersonKind::Group,
        Relation::ISupervise,
        "Night shift group",
    );
    let boss = add(
        &mut v,
        PersonKind::Person,
        Relation::SupervisesMe,
        "Dana Whitfield",
    );
    let de = skill_id(&mut v, "De-escalation");
    let advocacy = skill_id(&mut v, "Advocacy");
    Goals::of(&mut v)
        .skill_retire(&advocacy, now())
        .expect("retire");
    let goal = Goals::of(&mut v)
        .create(Some(&sam), &fields("Calm calls", vec![de.clone()]), now())
        .expect("goal")
        .summary
        .goal;
    let alex_goal = Goals::of(&mut v)
        .create(Some(&alex), &fields("Alex's goal", vec![]), now())
        .expect("goal")
        .summary
        .goal;
    let dropped = Goals::of(&mut v)
        .create(Some(&sam), &fields("Dropped goal", vec![]), now())
        .expect("goal")
        .summary
        .goal;
    Goals::of(&mut v)
        .set_status(&dropped.id, GoalStatus::Dropped, day(11, 1), "", now())
        .expect("dropped");
    Goals::of(&mut v)
        .set_stage(
            &sam,
            &StageInput {
                stage: DevelopmentStage::Developing,
                set_on: day(10, 1),
                note: String::new(),
            },
            now(),
        )
        .expect("stage");
    let unknown = uuid::Uuid::new_v4().to_string();
    let later = at(11, 10, 9);

    let create = |person: Option<&str>, f: GoalFields| {
        let person = person.map(String::from);
        move |v: &mut Vault| {
            Goals::of(v)
                .create(person.as_deref(), &f, later)
                .map(|_| ())
        }
    };
    refused(
        d,
        &mut v,
        "empty title",
        empty,
        create(Some(&sam), fields("  ", vec![])),
    );
    let mut early = fields("Early", vec![]);
    early.target_date = Some(day(11, 9));
    refused(
        d,
        &mut v,
        "target before creation",
        invalid,
        create(Some(&sam), early),
    );
    let mut weeks = fields("Weeks", vec![]);
    weeks.check_in_weeks = 0;
    refused(d, &mut v, "interval 0", invalid, create(Some(&sam), weeks));
    refused(
        d,
        &mut v,
        "unknown skill",
        invalid,
        create(Some(&sam), fields("S", vec![unknown.clone()])),
    );
    refused(
        d,
        &mut v,
        "skill twice",
        invalid,
        create(Some(&sam), fields("S", vec![de.clone(), de.clone()])),
    );
    refused(
        d,
        &mut v,
        "retired skill",
        invalid,
        create(Some(&sam), fields("S", vec![advocacy.clone()])),
    );
    refused(
        d,
        &mut v,
        "unknown person",
        not_found,
        create(Some(&unknown), fields("S", vec![])),
    );
    refused(
        d,
        &mut v,
        "not an id",
        invalid,
        create(Some("nope"), fields("S", vec![])),
    );
    refused(
        d,
        &mut v,
        "an organisation",
        invalid,
        create(Some(&org), fields("S", vec![])),
    );
    refused(
        d,
        &mut v,
        "a group",
        invalid,
        create(Some(&group), fields("S", vec![])),
    );
    refused(
        d,
        &mut v,
        "my supervisor",
        invalid,
        create(Some(&boss), fields("S", vec![])),
    );

    let gid = goal.id.clone();
    refused(d, &mut v, "same status", invalid, |v| {
        Goals::of(v)
            .set_status(&gid, GoalStatus::Active, day(11, 5), "", later)
            .map(|_| ())
    });
    refused(d, &mut v, "status dated before the goal", invalid, |v| {
        Goals::of(v)
            .set_status(&gid, GoalStatus::Achieved, day(10, 31), "", later)
            .map(|_| ())
    });
    refused(d, &mut v, "status dated in the future", invalid, |v| {
        Goals::of(v)
            .set_status(&gid, GoalStatus::Achieved, day(11, 11), "", later)
            .map(|_| ())
    });
    refused(d, &mut v, "an edit that changes nothing", invalid, |v| {
        Goals::of(v).update(&gid, &goal.fields, later).map(|_| ())
    });
    refused(d, &mut v, "unknown goal", not_found, |v| {
        Goals::of(v).get(&unknown).map(|_| ())
    });

    let check = |id: String, c: CheckInInput| {
        move |v: &mut Vault| Goals::of(v).check_in(&id, &c, later).map(|_| ())
    };
    for rating in [0, 6] {
        refused(
            d,
            &mut v,
            "rating outside 1-5",
            invalid,
            check(gid.clone(), check_in(day(11, 5), rating)),
        );
    }
    refused(
        d,
        &mut v,
        "check-in on a dropped goal",
        invalid,
        check(dropped.id.clone(), check_in(day(11, 5), 3)),
    );
    refused(
        d,
        &mut v,
        "check-in before the goal",
        invalid,
        check(gid.clone(), check_in(day(10, 31), 3)),
    );
    refused(
        d,
        &mut v,
        "check-in in the future",
        invalid,
        check(gid.clone(), check_in(day(11, 11), 3)),
    );
    let mut no_note = check_in(day(11, 5), 3);
    no_note.progress_note = "\n ".into();
    refused(
        d,
        &mut v,
        "empty progress note",
        empty,
        check(gid.clone(), no_note),
    );
    let mut blank_ref = check_in(day(11, 5), 3);
    blank_ref.evidence[0].reference = " ".into();
    refused(
        d,
        &mut v,
        "evidence without a reference",
        empty,
        check(gid.clone(), blank_ref),
    );
    let mut bad_coaching = check_in(day(11, 5), 3);
    bad_coaching.coaching_id = Some(unknown.clone());
    refused(
        d,
        &mut v,
        "unknown coaching record",
        not_found,
        check(gid.clone(), bad_coaching),
    );

    let coach =
        |c: CoachingInput| move |v: &mut Vault| Goals::of(v).coaching_create(&c, later).map(|_| ());
    let mut c = coaching(&sam, &de, CoachingMethod::CaseReview);
    c.how_it_went = String::new();
    refused(d, &mut v, "coaching without how it went", empty, coach(c));
    refused(
        d,
        &mut v,
        "coaching with a retired skill",
        invalid,
        coach(coaching(&sam, &advocacy, CoachingMethod::CaseReview)),
    );
    refused(
        d,
        &mut v,
        "coaching with an unknown skill",
        invalid,
        coach(coaching(&sam, &unknown, CoachingMethod::CaseReview)),
    );
    refused(
        d,
        &mut v,
        "coaching for an organisation",
        invalid,
        coach(coaching(&org, &de, CoachingMethod::CaseReview)),
    );
    let mut wrong_goal = coaching(&sam, &de, CoachingMethod::CaseReview);
    wrong_goal.goal_id = Some(alex_goal.id.clone());
    refused(
        d,
        &mut v,
        "coaching linked to another person's goal",
        invalid,
        coach(wrong_goal),
    );
    let mut bad_zone = coaching(&sam, &de, CoachingMethod::CaseReview);
    bad_zone.follow_up = Some(FollowUpInput {
        start: day(11, 22).and_hms_opt(10, 0, 0).expect("time"),
        minutes: 30,
        time_zone: "Mars/Olympus_Mons".into(),
    });
    refused(
        d,
        &mut v,
        "a follow-up in an unknown time zone",
        invalid,
        coach(bad_zone),
    );

    let stage = |person: String, s: DevelopmentStage| {
        move |v: &mut Vault| {
            Goals::of(v)
                .set_stage(
                    &person,
                    &StageInput {
                        stage: s,
                        set_on: day(11, 5),
                        note: String::new(),
                    },
                    later,
                )
                .map(|_| ())
        }
    };
    refused(
        d,
        &mut v,
        "the same stage",
        invalid,
        stage(sam.clone(), DevelopmentStage::Developing),
    );
    refused(
        d,
        &mut v,
        "a stage for an organisation",
        invalid,
        stage(org.clone(), DevelopmentStage::Experienced),
    );

    refused(d, &mut v, "an empty skill name", empty, |v| {
        Goals::of(v).skill_add(" ", later).map(|_| ())
    });
    refused(d, &mut v, "a duplicate skill", invalid, |v| {
        Goals::of(v).skill_add("de-escalation", later).map(|_| ())
    });
    let de2 = de.clone();
    refused(d, &mut v, "renaming to a used name", invalid, move |v| {
        Goals::of(v)
            .skill_rename(&de2, "Case management", later)
            .map(|_| ())
    });
    refused(d, &mut v, "retiring twice", invalid, move |v| {
        Goals::of(v).skill_retire(&advocacy, later).map(|_| ())
    });

    // Control: the snapshot sees a write.
    let before = snapshot(d);
    Goals::of(&mut v)
        .check_in(&gid, &check_in(day(11, 5), 3), later)
        .expect("a good check-in");
    assert_ne!(snapshot(d), before);
}
