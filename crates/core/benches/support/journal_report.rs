//! The journal benchmark's printed report.

use super::*;

pub(super) fn print_report(columns: &[Column]) {
    println!("Population (journal_create through the public API, one fsynced commit per entry)");
    for c in columns {
        let added = c.n - c.populated_from;
        let per = c.population / added.max(1) as u32;
        let projected_50k = per * 50_000;
        println!(
            "  {:>7} → {:>7} entries: {:>9}  ({} per entry; 50,000 would take {}{})",
            c.populated_from,
            c.n,
            fmt(c.population),
            fmt(per),
            fmt(projected_50k),
            if projected_50k > POPULATION_WARN {
                " — over 2 minutes: a bulk import API is needed"
            } else {
                ""
            }
        );
    }
    println!();

    let label_w = 52;
    let col_w = 22;
    let mut header = format!("{:<label_w$}", "");
    for c in columns {
        header.push_str(&format!("{:>col_w$}", format!("N = {}", thousands(c.n))));
    }
    header.push_str("   target (at the largest N)");
    println!("{header}");
    println!("{}", "-".repeat(label_w + col_w * columns.len() + 28));

    let row = |label: &str, cells: Vec<String>, target: &str| {
        let mut line = format!("{label:<label_w$}");
        for cell in cells {
            line.push_str(&format!("{cell:>col_w$}"));
        }
        if !target.is_empty() {
            line.push_str(&format!("   {target}"));
        }
        println!("{line}");
    };
    let last = columns.last();

    row(
        "database size (db + wal)",
        columns
            .iter()
            .map(|c| format!("{:.1} MB", c.db_bytes as f64 / 1e6))
            .collect(),
        "",
    );
    println!("Unlock (medians of {REOPENS} reopens; MemoryKeychain)");
    row(
        "  Vault::open (from disk)",
        columns.iter().map(|c| fmt(c.memory.open)).collect(),
        "",
    );
    row(
        "  unlock(None)",
        columns.iter().map(|c| fmt(c.memory.unlock)).collect(),
        "",
    );
    row(
        "  keychain.get alone (MemoryKeychain)",
        columns.iter().map(|c| fmt(c.memory.keychain_get)).collect(),
        "",
    );
    row(
        "  open + unlock, keychain read excluded",
        columns
            .iter()
            .map(|c| fmt(c.memory.open_unlock.saturating_sub(c.memory.keychain_get)))
            .collect(),
        "",
    );
    row(
        "  open + unlock, keychain read included",
        columns.iter().map(|c| fmt(c.memory.open_unlock)).collect(),
        "",
    );
    row(
        "  journal_list(0, 50) right after unlock",
        columns.iter().map(|c| fmt(c.memory.list)).collect(),
        "",
    );
    let target_ms = 300.0;
    row(
        "  open + unlock + first list",
        columns
            .iter()
            .map(|c| fmt(c.memory.open_unlock_list))
            .collect(),
        &last
            .map(|c| {
                let ms = c.memory.open_unlock_list.as_secs_f64() * 1e3;
                format!("≤ 300 ms: {} ({ms:.1} ms)", verdict(ms <= target_ms))
            })
            .unwrap_or_default(),
    );
    if columns.iter().all(|c| c.os.is_some()) {
        println!("Unlock with the OS keychain (Secret Service; medians of {REOPENS} reopens)");
        let os = |c: &Column| c.os.clone().unwrap_or_default();
        row(
            "  keychain.get alone (Secret Service)",
            columns.iter().map(|c| fmt(os(c).keychain_get)).collect(),
            "",
        );
        row(
            "  open + unlock, keychain read excluded",
            columns
                .iter()
                .map(|c| fmt(os(c).open_unlock.saturating_sub(os(c).keychain_get)))
                .collect(),
            "",
        );
        row(
            "  open + unlock, keychain read included",
            columns.iter().map(|c| fmt(os(c).open_unlock)).collect(),
            "",
        );
        row(
            "  open + unlock + first list",
            columns
                .iter()
                .map(|c| fmt(os(c).open_unlock_list))
                .collect(),
            &last
                .map(|c| {
                    let ms = os(c).open_unlock_list.as_secs_f64() * 1e3;
                    format!("≤ 300 ms: {} ({ms:.1} ms)", verdict(ms <= target_ms))
                })
                .unwrap_or_default(),
        );
    } else {
        println!("Unlock with the OS keychain: not measured (see the keychain line above)");
    }

    println!("Durable saves ({SAVE_ROUNDS} interleaved rounds; p50 / p99)");
    row(
        "  journal_create (sealed, WAL, synchronous=FULL)",
        columns
            .iter()
            .map(|c| pair(median(&c.saves.sealed), percentile(&c.saves.sealed, 99.0)))
            .collect(),
        "",
    );
    row(
        "  plain rusqlite insert, same bytes and pragmas",
        columns
            .iter()
            .map(|c| pair(median(&c.saves.plain), percentile(&c.saves.plain, 99.0)))
            .collect(),
        "",
    );
    row(
        "  raw 2 KB append + fdatasync (File::sync_data)",
        columns
            .iter()
            .map(|c| pair(median(&c.saves.fsync), percentile(&c.saves.fsync, 99.0)))
            .collect(),
        "",
    );
    row(
        "  sealing alone (AES-256-GCM of 2 KB, no I/O)",
        columns
            .iter()
            .map(|c| {
                pair(
                    median(&c.saves.seal_only),
                    percentile(&c.saves.seal_only, 99.0),
                )
            })
            .collect(),
        "",
    );
    let ratio = |a: &[Duration], b: &[Duration]| {
        median(a).as_secs_f64() / median(b).as_secs_f64().max(1e-12)
    };
    row(
        "  sealed insert / plain insert (p50)",
        columns
            .iter()
            .map(|c| format!("{:.2}", ratio(&c.saves.sealed, &c.saves.plain)))
            .collect(),
        &last
            .map(|c| {
                format!(
                    "≤ 1.3: {}",
                    verdict(ratio(&c.saves.sealed, &c.saves.plain) <= 1.3)
                )
            })
            .unwrap_or_default(),
    );
    row(
        "  save / fdatasync (p50)",
        columns
            .iter()
            .map(|c| format!("{:.2}", ratio(&c.saves.sealed, &c.saves.fsync)))
            .collect(),
        &last
            .map(|c| {
                format!(
                    "≤ 2:   {}",
                    verdict(ratio(&c.saves.sealed, &c.saves.fsync) <= 2.0)
                )
            })
            .unwrap_or_default(),
    );

    println!("Search for a word in ~1% of entries (\"{RARE_WORD}\")");
    row(
        "  entries searched",
        columns
            .iter()
            .map(|c| thousands(c.searched_entries))
            .collect(),
        "",
    );
    row(
        "  first search (decrypts all, builds the index)",
        columns.iter().map(|c| fmt(c.search_first)).collect(),
        "",
    );
    row(
        "  second search (in memory)",
        columns.iter().map(|c| fmt(c.search_second)).collect(),
        "",
    );
    row(
        "  results",
        columns.iter().map(|c| c.search_hits.to_string()).collect(),
        "",
    );
}

pub(super) fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}
