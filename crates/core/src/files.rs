//! Reading and writing the files a person chooses in a save or open dialog.
//!
//! - [`read_regular_capped`] reads a file the person picked (an .ics to
//!   import) without trusting what the path names: it must be a regular file,
//!   the read never blocks on a FIFO, and it stops one byte past a hard cap,
//!   so `/dev/zero`, a named pipe or a huge file cannot exhaust memory or
//!   hang the app.
//! - [`write_private_atomic`] writes an Emergency Kit, a PDF or an export:
//!   readable by its owner only where the OS has file modes, and atomically
//!   (a temporary file in the same folder, flushed to disk, then renamed over
//!   the target), so a failure never leaves a half-written file under the
//!   chosen name nor a temporary file beside it.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use uuid::Uuid;

use crate::error::{Error, Result};

/// `O_NONBLOCK` for `open(2)`, without a libc dependency. Opening a FIFO for
/// reading blocks until a writer appears unless this flag is given; with it
/// the open returns at once, and the handle check below refuses the FIFO.
/// It has no effect on regular files.
#[cfg(any(target_os = "linux", target_os = "android"))]
const O_NONBLOCK: i32 = 0o4000;
/// `O_NONBLOCK` on macOS and the BSDs.
#[cfg(all(unix, not(any(target_os = "linux", target_os = "android"))))]
const O_NONBLOCK: i32 = 0x0004;

fn not_regular(what: &str, meta: &Metadata) -> Error {
    let kind = if meta.is_dir() {
        "a folder"
    } else {
        "not a regular file (it is a device, a pipe or a socket)"
    };
    Error::InvalidInput(format!(
        "{what} is {kind}, so Confidant will not read it. Choose a file."
    ))
}

/// Reads the regular file at `path`, at most `limit` bytes.
///
/// `what` names the file in error messages ("The calendar file"). Errors:
/// [`Error::InvalidInput`] when the path is a folder, a device (such as
/// `/dev/zero`), a FIFO or a socket; [`Error::TooLarge`] when the file holds
/// more than `limit` bytes; [`Error::Io`] when it cannot be opened or read.
///
/// The path is checked before opening and the opened handle after: the path
/// could be replaced between the two (a race), so only the handle check is
/// authoritative — it describes the very file the bytes come from. The check
/// before opening spares the open of a FIFO in the common case; on Unix the
/// open itself does not block even if a FIFO was swapped in (`O_NONBLOCK`),
/// and the handle check then refuses it. The read is bounded by `limit + 1`
/// bytes whatever the metadata says (a file may grow while it is read).
pub fn read_regular_capped(path: &Path, limit: usize, what: &'static str) -> Result<Vec<u8>> {
    let before = std::fs::metadata(path)?;
    if !before.is_file() {
        return Err(not_regular(what, &before));
    }
    let (file, meta) = open_regular(path, what)?;
    let too_large = |size: u64| Error::TooLarge {
        what,
        size: usize::try_from(size).unwrap_or(usize::MAX),
        limit,
    };
    if meta.len() > limit as u64 {
        return Err(too_large(meta.len()));
    }
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(cap).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Opens the regular file at `path` for reading, with the same checks as
/// [`read_regular_capped`] (path checked before, handle checked after, no
/// blocking on a FIFO), for a caller that streams the bytes itself (a
/// backup to restore). The caller bounds its read.
pub fn open_regular_file(path: &Path, what: &'static str) -> Result<(File, Metadata)> {
    let before = std::fs::metadata(path)?;
    if !before.is_file() {
        return Err(not_regular(what, &before));
    }
    open_regular(path, what)
}

/// Opens `path` for reading without blocking (on Unix) and returns the
/// handle only if it is a regular file, with its metadata.
fn open_regular(path: &Path, what: &'static str) -> Result<(File, Metadata)> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(what, &meta));
    }
    Ok((file, meta))
}

/// Flushes the file at `path` to the disk. It is opened for writing (never
/// truncated): Windows refuses to flush a handle opened read-only.
pub fn sync_file(path: &Path) -> Result<std::fs::Metadata> {
    let file = OpenOptions::new().read(true).write(true).open(path)?;
    file.sync_all()?;
    Ok(file.metadata()?)
}

/// Writes `bytes` to `path` atomically, readable and writable by the owner
/// only (mode 0600 on Unix). Windows has no file modes: the file gets the
/// folder's inherited access list (in the user's profile: the user, SYSTEM
/// and the administrators).
///
/// The bytes go to a new temporary file in the same folder (created
/// exclusively, with the private mode from the start), which is flushed to
/// disk and renamed over `path`; on Unix the folder is then flushed too, so
/// the rename itself survives a power cut. On any failure the temporary
/// file is removed and `path` is left as it was.
pub fn write_private_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::InvalidInput("Choose a file name to save to.".into()))?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}.tmp", Uuid::new_v4().simple()));
    let tmp = folder.join(tmp_name);

    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&tmp)?;
    let written = (|| -> std::io::Result<()> {
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.into());
    }
    #[cfg(unix)]
    File::open(&folder)?.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    const WHAT: &str = "The test file";

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn reads_a_file_at_exactly_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ics");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read_regular_capped(&path, 10, WHAT).unwrap(), b"0123456789");
    }

    #[test]
    fn refuses_a_file_one_byte_over_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ics");
        std::fs::write(&path, b"01234567890").unwrap();
        let err = read_regular_capped(&path, 10, WHAT).unwrap_err();
        assert!(
            matches!(
                err,
                Error::TooLarge {
                    size: 11,
                    limit: 10,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn refuses_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_regular_capped(dir.path(), 10, WHAT).unwrap_err();
        match err {
            Error::InvalidInput(m) => assert!(m.contains("is a folder"), "{m}"),
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_dev_zero_without_reading_it() {
        let err = read_regular_capped(Path::new("/dev/zero"), 10, WHAT).unwrap_err();
        match err {
            Error::InvalidInput(m) => assert!(m.contains("not a regular file"), "{m}"),
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_handle_check_alone_refuses_dev_zero() {
        // As if /dev/zero had been swapped in after the path check.
        let err = open_regular(Path::new("/dev/zero"), WHAT).unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    }

    /// A FIFO with no writer, or `None` (with the reason printed) when
    /// `mkfifo` is not available.
    #[cfg(unix)]
    fn fifo(dir: &Path, test: &str) -> Option<PathBuf> {
        let fifo = dir.join("pipe.ics");
        match std::process::Command::new("mkfifo").arg(&fifo).status() {
            Ok(s) if s.success() => Some(fifo),
            other => {
                println!("SKIPPED {test}: mkfifo could not make a FIFO ({other:?})");
                None
            }
        }
    }

    // No writer ever opens these FIFOs: a blocking open or read would hang
    // the test run instead of returning.
    #[cfg(unix)]
    #[test]
    fn refuses_a_fifo_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let Some(fifo) = fifo(dir.path(), "refuses_a_fifo_without_blocking") else {
            return;
        };
        let err = read_regular_capped(&fifo, 10, WHAT).unwrap_err();
        match err {
            Error::InvalidInput(m) => assert!(m.contains("not a regular file"), "{m}"),
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn opening_a_fifo_swapped_in_after_the_path_check_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        let Some(fifo) = fifo(dir.path(), "opening_a_fifo_swapped_in_after_the_path_check") else {
            return;
        };
        let err = open_regular(&fifo, WHAT).unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    }

    #[test]
    fn a_missing_file_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_regular_capped(&dir.path().join("nope.ics"), 10, WHAT).unwrap_err();
        assert!(matches!(err, Error::Io(_)), "{err:?}");
    }

    #[test]
    fn writes_a_new_file_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kit.txt");
        write_private_atomic(&path, b"secret words").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"secret words");
        assert_eq!(entries(dir.path()), vec!["kit.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_private_to_its_owner() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kit.txt");
        // An existing file with open permissions is replaced, not reused.
        std::fs::write(&path, b"old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_private_atomic(&path, b"new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "mode {mode:o}");
    }

    #[test]
    fn replaces_an_existing_file_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.ics");
        std::fs::write(&path, b"the old, longer content").unwrap();
        #[cfg(unix)]
        let old_inode = {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(&path).unwrap().ino()
        };
        write_private_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(entries(dir.path()), vec!["export.ics"]);
        // A rename puts a new file in place; the old one was never truncated
        // and rewritten in place.
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            assert_ne!(std::fs::metadata(&path).unwrap().ino(), old_inode);
        }
    }

    #[test]
    fn a_missing_folder_fails_and_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("kit.txt");
        let err = write_private_atomic(&path, b"x").unwrap_err();
        assert!(matches!(err, Error::Io(_)), "{err:?}");
        assert!(entries(dir.path()).is_empty());
    }

    #[test]
    fn a_failed_rename_removes_the_temporary_file() {
        // The target is a non-empty folder: the temporary file is written,
        // then the rename over the folder fails.
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("taken");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("inside"), b"keep").unwrap();
        let err = write_private_atomic(&target, b"x").unwrap_err();
        assert!(matches!(err, Error::Io(_)), "{err:?}");
        assert_eq!(entries(dir.path()), vec!["taken"]);
        assert_eq!(std::fs::read(target.join("inside")).unwrap(), b"keep");
    }

    #[test]
    fn a_path_without_a_file_name_is_refused() {
        let err = write_private_atomic(Path::new("/"), b"x").unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    }
}
