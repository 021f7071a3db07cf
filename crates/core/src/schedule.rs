//! Scheduling: recurring sessions (being built).
