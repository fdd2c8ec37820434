//! Serialising writers: an advisory lock on the database file itself.
//!
//! Writers replace the file by renaming a new one over it, so a lock taken
//! on the old file would protect nothing once the rename is done. The
//! protocol: open the path, take an exclusive lock on that open file, then
//! check that the path still names the same file (device and inode). If a
//! writer replaced it meanwhile, let go and try again on the new file. Two
//! writers therefore never read the same version and both of their changes
//! survive. Readers take no lock: they always see a whole file, old or new.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// An exclusive lock on the database file, released when dropped.
#[derive(Debug)]
pub struct FileLock {
    file: File,
    path: PathBuf,
}

impl FileLock {
    /// Waits for the exclusive lock on the file at `path`.
    pub fn acquire(path: &Path) -> Result<FileLock, Error> {
        let read_error = |source: std::io::Error| Error::Read {
            path: path.to_path_buf(),
            source,
        };
        loop {
            let file = File::open(path).map_err(read_error)?;
            file.lock().map_err(read_error)?;
            if same_file(&file, path) {
                return Ok(FileLock {
                    file,
                    path: path.to_path_buf(),
                });
            }
            // Replaced while we waited: the lock is on a file nobody reads.
            let _ = file.unlock();
        }
    }

    /// The path the lock protects.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, _path: &Path) -> bool {
    // Without inode numbers, trust the open: renames over an open file
    // fail on these platforms anyway.
    true
}
