//! [`Section`]: an array of plain records that is either owned or borrowed
//! from the bytes of a snapshot file.
//!
//! Reading a large snapshot into fresh vectors costs more than everything
//! else a cold query does: every fresh page must be zeroed by the kernel and
//! then filled by a copy from the page cache (on the 1M-relation benchmark,
//! 80 MB and about half of a cold `align`). A section borrowed from a
//! memory map of the file costs neither: the kernel maps the page-cache
//! pages the file already sits in. The largest arrays of a [`Snapshot`]
//! (relation records, the compressed rows, the relations' day spans) are
//! sections, so a snapshot built in memory and one read back from its cache
//! look the same to every reader.
//!
//! [`Snapshot`]: super::Snapshot

use std::fmt;
use std::ops::{Deref, DerefMut, Range};
use std::sync::Arc;

use bytemuck::Pod;

/// Immutable bytes that sections borrow from: a memory map of a snapshot
/// file, or the file read into an aligned buffer where mapping fails.
pub type SharedBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// An array of `T`, owned or borrowed from [`SharedBytes`]. Reads like a
/// slice; writing (only done while building a snapshot, or in tests)
/// copies a borrowed array into an owned one first.
///
/// ```
/// use std::sync::Arc;
/// use diplograph::store::snapshot::section::{Section, SharedBytes};
/// let owned: Section<u32> = vec![1, 2, 3].into();
/// let bytes: SharedBytes = Arc::new(bytemuck::cast_slice::<u32, u8>(&[7, 8, 9]).to_vec());
/// // Borrowing checks alignment and size; a Vec<u8> of whole u32s from the
/// // allocator is aligned in practice, and the snapshot reader copies if not.
/// if let Some(shared) = Section::<u32>::borrowed(&bytes, 4..12) {
///     assert_eq!(&shared[..], &[8, 9]);
/// }
/// assert_eq!(owned.iter().sum::<u32>(), 6);
/// ```
pub struct Section<T: Pod>(Repr<T>);

enum Repr<T> {
    Owned(Vec<T>),
    Borrowed {
        /// Keeps the bytes `ptr` points into alive and unchanged.
        _bytes: SharedBytes,
        ptr: *const T,
        len: usize,
    },
}

// SAFETY: a borrowed section only reads immutable bytes kept alive by its
// `SharedBytes`, which is `Send + Sync`; an owned one is a `Vec<T>`.
unsafe impl<T: Pod + Send> Send for Section<T> {}
// SAFETY: as above; `&Section` gives out only shared references.
unsafe impl<T: Pod + Sync> Sync for Section<T> {}

impl<T: Pod> Section<T> {
    /// The items stored in `bytes[range]`, borrowed; `None` if the range is
    /// outside `bytes`, not a whole number of items, or not aligned for `T`.
    pub fn borrowed(bytes: &SharedBytes, range: Range<usize>) -> Option<Section<T>> {
        let raw: &[u8] = (**bytes).as_ref().get(range)?;
        let items: &[T] = bytemuck::try_cast_slice(raw).ok()?;
        Some(Section(Repr::Borrowed {
            _bytes: Arc::clone(bytes),
            ptr: items.as_ptr(),
            len: items.len(),
        }))
    }

    /// Whether the items are borrowed from a file's bytes.
    pub fn is_borrowed(&self) -> bool {
        matches!(self.0, Repr::Borrowed { .. })
    }

    /// Appends an item (copying borrowed items into an owned array first).
    pub fn push(&mut self, item: T) {
        self.owned().push(item);
    }

    fn owned(&mut self) -> &mut Vec<T> {
        if let Repr::Borrowed { .. } = self.0 {
            self.0 = Repr::Owned(self.to_vec());
        }
        match &mut self.0 {
            Repr::Owned(items) => items,
            Repr::Borrowed { .. } => unreachable!("made owned above"),
        }
    }
}

impl<T: Pod> Deref for Section<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match &self.0 {
            Repr::Owned(items) => items,
            // SAFETY: `ptr` and `len` came from a slice of the bytes that
            // `_bytes` keeps alive; shared bytes are never written.
            Repr::Borrowed { ptr, len, .. } => unsafe { std::slice::from_raw_parts(*ptr, *len) },
        }
    }
}

impl<T: Pod> DerefMut for Section<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.owned()
    }
}

impl<T: Pod> From<Vec<T>> for Section<T> {
    fn from(items: Vec<T>) -> Self {
        Section(Repr::Owned(items))
    }
}

impl<T: Pod> Default for Section<T> {
    fn default() -> Self {
        Vec::new().into()
    }
}

impl<T: Pod> Clone for Section<T> {
    fn clone(&self) -> Self {
        match &self.0 {
            Repr::Owned(items) => items.clone().into(),
            Repr::Borrowed {
                _bytes: bytes,
                ptr,
                len,
            } => Section(Repr::Borrowed {
                _bytes: Arc::clone(bytes),
                ptr: *ptr,
                len: *len,
            }),
        }
    }
}

impl<T: Pod + PartialEq> PartialEq for Section<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Pod + Eq> Eq for Section<T> {}

impl<T: Pod + fmt::Debug> fmt::Debug for Section<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<'a, T: Pod> IntoIterator for &'a Section<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(words: &[u64]) -> SharedBytes {
        Arc::new(bytemuck::cast_slice::<u64, u8>(words).to_vec())
    }

    #[test]
    fn borrowed_sections_read_like_slices_and_copy_on_write() {
        let bytes = shared(&[1 | 2 << 32, 3 | 4 << 32]);
        let Some(mut section) = Section::<u32>::borrowed(&bytes, 0..16) else {
            return; // an unaligned test buffer: nothing to check here
        };
        assert!(section.is_borrowed());
        assert_eq!(&section[..], &[1, 2, 3, 4]);
        let copy = section.clone();
        section[0] = 10;
        section.push(5);
        assert!(!section.is_borrowed());
        assert_eq!(&section[..], &[10, 2, 3, 4, 5]);
        assert_eq!(
            &copy[..],
            &[1, 2, 3, 4],
            "the bytes themselves never change"
        );
    }

    #[test]
    fn ranges_outside_or_across_items_are_refused() {
        let bytes = shared(&[0, 0]);
        assert!(Section::<u32>::borrowed(&bytes, 0..17).is_none());
        assert!(Section::<u32>::borrowed(&bytes, 0..6).is_none());
        assert!(Section::<u32>::borrowed(&bytes, 8..8).is_some_and(|s| s.is_empty()));
    }
}
