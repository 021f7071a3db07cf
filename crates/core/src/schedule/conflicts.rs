//! Overlap detection across every supervisee and group.

use super::{Occurrence, SessionStatus};

/// Marks every pair of overlapping sessions that are not cancelled: sets
/// `conflict` and fills `conflicts_with` on both. Sessions that only touch
/// (one ends at 11:00, the next starts at 11:00) do not conflict. Runs in
/// O(n log n + pairs).
pub fn find_conflicts(occurrences: &mut [Occurrence]) {
    for o in occurrences.iter_mut() {
        o.conflicts_with.clear();
        o.conflict = false;
    }
    let mut order: Vec<usize> = (0..occurrences.len())
        .filter(|&i| occurrences[i].status != SessionStatus::Cancelled)
        .collect();
    order.sort_by_key(|&i| (occurrences[i].start, occurrences[i].end));
    let mut active: Vec<usize> = Vec::new();
    let mut pairs = Vec::new();
    for &i in &order {
        let start = occurrences[i].start;
        active.retain(|&j| occurrences[j].end > start);
        pairs.extend(active.iter().map(|&j| (i, j)));
        active.push(i);
    }
    for (a, b) in pairs {
        let key_a = occurrences[a].key.clone();
        let key_b = occurrences[b].key.clone();
        occurrences[a].conflicts_with.push(key_b);
        occurrences[b].conflicts_with.push(key_a);
    }
    for o in occurrences.iter_mut() {
        o.conflicts_with.sort();
        o.conflicts_with.dedup();
        o.conflict = !o.conflicts_with.is_empty();
    }
}
