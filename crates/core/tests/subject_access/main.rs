//! The subject-access export and erasure (issue 8): a world with every kind
//! of data for one person (Ana, a member of a group) and for another (Ben,
//! in the same group). Ana's export holds a marker from every domain and
//! none of Ben's; it validates against docs/subject-access.schema.json
//! (Python's jsonschema when installed, else a structural check in Rust);
//! its PDF (through `pdftotext`) shows the same markers. Erasing Ana
//! deletes her rows and destroys her data key: her rows' sealed bytes and
//! her wrapped key are in no file of the data folder afterwards (positive
//! control: Ben's are), Ben's data still opens, also after locking, and Ana
//! is in no list.
#![allow(clippy::disallowed_methods)] // tests may shell out and read files

#[path = "../records_fixture/mod.rs"]
mod records_fixture;

mod erase;
mod export;
mod retention;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{Duration, NaiveDate};
use confidant_core::agreements::{AcknowledgementInput, Agreements, Fee, FeeBasis, PartyDetails};
use confidant_core::contacts::{ContactInput, ContactMode, Contacts};
use confidant_core::evaluations::{AreaRatingInput, EvaluationInput, EvaluationKind, Evaluations};
use confidant_core::exception_log::{Discussed, ExceptionInput, ExceptionKind, ExceptionLog};
use confidant_core::goals::{CheckInInput, CoachingInput, CoachingMethod, DevelopmentStage};
use confidant_core::goals::{GoalFields, GoalTerm, Goals, StageInput};
use confidant_core::hours::{Hours, ManualEntryInput, SupervisionForm};
use confidant_core::invoices::{InvoiceRequest, Invoices};
use confidant_core::people::People;
use confidant_core::records::{AddendumInput, Attendance, MemberAttendance, MemberNote, Records};
use confidant_core::schedule::{
    CancelInput, CancelledBy, OccurrenceKey, ReminderSetting, Schedule, SeriesInput, SessionKind,
    SessionStatus,
};
use confidant_core::vault::Vault;
use records_fixture::common::scan::random_hex;
use records_fixture::{complete, date, day, now, utc, world};

/// Markers typed into one person's data, by domain.
pub struct Marks(pub Vec<(&'static str, String)>);

impl Marks {
    fn new(who: &str, domains: &[&'static str]) -> Marks {
        Marks(
            domains
                .iter()
                .map(|d| (*d, format!("{who}{}{}", &d[..3], random_hex(6))))
                .collect(),
        )
    }
    pub fn get(&self, domain: &str) -> String {
        self.0
            .iter()
            .find(|(d, _)| *d == domain)
            .map(|(_, m)| m.clone())
            .expect("a marker for that domain")
    }
}

const ANA_DOMAINS: &[&str] = &[
    "details",
    "agreement",
    "cancellation",
    "record",
    "addendum",
    "consultation",
    "groupnote",
    "shared",
    "exception",
    "exaddendum",
    "contact",
    "goal",
    "checkin",
    "stage",
    "coaching",
    "hours",
    "evaluation",
];
const BEN_DOMAINS: &[&str] = &["details", "groupnote", "exception", "contact", "goal"];

pub struct Scene {
    pub w: records_fixture::World,
    pub ana: String,
    pub ben: String,
    pub a: Marks,
    pub b: Marks,
}

pub fn owner() -> PartyDetails {
    PartyDetails {
        name: "Dr Dana Whitfield".into(),
        professional_role: "Clinical supervisor".into(),
        organisation: "Whitfield Supervision".into(),
        licence_number: "LCSW-S 58213".into(),
        licence_body: "Texas Behavioral Health Executive Council".into(),
    }
}

pub fn exception(concern: &str, on: NaiveDate) -> ExceptionInput {
    ExceptionInput {
        date: on,
        kind: ExceptionKind::RiskOfHarm,
        concern: concern.into(),
        shared: "The minimum needed.".into(),
        recipient_organisation: "County safeguarding team".into(),
        recipient_role: "Duty social worker".into(),
        basis: "Risk of serious harm.".into(),
        discussed: Discussed::Yes,
        discussed_how: "In the session.".into(),
        response: "Agreed.".into(),
        outcome: "Referral made.".into(),
    }
}

pub fn contact(issue: &str, on: NaiveDate) -> ContactInput {
    ContactInput {
        date: on,
        time: None,
        mode: ContactMode::Phone,
        issue: issue.into(),
        advice: "Call the duty team.".into(),
        risk_decision: String::new(),
        follow_up: String::new(),
    }
}

pub fn goal(title: &str) -> GoalFields {
    GoalFields {
        title: title.into(),
        description: String::new(),
        term: GoalTerm::Short,
        target_date: None,
        skill_ids: vec![],
        check_in_weeks: 4,
    }
}

/// One individual session with `who` on `on` at 10:00 London time.
pub fn one_off(v: &mut Vault, who: &str, on: NaiveDate) -> OccurrenceKey {
    let start = on.and_hms_opt(10, 0, 0).expect("time");
    let input = SeriesInput {
        person_id: who.into(),
        kind: SessionKind::Individual,
        time_zone: "Europe/London".into(),
        start,
        end: start + Duration::minutes(60),
        recurrence: None,
        location: String::new(),
        reminder: ReminderSetting::Default,
        calendar_code: String::new(),
    };
    let change = Schedule::of(v)
        .create(&input, utc(2025, 12, 2, 9))
        .expect("one-off");
    OccurrenceKey {
        series_id: change.series[0].id.clone(),
        original_start: start,
    }
}

pub fn person_data(v: &mut Vault, who: &str, m: &Marks) {
    let mut p = People::of(v).get(who).expect("person").fields;
    p.notes = m.get("details");
    People::of(v).update(who, &p, now()).expect("details");
    Contacts::of(v)
        .create(who, &contact(&m.get("contact"), date(2026, 2, 20)), now())
        .expect("contact");
    ExceptionLog::of(v)
        .record(
            who,
            &exception(&m.get("exception"), date(2026, 2, 21)),
            now(),
        )
        .expect("exception");
    Goals::of(v)
        .create(Some(who), &goal(&m.get("goal")), now())
        .expect("goal");
}

pub fn scene() -> Scene {
    let mut w = world(true);
    let (ana, ben) = (w.members[0].clone(), w.members[1].clone());
    let a = Marks::new("ana", ANA_DOMAINS);
    let b = Marks::new("ben", BEN_DOMAINS);
    person_data(&mut w.v, &ana, &a);
    person_data(&mut w.v, &ben, &b);
    let v = &mut w.v;

    // An agreement with Ana, acknowledged by both.
    let draft = Agreements::of(v)
        .create_draft(&ana, &owner(), now())
        .expect("draft");
    let mut content = draft.content.clone();
    content.purpose = a.get("agreement");
    content.fee = Fee {
        amount_minor: Some(9000),
        currency: "GBP".into(),
        basis: FeeBasis::PerSession,
        late_cancellation_percent: 50,
    };
    let draft = Agreements::of(v)
        .update(&draft.id, &content, now())
        .expect("update");
    for p in &draft.content.parties {
        let ack = AcknowledgementInput {
            party_id: p.party_id.clone(),
            typed_name: p.name.clone(),
            date: now().date_naive(),
        };
        Agreements::of(v)
            .acknowledge(&draft.id, &ack, now())
            .expect("acknowledge");
    }

    // Ana's own sessions: one held with a final record and an addendum,
    // one cancelled with a reason.
    let held = one_off(v, &ana, date(2026, 2, 10));
    Schedule::of(v)
        .set_status(&held, SessionStatus::Held, now())
        .expect("held");
    let r = Records::of(v).start(&held, now()).expect("start");
    let mut c = complete(date(2026, 2, 10));
    c.exploration = a.get("record");
    c.consultations[0].presenting_issue = a.get("consultation");
    Records::of(v)
        .save_draft(&r.id, r.revision, &c, now())
        .expect("save");
    Records::of(v)
        .finalise(&r.id, "Dr Dana Whitfield", now())
        .expect("final");
    let add = AddendumInput {
        text: a.get("addendum"),
        author: "Dr Dana Whitfield".into(),
        member_id: None,
    };
    Records::of(v)
        .add_addendum(&r.id, &add, now())
        .expect("addendum");
    let cancelled = one_off(v, &ana, date(2026, 2, 17));
    let cancel = CancelInput {
        by: CancelledBy::Supervisee,
        reason: a.get("cancellation"),
        notice_hours: None,
    };
    Schedule::of(v)
        .cancel(&cancelled, &cancel, utc(2026, 2, 16, 9))
        .expect("cancel");

    // A final group record with a note for each member.
    w.hold(0);
    let v = &mut w.v;
    let g = Records::of(v).start(&w.keys[0], now()).expect("group");
    let mut c = complete(day(0));
    c.shared_notes = a.get("shared");
    c.action_items.clear();
    c.consultations[0].supervisee_id = Some(ben.clone());
    c.attendance = [&ana, &ben]
        .into_iter()
        .map(|m| MemberAttendance {
            member_id: m.clone(),
            attendance: Attendance::Present,
        })
        .collect();
    c.member_notes = vec![
        MemberNote {
            member_id: ana.clone(),
            text: a.get("groupnote"),
        },
        MemberNote {
            member_id: ben.clone(),
            text: b.get("groupnote"),
        },
    ];
    Records::of(v)
        .save_draft(&g.id, g.revision, &c, now())
        .expect("group save");
    Records::of(v)
        .finalise(&g.id, "Dr Dana Whitfield", now())
        .expect("group final");

    // Exception addendum, check-in, stage, coaching.
    let entry = ExceptionLog::of(v).list(&ana).expect("log")[0].id.clone();
    ExceptionLog::of(v)
        .add_addendum(&entry, &a.get("exaddendum"), now())
        .expect("exception addendum");
    let goal_id = Goals::of(v).list(Some(&ana)).expect("goals").goals[0]
        .goal
        .id
        .clone();
    let check = CheckInInput {
        date: now().date_naive(),
        progress_note: a.get("checkin"),
        evidence: vec![],
        rating: 3,
        coaching_id: None,
    };
    Goals::of(v)
        .check_in(&goal_id, &check, now())
        .expect("check-in");
    let stage = StageInput {
        stage: DevelopmentStage::Developing,
        set_on: date(2026, 2, 1),
        note: a.get("stage"),
    };
    Goals::of(v).set_stage(&ana, &stage, now()).expect("stage");
    let skill = Goals::of(v).skills_list(now()).expect("skills")[0]
        .id
        .clone();
    let coaching = CoachingInput {
        person_id: ana.clone(),
        date: date(2026, 2, 24),
        skill_id: skill,
        method: CoachingMethod::RolePlay,
        how_it_went: a.get("coaching"),
        strengths: String::new(),
        next_step: String::new(),
        goal_id: None,
        follow_up: None,
    };
    Goals::of(v)
        .coaching_create(&coaching, now())
        .expect("coaching");

    // Hours received elsewhere, an evaluation, and an invoice for her
    // held session.
    let entry = ManualEntryInput {
        person_id: ana.clone(),
        date: date(2026, 2, 3),
        start: chrono::NaiveTime::from_hms_opt(14, 0, 0).expect("time"),
        minutes: 60,
        form: SupervisionForm::Individual,
        group_size: None,
        supervisor_name: "Dr Lena Okafor".into(),
        licence_number: "LCSW 88120".into(),
        credential: "LCSW".into(),
        note: a.get("hours"),
    };
    Hours::of(v)
        .manual_create(&entry, now())
        .expect("manual hours");
    let area = Evaluations::of(v).areas(now()).expect("areas")[0]
        .id
        .clone();
    let evaluation = EvaluationInput {
        kind: EvaluationKind::Midpoint,
        date: date(2026, 2, 25),
        ratings: vec![AreaRatingInput {
            area_id: area,
            supervisor: Some(4),
            supervisee: Some(3),
            comment: String::new(),
        }],
        supervisor_comments: a.get("evaluation"),
        supervisee_comments: String::new(),
        action_plan: vec![],
        check: None,
    };
    Evaluations::of(v)
        .create(&ana, &evaluation, now())
        .expect("evaluation");
    let request = InvoiceRequest {
        person_id: ana.clone(),
        from: date(2026, 2, 1),
        to: date(2026, 2, 28),
    };
    Invoices::of(v).issue(&request, now()).expect("invoice");
    Scene { w, ana, ben, a, b }
}

fn schema_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/subject-access.schema.json")
}

/// Checks `json` against the documented schema with Python's jsonschema
/// when it is installed; otherwise (the reason is printed) checks in Rust
/// that every top-level property the schema requires is there with its
/// type. `Err` lists what does not fit.
pub fn validate(json: &[u8], dir: &Path) -> Result<(), String> {
    let schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(schema_path()).expect("schema")).expect("JSON");
    let python = std::env::var("CONFIDANT_PYTHON").unwrap_or_else(|_| "python3".into());
    let probe = Command::new(&python)
        .args(["-c", "import jsonschema"])
        .output();
    if matches!(&probe, Ok(o) if o.status.success()) {
        let file = dir.join("export.json");
        std::fs::write(&file, json).expect("write");
        let script = "import json,sys,jsonschema\n\
            s=json.load(open(sys.argv[1]));d=json.load(open(sys.argv[2]))\n\
            jsonschema.Draft202012Validator.check_schema(s)\n\
            errs=sorted(jsonschema.Draft202012Validator(s).iter_errors(d),key=str)\n\
            [print(list(e.absolute_path),e.message) for e in errs[:20]]\n\
            sys.exit(1 if errs else 0)";
        let out = Command::new(&python)
            .args(["-c", script])
            .arg(schema_path())
            .arg(&file)
            .output()
            .expect("run python");
        return if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ))
        };
    }
    eprintln!(
        "Python's jsonschema is not installed ({python}); checking the top-level structure in Rust instead"
    );
    let doc: serde_json::Value = serde_json::from_slice(json).expect("JSON");
    for key in schema["required"].as_array().expect("required") {
        let key = key.as_str().expect("key");
        let Some(value) = doc.get(key) else {
            return Err(format!("{key} is missing"));
        };
        let want = &schema["properties"][key]["type"];
        let ok = |t: &str| match t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_u64() || value.is_i64(),
            "null" => value.is_null(),
            _ => true,
        };
        let fits = match want {
            serde_json::Value::String(t) => ok(t),
            serde_json::Value::Array(ts) => ts.iter().filter_map(|t| t.as_str()).any(ok),
            _ => true,
        };
        if !fits {
            return Err(format!("{key} is not of type {want}"));
        }
    }
    Ok(())
}

pub fn pdftotext(bytes: &[u8], dir: &Path) -> String {
    let path = dir.join("export.pdf");
    std::fs::write(&path, bytes).expect("write");
    let out = Command::new("pdftotext")
        .arg("-raw")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext could not be run ({e}); install poppler-utils"));
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("UTF-8")
}
