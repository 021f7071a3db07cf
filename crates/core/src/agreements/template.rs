//! The default agreement: professional text for every section, written to
//! be edited. It follows common practice in social work and counselling
//! supervision contracts (Proctor's three functions, the usual limits of
//! confidentiality, the record keeping a licensing board expects).

use chrono::{Months, NaiveDate};

use super::{
    AgreementContent, Delivery, Frequency, Party, SupervisionFormat, DEFAULT_NOTICE_HOURS,
    DEFAULT_SESSION_MINUTES,
};

/// What the template needs besides the parties.
#[derive(Debug, Clone, Copy)]
pub struct TemplateContext<'a> {
    /// Individual, group or peer supervision.
    pub format: SupervisionFormat,
    /// The supervisee's (or group's) organisation, if known; may be empty.
    pub organisation: &'a str,
    /// The supervisee's licensure plan in their words; may be empty.
    pub licensure_plan: &'a str,
    /// Today's date: the default effective date (the review date defaults to
    /// a year later).
    pub today: NaiveDate,
}

/// How the text names the parties.
struct Words {
    sup: &'static str,
    sup_cap: &'static str,
    sup_poss: &'static str,
    ee: &'static str,
    ee_cap: &'static str,
    ee_poss: &'static str,
    /// The one supervisee a matter concerns.
    ee_one: &'static str,
}

impl Words {
    fn for_format(format: SupervisionFormat) -> Words {
        match format {
            SupervisionFormat::Individual => Words {
                sup: "the supervisor",
                sup_cap: "The supervisor",
                sup_poss: "the supervisor's",
                ee: "the supervisee",
                ee_cap: "The supervisee",
                ee_poss: "the supervisee's",
                ee_one: "the supervisee",
            },
            SupervisionFormat::Group => Words {
                sup: "the facilitator",
                sup_cap: "The facilitator",
                sup_poss: "the facilitator's",
                ee: "each group member",
                ee_cap: "Each group member",
                ee_poss: "each member's",
                ee_one: "the member concerned",
            },
            SupervisionFormat::Peer => Words {
                sup: "the convenor",
                sup_cap: "The convenor",
                sup_poss: "the convenor's",
                ee: "each participant",
                ee_cap: "Each participant",
                ee_poss: "each participant's",
                ee_one: "the participant concerned",
            },
        }
    }
}

/// A draft agreement with every section filled in with sensible,
/// professional default text: monthly sessions of
/// [`DEFAULT_SESSION_MINUTES`] minutes, in person or by video,
/// [`DEFAULT_NOTICE_HOURS`] hours' cancellation notice, the standard
/// exceptions to confidentiality, effective `today` and reviewed a year
/// later. Every field can be edited before the parties acknowledge it.
pub fn default_content(parties: Vec<Party>, ctx: &TemplateContext<'_>) -> AgreementContent {
    let w = Words::for_format(ctx.format);
    let Words {
        sup,
        sup_cap,
        sup_poss,
        ee,
        ee_cap,
        ee_poss,
        ee_one,
    } = w;
    let group = ctx.format != SupervisionFormat::Individual;
    let org = ctx.organisation.trim();
    let plan = ctx.licensure_plan.trim();

    let title = match ctx.format {
        SupervisionFormat::Individual => "Clinical supervision agreement",
        SupervisionFormat::Group => "Group supervision agreement",
        SupervisionFormat::Peer => "Peer supervision agreement",
    }
    .to_string();

    let purpose = format!(
        "This agreement sets out how the parties will work together in clinical supervision. \
         Supervision is a formal, collaborative relationship. Its purpose is to support safe, \
         ethical and effective practice; to protect the clients {ee} works with; and to support \
         {ee_poss} professional development and wellbeing.\n\
         Supervision is not therapy and it does not replace line management. Where {sup} also \
         holds a management role, the two are kept distinct and it is made clear which role is \
         being used."
    );

    let model = format!(
        "Supervision follows a reflective, developmental model. Sessions start from the \
         questions, cases and experiences {ee} brings, and use structured reflection on practice \
         (for example Kolb's learning cycle or Gibbs' reflective cycle) to turn experience into \
         learning. The approach adapts as {ee} gains experience and independence.{group_note}",
        group_note = if group {
            " In the group, members learn from one another's cases as well as from the facilitator, \
             and each member has fair time to bring their own work."
        } else {
            ""
        }
    );

    let functions = format!(
        "Supervision serves three functions, which are balanced over time and noted in each \
         session record:\n\
         • Normative (accountability): attention to standards, law, policy, the ethics code named \
         in this agreement, and the safety and welfare of clients.\n\
         • Formative (learning): developing knowledge, skills and professional judgement, linked \
         to the learning goals below.\n\
         • Restorative (support): attention to the emotional impact of the work — stress, \
         workload, burnout and secondary traumatic stress — so that {ee} can stay well and \
         effective."
    );

    let plan_line = if plan.is_empty() {
        String::new()
    } else {
        format!("\nLicensure: supervision under this agreement is intended to count towards {ee_poss} licensure plan as recorded in Confidant ({plan}).")
    };
    let learning_goals = format!(
        "Learning goals are agreed at the first session, recorded in the goals section of \
         Confidant, and reviewed at least every three months. Suggested starting points:\n\
         • Consolidate assessment and risk-assessment skills, including recording the reasoning \
         behind decisions.\n\
         • Apply trauma-informed and de-escalation approaches in direct work.\n\
         • Develop cultural competence and anti-oppressive practice.\n\
         • Build sustainable workload management and self-care.{plan_line}"
    );

    let frequency_notes = format!(
        "Dates are booked at least a month in advance. Each session starts on time and ends on \
         time. Extra sessions can be arranged when needed, for example after a serious incident. \
         Time in supervision is logged for the hours record, and both parties confirm the log \
         before {sup} signs it off."
    );

    let location = if org.is_empty() {
        "In person: a private room where the conversation cannot be overheard, agreed before \
         each session. By video: an encrypted video service agreed by both parties, joined from a \
         private space; sessions are not recorded unless both parties agree in advance."
            .to_string()
    } else {
        format!(
            "In person: a private room at {org}, or at {sup_poss} practice, where the \
             conversation cannot be overheard. By video: an encrypted video service agreed by both \
             parties, joined from a private space; sessions are not recorded unless both parties \
             agree in advance."
        )
    };

    let availability = format!(
        "Between sessions {sup} can be reached by email or phone for matters that cannot wait \
         for the next session, and aims to reply within two working days. {sup_cap} is not an \
         emergency service. In an emergency involving risk to a client or to others, {ee} follows \
         the employer's procedures, contacts their line manager or the on-call manager, and calls \
         the emergency services where there is immediate danger; {sup} is told afterwards. No \
         client-identifying information is sent by email or text message: clients are referred to \
         by case reference only."
    );

    let methods = format!(
        "Supervision uses case discussion (clients referred to by case reference, never by name), \
         reflection on practice, and review of written work. With notice and by agreement it may \
         also include direct observation of practice and review of audio or video recordings of \
         sessions with clients. A recording is made and used only with the client's informed, \
         written consent; it is stored securely and deleted once it has been reviewed. Role-play \
         and reading linked to the learning goals may also be used.{group_note}",
        group_note = if group {
            " Group time is shared fairly, and a member may ask to discuss a matter with the \
             facilitator individually."
        } else {
            ""
        }
    );

    let evaluation = format!(
        "Progress is reviewed briefly at every session and formally at the midpoint and the end \
         of each period, against the learning goals, with written feedback from both sides. \
         {sup_cap} has sign-off authority for supervision hours and for evaluations submitted to \
         a licensing board or employer. {ee_cap} sees, and may comment in writing on, every \
         evaluation before it is submitted. Concerns about progress are raised early, in \
         supervision, with {ee_one}, together with a plan to address them."
    );

    let supervisor_roles = format!(
        "Where {ee} has more than one supervisor (for example a line manager and an external \
         clinical supervisor), this agreement covers clinical supervision only. Line management, \
         caseload allocation and performance management stay with the employer. The supervisors \
         share information about {ee_poss} practice only as this agreement allows, and {ee_one} \
         is told when they do. Sign-off authority is as set out under evaluation."
    );

    let informing_clients = format!(
        "Clients are told, in the employer's information for clients or at the start of the \
         work, that their practitioner receives clinical supervision, that their situation may be \
         discussed in supervision without identifying them, and what the limits of \
         confidentiality are. Clients' explicit consent is obtained before any recording or \
         direct observation, and {ee} records that consent in the client's file."
    );

    let fees = "The fee per session is agreed in writing before the first session and reviewed \
                at each review of this agreement. Invoices are sent monthly for the sessions held \
                and any late cancellations, and are payable within 30 days. Invoices show dates \
                and durations only, never clinical content."
        .to_string();
    let invoicing_party = match (group, org.is_empty()) {
        (false, true) => "The supervisee".to_string(),
        (false, false) => format!("{org} (the supervisee's employer)"),
        (true, true) => "Each group member".to_string(),
        (true, false) => org.to_string(),
    };

    let cancellation_policy = format!(
        "Either party may cancel or rearrange a session by giving the notice above. A session \
         cancelled by {ee} with less notice, or missed without notice, is charged at the \
         late-cancellation fee, except in an emergency or illness, at {sup_poss} discretion. A \
         session cancelled by {sup} is rearranged promptly at no charge. Cancelled sessions are \
         rearranged where possible so that the agreed frequency, and any licensure requirement, \
         is still met."
    );

    let record_keeping = format!(
        "{sup_cap} keeps a brief record of each session — date, duration, the functions covered, \
         themes, decisions, action items, ethical decisions with their rationale, and hours — in \
         Confidant, encrypted on {sup_poss} own computer. Clients are recorded by case reference \
         only. {ee_cap} keeps their own notes and reflective journal. Each session record is \
         shared with, and agreed by, {ee_one}. Supervision records are kept for seven years after \
         supervision ends, or longer where the law, the licensing board or the employer requires, \
         and then securely destroyed. Client records belong to the employer and stay in the \
         employer's systems."
    );

    let ethics_and_insurance = format!(
        "Both parties follow the code of ethics of their profession and registering body (for \
         example the NASW Code of Ethics, the BASW Code of Ethics, or the Social Work England \
         professional standards), the law, and the employer's policies. {sup_cap} holds \
         professional indemnity insurance that covers supervision; {ee} is covered by their \
         employer's insurance or their own. Each party tells the other promptly if their \
         registration or insurance lapses or becomes subject to any condition."
    );

    let confidentiality = format!(
        "What is discussed in supervision is confidential between the parties to this agreement, \
         within the limits set out below. Clients are discussed by case reference only; their \
         names and other identifying details are not recorded in supervision records. {sup_cap} \
         does not share what is brought to supervision with the employer or anyone else without \
         the consent of {ee_one}, except as described under the exceptions to \
         confidentiality.{group_note}",
        group_note = if group {
            " Group members keep confidential what other members bring to the group."
        } else {
            ""
        }
    );

    let confidentiality_exceptions = format!(
        "Information from supervision may be disclosed without consent only:\n\
         • to prevent serious, foreseeable and imminent harm to a client or to the public, \
         including a risk to a child or an adult at risk; or\n\
         • where {ee} acts, or intends to act, in a way that causes or is likely to cause serious \
         harm to clients or others, and refuses to change that practice once it has been raised; \
         or\n\
         • where the law or a court requires it.\n\
         Only the minimum information necessary is disclosed, and only to those who need it to \
         prevent the harm (for example the employer, a safeguarding team or the licensing body)."
    );

    let exception_handling = format!(
        "Where it is safe to do so, {sup} discusses the concern with {ee_one} first, explains why \
         disclosure is needed, and invites {ee_one} to make the disclosure themselves or to be \
         present. If discussing it first would increase the risk, {sup} discloses and tells \
         {ee_one} as soon as it is safe. Every disclosure is recorded in the confidentiality \
         exceptions log: the date, what was shared, with whom, the harm feared, and whether and \
         how it was discussed with {ee_one} first."
    );

    let concerns_and_disagreements = format!(
        "Either party can raise an ethical concern, or a disagreement about supervision, at any \
         time — preferably in a session, otherwise in writing. Concerns are discussed openly and \
         the outcome is recorded. If a concern cannot be resolved between the parties, either may \
         ask for a meeting with the employer's designated manager, seek consultation from a senior \
         colleague or the professional body, or end the agreement as set out below. A concern \
         about {sup_poss} own conduct can be raised with their professional or registering body."
    );

    let review_and_ending = format!(
        "This agreement is reviewed at least once a year, on or before the review date, and \
         whenever either party asks or {ee_poss} role, employer or licensure requirements change. \
         Changes are made in a new version that every party acknowledges. Either party may end \
         supervision by giving one month's notice in writing; it may end at once where \
         continuing would be unsafe or unethical. At the end, {sup} provides a verification of \
         supervision hours and a brief summary of the work, and the parties agree how any open \
         matters are handed over."
    );

    AgreementContent {
        title,
        parties,
        purpose,
        model,
        functions,
        learning_goals,
        frequency: Frequency::Monthly,
        session_minutes: DEFAULT_SESSION_MINUTES,
        frequency_notes,
        format: ctx.format,
        delivery: vec![Delivery::InPerson, Delivery::Video],
        location,
        availability,
        methods,
        evaluation,
        supervisor_roles,
        informing_clients,
        fees,
        fee: super::Fee::default(),
        invoicing_party,
        cancellation_notice_hours: DEFAULT_NOTICE_HOURS,
        late_cancellation_fee: "The full session fee".to_string(),
        cancellation_policy,
        record_keeping,
        ethics_and_insurance,
        confidentiality,
        confidentiality_exceptions,
        exception_handling,
        concerns_and_disagreements,
        review_and_ending,
        effective_date: Some(ctx.today),
        review_date: ctx.today.checked_add_months(Months::new(12)),
    }
}
