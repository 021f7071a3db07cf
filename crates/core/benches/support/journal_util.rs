//! Helpers of the journal benchmark: a seeded word generator, percentiles,
//! formatting, and reading the vault's files.

use super::*;

pub(super) struct Rng(pub(super) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

pub(super) const WORDS: &[&str] = &[
    "supervision",
    "reflection",
    "boundary",
    "caseload",
    "visit",
    "parallel",
    "process",
    "transference",
    "wellbeing",
    "risk",
    "plan",
    "review",
    "family",
    "school",
    "referral",
    "safeguarding",
    "assessment",
    "contact",
    "meeting",
    "feeling",
    "anxious",
    "tired",
    "hopeful",
    "today",
    "yesterday",
    "the",
    "and",
    "of",
    "to",
    "a",
    "in",
    "was",
    "we",
    "talked",
    "about",
    "noticed",
    "again",
    "next",
    "week",
    "manager",
    "colleague",
    "court",
    "report",
    "parent",
    "child",
    "young",
    "person",
    "worker",
    "team",
    "decision",
    "learning",
    "goal",
    "theory",
];

/// ~2 KB of printable text; one entry in a hundred holds [`RARE_WORD`].
pub(super) fn make_body(rng: &mut Rng) -> String {
    let mut body = String::with_capacity(BODY_BYTES + 32);
    let rare = rng.below(100) == 0;
    let target = BODY_BYTES - 200 + rng.below(400);
    while body.len() < target {
        if rare && body.len() > target / 2 && !body.contains(RARE_WORD) {
            body.push_str(RARE_WORD);
        } else {
            body.push_str(WORDS[rng.below(WORDS.len())]);
        }
        body.push(match rng.below(20) {
            0 => '\n',
            1 => '.',
            _ => ' ',
        });
    }
    body
}

pub(super) fn percentile(samples: &[Duration], p: f64) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

pub(super) fn median(samples: &[Duration]) -> Duration {
    percentile(samples, 50.0)
}

pub(super) fn fmt(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 1e-3 {
        format!("{:.1} µs", s * 1e6)
    } else if s < 1.0 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{s:.2} s")
    }
}

pub(super) fn pair(a: Duration, b: Duration) -> String {
    format!("{} / {}", fmt(a), fmt(b))
}

pub(super) fn verdict(ok: bool) -> &'static str {
    if ok {
        "PASS"
    } else {
        "MISS"
    }
}

pub(super) fn random_hex(bytes: usize) -> String {
    let mut b = vec![0u8; bytes];
    confidant_core::crypto::fill_random(&mut b).expect("OS random generator");
    b.iter().map(|x| format!("{x:02x}")).collect()
}

pub(super) fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// "ext4 /dev/vda mounted at /" for the file system holding `path` (Linux).
pub(super) fn describe_fs(path: &Path) -> String {
    let Ok(mounts) = std::fs::read_to_string("/proc/self/mounts") else {
        return "file system unknown".into();
    };
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mut best: Option<(usize, String)> = None;
    for line in mounts.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 3 {
            continue;
        }
        let mount_point = f[1].replace("\\040", " ");
        if path.starts_with(&mount_point)
            && best
                .as_ref()
                .is_none_or(|(len, _)| mount_point.len() > *len)
        {
            best = Some((
                mount_point.len(),
                format!("{} on {}, mounted at {}", f[2], f[0], mount_point),
            ));
        }
    }
    best.map(|(_, d)| d)
        .unwrap_or_else(|| "file system unknown".into())
}

pub(super) fn read_vault_id(db: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the database read-only");
    conn.query_row("SELECT id FROM vault", [], |r| r.get(0))
        .expect("the vault row")
}
