//! Session records: what happened in supervision, for one held session
//! (individual, group, peer or coaching), in the three stages of
//! supervision — what the supervisee brings (agenda items with a focus
//! type), exploration, decisions — with the functions covered, case
//! consultations under pseudonymous case references, ethical decisions,
//! the wellbeing check, feedback both ways and action items; for groups,
//! attendance, shared notes and each member's own note.
//!
//! # Lifecycle
//!
//! - [`Records::start`] opens a draft for a **held** occurrence (any other
//!   status is an error); its agenda items come from that session's agenda
//!   (items carried over from the last record, then the items added by
//!   hand).
//! - [`Records::save_draft`] replaces the draft's content (autosave). Every
//!   save carries the `revision` it was based on; a save based on an older
//!   revision is refused, so two windows never overwrite each other
//!   silently.
//! - [`Records::finalise`]: the supervisor types their name; the date is
//!   `now`. The **required parts** ([`missing_for_final`]) are: at least one
//!   agenda item, the exploration notes, at least one function ticked, every
//!   action item complete (text, owner and due date), and for a group the
//!   attendance of every member. A SHA-256 **content hash**
//!   ([`content_hash`]) over a canonical serialisation is stored and shown.
//!   A final record is read-only; later changes are dated **addenda**
//!   ([`Records::add_addendum`]), listed oldest first below the unchanged
//!   original. The supervisee's acknowledgement is recorded by the
//!   supervisor by hand ([`Records::acknowledge_by_hand`]) and labelled so,
//!   until the supervisee's own acknowledgement arrives in a packet and
//!   replaces it (labelled [`PACKET_ACKNOWLEDGEMENT_LABEL`]).
//!
//! # Action items and agendas
//!
//! Action items are stored in their own rows as well as in the record's
//! content, so they roll forward: every open item of a relationship shows on
//! every later agenda until it is marked done or dropped
//! ([`Records::set_action_status`], dated). An agenda item the record marks
//! `carry_over` (not reached) appears on the next session's agenda. The
//! agenda is assembled by the pure function [`assemble`].
//!
//! # Groups
//!
//! A group record's `member_notes` are each member's own addendum. Every
//! read names its viewer: a member sees only their own note and their own
//! member addenda; the group's own view (`None`) shows none.

mod agenda;
mod body;
mod handle;
mod hash;
mod lists;
mod packet_ack;
mod pdf;
mod types;
mod validate;

pub use agenda::assemble;
pub use handle::Records;
pub use hash::{content_hash, HashInput};
pub use packet_ack::PACKET_ACKNOWLEDGEMENT_LABEL;
pub(crate) use packet_ack::{acknowledge_by_packet_in, PacketRecordAck};
pub use pdf::{record_document, PrintContext};
pub use types::*;
pub use validate::{missing_for_final, ITEM_CHARS, MAX_ITEMS, RECORD_BYTES, TEXT_BYTES};

/// How far back [`Records::to_write`] looks for held sessions without a
/// final record (days before `now`).
pub const TO_WRITE_WINDOW_DAYS: i64 = 90;
/// The label shown with an acknowledgement recorded by hand.
pub const HAND_ACKNOWLEDGEMENT_LABEL: &str =
    "Recorded by the supervisor by hand (not signed by the supervisee in the app)";
