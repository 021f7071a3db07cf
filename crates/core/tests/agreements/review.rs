//! Agreements due for review.

use super::*;

// ----- review reminders ---------------------------------------------------------

#[test]
fn agreements_due_for_review_are_those_in_force_with_a_review_date_past_or_near() {
    let (_d, mut v) = vault();
    let day = |n: i64| {
        if n >= 0 {
            today().checked_add_days(Days::new(n as u64)).expect("date")
        } else {
            today()
                .checked_sub_days(Days::new(n.unsigned_abs()))
                .expect("date")
        }
    };
    let agreed_with =
        |v: &mut Vault, name: &str, effective: i64, review: Option<i64>| -> (Person, Agreement) {
            let p = supervisee(v, name);
            let a = Agreements::of(v)
                .create_draft(&p.id, &dana(), now())
                .expect("draft");
            let mut c = a.content.clone();
            c.effective_date = Some(day(effective));
            c.review_date = review.map(day);
            let a = Agreements::of(v).update(&a.id, &c, now()).expect("dates");
            let a = acknowledge_all(v, &a);
            (p, a)
        };
    let (_sam, sam_a) = agreed_with(&mut v, "Sam", 0, Some(365));
    let (_alex, alex_a) = agreed_with(&mut v, "Alex", -300, Some(10));
    let (_jo, jo_a) = agreed_with(&mut v, "Jo", -400, Some(-3));
    let (_no_date, _) = agreed_with(&mut v, "Nico", -30, None);
    let (lee, _) = agreed_with(&mut v, "Lee", -400, Some(-1));
    People::of(&mut v)
        .set_archived(&lee.id, true, now())
        .expect("archive lee");
    // A draft with a past review date is not in force: not listed.
    let kim = supervisee(&mut v, "Kim");
    let kim_draft = Agreements::of(&mut v)
        .create_draft(&kim.id, &dana(), now())
        .expect("kim");
    let mut c = kim_draft.content.clone();
    c.effective_date = Some(day(-60));
    c.review_date = Some(day(-1));
    Agreements::of(&mut v)
        .update(&kim_draft.id, &c, now())
        .expect("kim dates");
    // A superseded version with a past review date is not listed either;
    // its replacement is, by its own date.
    let (ria, ria_v1) = agreed_with(&mut v, "Ria", -400, Some(-5));
    let ria_v2 = Agreements::of(&mut v)
        .revise(&ria_v1.id, now())
        .expect("revise");
    let mut c = ria_v2.content.clone();
    c.review_date = Some(day(20));
    let ria_v2 = Agreements::of(&mut v)
        .update(&ria_v2.id, &c, now())
        .expect("ria dates");
    let ria_v2 = acknowledge_all(&mut v, &ria_v2);
    assert_eq!(ria_v2.person_id, ria.id);

    let due = Agreements::of(&mut v)
        .due_for_review(now(), 30)
        .expect("due");
    let got: Vec<_> = due
        .iter()
        .map(|d| (d.person_name.as_str(), d.days_until_review, d.version))
        .collect();
    assert_eq!(got, vec![("Jo", -3, 1), ("Alex", 10, 1), ("Ria", 20, 2)]);
    assert_eq!(due[0].agreement_id, jo_a.id);
    assert_eq!(due[1].agreement_id, alex_a.id);
    assert!(due.iter().all(|d| !d.damaged));

    let overdue_only = Agreements::of(&mut v)
        .due_for_review(now(), 0)
        .expect("due today");
    assert_eq!(
        overdue_only
            .iter()
            .map(|d| d.person_name.as_str())
            .collect::<Vec<_>>(),
        vec!["Jo"]
    );
    let year = Agreements::of(&mut v)
        .due_for_review(now(), 365)
        .expect("a year");
    assert_eq!(year.last().map(|d| d.agreement_id.clone()), Some(sam_a.id));
    assert!(matches!(
        Agreements::of(&mut v).due_for_review(now(), 100_000),
        Err(Error::InvalidInput(_))
    ));
}
