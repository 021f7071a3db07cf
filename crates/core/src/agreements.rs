//! Supervision agreements (being built).
