// The display and reminder preferences kept in the vault's settings: the
// types generated from Rust (crates/core/src/settings.rs), re-exported so
// the formatting module and the settings screen import them from one place.

export type { ClockFormat, DateOrder, Preferences, Settings } from '../bindings';
