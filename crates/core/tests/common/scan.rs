//! The plaintext scanner: reads every file under a folder as raw bytes and
//! searches it for marker strings (UTF-8 and UTF-16LE, as typed and
//! lowercased). Used by every `plaintext*.rs` test: write a marker into each
//! sealed field, then prove no file the vault wrote contains it.

use std::path::{Path, PathBuf};

use confidant_core::store::DB_FILE;

/// A random hex string of `bytes` bytes: a marker no file holds by chance.
pub fn random_hex(bytes: usize) -> String {
    let mut b = vec![0u8; bytes];
    confidant_core::crypto::fill_random(&mut b).expect("OS random generator");
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// One byte pattern to look for, with a label that is safe to print.
pub struct Needle {
    /// Printed when found.
    pub label: String,
    /// What is searched for.
    pub bytes: Vec<u8>,
}

/// Everything a scan looks for.
#[derive(Default)]
pub struct Needles(pub Vec<Needle>);

impl Needles {
    /// `text` as UTF-8 and UTF-16LE, as given and lowercased.
    pub fn text(&mut self, label: &str, text: &str) -> &mut Self {
        let lower = text.to_lowercase();
        for (form, t) in [("", text), (" lowercased", lower.as_str())] {
            let utf16: Vec<u8> = t.encode_utf16().flat_map(u16::to_le_bytes).collect();
            for (enc, bytes) in [("UTF-8", t.as_bytes().to_vec()), ("UTF-16LE", utf16)] {
                if !self.0.iter().any(|n| n.bytes == bytes) {
                    self.0.push(Needle {
                        label: format!("{label}{form} ({enc})"),
                        bytes,
                    });
                }
            }
        }
        self
    }

    /// A raw byte string (a key).
    pub fn raw(&mut self, label: &str, bytes: &[u8]) -> &mut Self {
        self.0.push(Needle {
            label: label.to_string(),
            bytes: bytes.to_vec(),
        });
        self
    }
}

/// One needle found in one file.
pub struct Hit {
    /// The file.
    pub file: PathBuf,
    /// The needle's label.
    pub needle: String,
    /// Where in the file.
    pub offset: usize,
}

/// What a scan read and found.
#[derive(Default)]
pub struct Scan {
    /// Every regular file read, with its size.
    pub files: Vec<(PathBuf, u64)>,
    /// Every needle found.
    pub hits: Vec<Hit>,
}

impl Scan {
    /// The size of the file called `name`, if it was scanned.
    pub fn size_of(&self, name: &str) -> Option<u64> {
        self.files
            .iter()
            .find(|(p, _)| p.file_name().is_some_and(|f| f == name))
            .map(|(_, size)| *size)
    }

    /// Files and hits, for a failure message.
    pub fn report(&self) -> String {
        let files: Vec<String> = self
            .files
            .iter()
            .map(|(p, s)| format!("  {} ({s} bytes)", p.display()))
            .collect();
        let hits: Vec<String> = self
            .hits
            .iter()
            .map(|h| {
                format!(
                    "  {} in {} at byte {}",
                    h.needle,
                    h.file.display(),
                    h.offset
                )
            })
            .collect();
        format!(
            "files scanned:\n{}\nhits:\n{}",
            files.join("\n"),
            hits.join("\n")
        )
    }
}

/// Where `needle` first occurs in `haystack`.
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Reads every regular file under `root` (recursively, not following
/// symlinks) and searches its raw bytes for every needle.
pub fn scan(root: &Path, needles: &Needles) -> Scan {
    let mut out = Scan::default();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read a scanned folder") {
            let path = entry.expect("folder entry").path();
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                pending.push(path);
            } else if meta.is_file() {
                let bytes = std::fs::read(&path).expect("read a scanned file");
                for n in &needles.0 {
                    if let Some(offset) = find(&bytes, &n.bytes) {
                        out.hits.push(Hit {
                            file: path.clone(),
                            needle: n.label.clone(),
                            offset,
                        });
                    }
                }
                out.files.push((path, bytes.len() as u64));
            }
        }
    }
    out
}

/// Fails with the report when anything was found, or when the database file
/// was not among the files scanned (a scan of the wrong folder).
pub fn assert_no_hits(scan: &Scan) {
    assert!(
        scan.hits.is_empty(),
        "plaintext reached the disk.\n{}",
        scan.report()
    );
    let db_size = scan
        .size_of(DB_FILE)
        .expect("the database file was scanned");
    assert!(
        db_size > 0,
        "the database file is empty.\n{}",
        scan.report()
    );
}
