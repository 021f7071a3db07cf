//! The rule engine and its profiles: worked cases for each example profile
//! (reasons asserted word for word), self-contradicting profiles, property
//! tests, and one run through the vault.

#[path = "../records_fixture/mod.rs"]
mod fixture;

mod build;
mod examples;
mod invalid;
mod props;
mod through_vault;
