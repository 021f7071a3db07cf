//! The hours ledger and (from the modules below) its rules, sign-off and exports.

#[path = "../records_fixture/mod.rs"]
mod fixture;

mod ledger;
mod manual;
mod reconcile;
mod signoff;
mod support;
