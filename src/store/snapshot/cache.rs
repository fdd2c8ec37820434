//! The snapshot cache: a [`Snapshot`] saved beside the database file, so
//! that the next command reads a few flat arrays instead of parsing and
//! validating the whole text again.
//!
//! `graph.ron` stays the one source of truth; the cache is derived from it
//! and is trusted only while it provably describes the same bytes:
//!
//! - **Key.** The cache records the RON file's size, modification time,
//!   change time, inode and device, and the xxh3 hash of its content. When
//!   all the metadata match, and the file was not modified within
//!   [`RACY_SECONDS`] of the cache being written (an edit in the same
//!   timestamp tick could otherwise go unseen: git's "racy" rule), the
//!   cache is used without reading the RON file. Otherwise the RON file is
//!   read and hashed: the same content (a `touch`, a copy) reuses the
//!   cache and refreshes its key; different content rebuilds it.
//! - **Integrity.** The payload carries its own xxh3 checksum, the header
//!   the format version, the crate version and the record sizes; every
//!   number read back is bounds-checked ([`Snapshot::is_well_formed`]).
//!   Anything that does not match — truncation, corruption, another build —
//!   makes the cache ignored and rebuilt, never trusted, never an error.
//! - **Atomic, optional writes.** A new cache is written to a temporary
//!   file and renamed over the old one, so a reader never sees half a
//!   cache. When the directory is read-only (or the disk full) nothing is
//!   written and nothing fails: every command just parses the RON file.
//! - **Only where it pays.** Files under [`MIN_BYTES`] parse in
//!   milliseconds and get no cache. `DIPLOGRAPH_SNAPSHOT=off` turns the
//!   cache off entirely; `DIPLOGRAPH_SNAPSHOT=always` caches any size.
//!
//! - **Mapped, not copied.** The cache file is memory-mapped and its
//!   largest arrays are used in place ([`Section`]): no fresh memory to
//!   zero, no copy. The checksum and the bounds checks still read every
//!   byte, on both cores.
//!
//! On the 1M-relation benchmark database the cache is about 80 MB and a
//! cold `diplograph path A B` takes about 45 ms instead of most of a second
//! (see README, "Speed").

use std::fs::File;
use std::io::{Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use bytemuck::Pod;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::csr::Csr;
use super::section::{Section, SharedBytes};
use super::{Derived, EntityRecord, RelationRecord, Snapshot, SourceRecord, SpellRecord, Strings};
use crate::error::Error;
use crate::model::{AllianceType, Ballot, EntityKind, Position, RelationKind};
use crate::names::{NameIndex, Table};
use crate::store::{self, Origin};

/// Bump when the records, the file layout or what validation accepts
/// change, so that caches written by other builds are rebuilt.
pub const FORMAT: u32 = 5;

/// A file modified this close to the cache's writing may have changed
/// without its timestamp showing it; such caches are checked by hash.
pub const RACY_SECONDS: u64 = 2;

/// The environment variable that turns the cache off (`off`) or on for
/// files of any size (`always`).
pub const ENV: &str = "DIPLOGRAPH_SNAPSHOT";

/// Files smaller than this parse in a few milliseconds: they get no cache
/// (unless `DIPLOGRAPH_SNAPSHOT=always`), so small databases never gain a
/// file beside them.
pub const MIN_BYTES: u64 = 4 << 20;

const MAGIC: &[u8; 8] = b"DGSNAP\0\x01";

/// The cache file of a database file: `.NAME.snapshot` in its directory.
///
/// ```
/// use std::path::Path;
/// use diplograph::store::snapshot::cache::cache_path;
/// assert_eq!(cache_path(Path::new("data/graph.ron")), Path::new("data/.graph.ron.snapshot"));
/// ```
pub fn cache_path(ron: &Path) -> PathBuf {
    let name = ron.file_name().map_or_else(
        || "graph.ron".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    ron.with_file_name(format!(".{name}.snapshot"))
}

/// When the cache is used, as `DIPLOGRAPH_SNAPSHOT` says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `off`, `0`, `no`, `false`: never read or write a cache.
    Off,
    /// Unset (or anything else): for files of at least [`MIN_BYTES`].
    Auto,
    /// `always`: for files of any size.
    Always,
}

/// The mode the environment asks for.
pub fn mode() -> Mode {
    match std::env::var(ENV).as_deref().map(str::trim) {
        Ok("off" | "0" | "no" | "false") => Mode::Off,
        Ok("always") => Mode::Always,
        _ => Mode::Auto,
    }
}

/// What the cache knows about the RON file it was made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Key {
    size: u64,
    mtime: (i64, u32),
    ctime: (i64, u32),
    inode: u64,
    device: u64,
    hash: u64,
}

fn time_parts(t: SystemTime) -> (i64, u32) {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => (d.as_secs() as i64, d.subsec_nanos()),
        Err(e) => (
            -(e.duration().as_secs() as i64),
            e.duration().subsec_nanos(),
        ),
    }
}

impl Key {
    /// The key of a file from its metadata (hash unknown: 0).
    fn of(meta: &std::fs::Metadata) -> Key {
        let mtime = meta.modified().map_or((0, 0), time_parts);
        #[cfg(unix)]
        let (ctime, inode, device) = {
            use std::os::unix::fs::MetadataExt;
            (
                (meta.ctime(), meta.ctime_nsec() as u32),
                meta.ino(),
                meta.dev(),
            )
        };
        #[cfg(not(unix))]
        let (ctime, inode, device) = ((0, 0), 0, 0);
        Key {
            size: meta.len(),
            mtime,
            ctime,
            inode,
            device,
            hash: 0,
        }
    }

    fn same_file(&self, other: &Key) -> bool {
        (self.size, self.mtime, self.ctime, self.inode, self.device)
            == (
                other.size,
                other.mtime,
                other.ctime,
                other.inode,
                other.device,
            )
    }
}

/// The fixed-size header after the magic bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Header {
    format: u32,
    layout: u64,
    key: Key,
    written: (i64, u32),
    payload_len: u64,
    payload_hash: u64,
}

const HEADER_LEN: usize = 8 + 4 + 8 + (8 + 12 + 12 + 8 + 8 + 8) + 12 + 8 + 8;

/// What identifies a build's snapshot layout: the format, the crate
/// version, the sizes of the records, and the kind tables whose positions
/// the records store as codes (entity kinds, relation kinds, positions) —
/// so a build that adds or reorders a kind never reads another build's
/// codes as its own.
fn layout() -> u64 {
    xxh3_64(layout_text().as_bytes())
}

/// The text [`layout`] hashes.
fn layout_text() -> String {
    let names = |all: &mut dyn Iterator<Item = &'static str>| all.collect::<Vec<_>>().join(",");
    format!(
        "{FORMAT} {} {} {} {} {} [{}] [{}] [{}] [{}] [{}]",
        env!("CARGO_PKG_VERSION"),
        size_of::<SourceRecord>(),
        size_of::<EntityRecord>(),
        size_of::<RelationRecord>(),
        size_of::<SpellRecord>(),
        names(&mut EntityKind::ALL.iter().map(|k| k.name())),
        names(&mut RelationKind::ALL.iter().map(|k| k.name())),
        names(&mut Position::ALL.iter().map(|p| p.name())),
        names(&mut Ballot::ALL.iter().map(|b| b.name())),
        names(&mut AllianceType::ALL.iter().map(|t| t.name())),
    )
}

impl Header {
    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.format.to_le_bytes());
        out.extend_from_slice(&self.layout.to_le_bytes());
        let k = &self.key;
        out.extend_from_slice(&k.size.to_le_bytes());
        for (secs, nanos) in [k.mtime, k.ctime] {
            out.extend_from_slice(&secs.to_le_bytes());
            out.extend_from_slice(&nanos.to_le_bytes());
        }
        out.extend_from_slice(&k.inode.to_le_bytes());
        out.extend_from_slice(&k.device.to_le_bytes());
        out.extend_from_slice(&k.hash.to_le_bytes());
        out.extend_from_slice(&self.written.0.to_le_bytes());
        out.extend_from_slice(&self.written.1.to_le_bytes());
        out.extend_from_slice(&self.payload_len.to_le_bytes());
        out.extend_from_slice(&self.payload_hash.to_le_bytes());
        debug_assert_eq!(out.len(), HEADER_LEN);
        out
    }

    fn decode(bytes: &[u8]) -> Option<Header> {
        if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
            return None;
        }
        let mut at = 8;
        let mut take = |n: usize| {
            let part = &bytes[at..at + n];
            at += n;
            part
        };
        let u32_ = |b: &[u8]| u32::from_le_bytes(b.try_into().expect("4 bytes"));
        let u64_ = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
        let i64_ = |b: &[u8]| i64::from_le_bytes(b.try_into().expect("8 bytes"));
        let format = u32_(take(4));
        let layout = u64_(take(8));
        let size = u64_(take(8));
        let mtime = (i64_(take(8)), u32_(take(4)));
        let ctime = (i64_(take(8)), u32_(take(4)));
        let inode = u64_(take(8));
        let device = u64_(take(8));
        let hash = u64_(take(8));
        let written = (i64_(take(8)), u32_(take(4)));
        let payload_len = u64_(take(8));
        let payload_hash = u64_(take(8));
        Some(Header {
            format,
            layout,
            key: Key {
                size,
                mtime,
                ctime,
                inode,
                device,
                hash,
            },
            written,
            payload_len,
            payload_hash,
        })
    }

    /// Whether the RON file could have changed in the same tick as the
    /// cache was written.
    fn racy(&self) -> bool {
        self.written.0.saturating_sub(self.key.mtime.0) < RACY_SECONDS as i64
    }
}

// ---- payload: sections of plain old data, each length-prefixed and
// padded to 8 bytes.

struct Writer(Vec<u8>);

impl Writer {
    fn section<T: Pod>(&mut self, items: &[T]) {
        let bytes: &[u8] = bytemuck::cast_slice(items);
        self.0
            .extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        self.0.extend_from_slice(bytes);
        while !self.0.len().is_multiple_of(8) {
            self.0.push(0);
        }
    }

    fn text(&mut self, text: &str) {
        self.section(text.as_bytes());
    }

    fn table(&mut self, table: &Table) {
        self.text(&table.text);
        self.section(&table.ends);
        let owners: Vec<u64> = table.owners.iter().map(|o| *o as u64).collect();
        self.section(&owners);
    }
}

/// Walks the sections of a payload held in [`SharedBytes`] (a memory map
/// of the cache file): the large arrays are borrowed in place, the small
/// ones copied out.
struct Sections<'a> {
    bytes: &'a SharedBytes,
    /// Where the next section's length is.
    pos: usize,
    /// Where the payload ends.
    end: usize,
}

impl Sections<'_> {
    fn all(&self) -> &[u8] {
        (**self.bytes).as_ref()
    }

    /// The byte range of the next section.
    fn next(&mut self) -> Option<Range<usize>> {
        let at = self.pos;
        let len: [u8; 8] = self.all().get(at..at.checked_add(8)?)?.try_into().ok()?;
        let start = at + 8;
        let end = start.checked_add(usize::try_from(u64::from_le_bytes(len)).ok()?)?;
        self.pos = end.checked_next_multiple_of(8)?;
        (self.pos <= self.end).then_some(start..end)
    }

    fn borrowed<T: Pod>(&mut self) -> Option<Section<T>> {
        let range = self.next()?;
        Section::borrowed(self.bytes, range.clone())
            .or_else(|| copy_out(&self.all()[range]).map(Section::from))
    }

    fn copied<T: Pod>(&mut self) -> Option<Vec<T>> {
        let range = self.next()?;
        copy_out(&self.all()[range])
    }

    fn text(&mut self) -> Option<String> {
        let range = self.next()?;
        String::from_utf8(self.all()[range].to_vec()).ok()
    }

    fn table(&mut self) -> Option<Table> {
        Some(Table {
            text: self.text()?,
            ends: self.copied()?,
            owners: self
                .copied::<u64>()?
                .into_iter()
                .map(|o| usize::try_from(o).ok())
                .collect::<Option<_>>()?,
        })
    }
}

/// `raw` as items of `T`, copied (any alignment); `None` unless it holds a
/// whole number of them.
fn copy_out<T: Pod>(raw: &[u8]) -> Option<Vec<T>> {
    raw.len()
        .is_multiple_of(size_of::<T>())
        .then(|| bytemuck::pod_collect_to_vec(raw))
}

/// Bytes in a buffer aligned for every record type: a payload that could
/// not be memory-mapped, read into memory instead.
struct Aligned {
    words: Vec<u64>,
    len: usize,
}

impl AsRef<[u8]> for Aligned {
    fn as_ref(&self) -> &[u8] {
        &bytemuck::cast_slice(&self.words)[..self.len]
    }
}

impl Aligned {
    fn read(mut input: impl Read, len: usize) -> Option<Aligned> {
        let mut words = vec![0u64; len.div_ceil(8)];
        input
            .read_exact(&mut bytemuck::cast_slice_mut(&mut words)[..len])
            .ok()?;
        Some(Aligned { words, len })
    }
}

fn encode(snap: &Snapshot) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(
        snap.relations.len() * size_of::<RelationRecord>() + snap.strings.text.len() * 3 + 4096,
    ));
    w.section(&[snap.checked]);
    w.text(&snap.strings.text);
    w.section(&snap.strings.ends);
    w.section(&snap.sources);
    w.section(&snap.entities);
    w.section(&snap.aliases);
    w.section(&snap.spells);
    w.section(&snap.relations);
    w.table(&snap.names.keys);
    w.table(snap.names.words());
    w.table(&snap.names.ids);
    let csr = snap.adjacency();
    w.section(&csr.out_start);
    w.section(&csr.out);
    w.section(&csr.in_start);
    w.section(&csr.inc);
    w.section(snap.spans());
    w.0
}

/// The snapshot in `bytes[start..start + len]`, whose xxh3 must be
/// `hash`; `None` if it is short, damaged or inconsistent.
fn decode(bytes: &SharedBytes, start: usize, len: usize, hash: u64) -> Option<Snapshot> {
    let end = start.checked_add(len)?;
    let payload = (**bytes).as_ref().get(start..end)?;
    let mut r = Sections {
        bytes,
        pos: start,
        end,
    };
    let checked = *r.copied::<u32>()?.first()?;
    let strings = Strings {
        text: r.text()?,
        ends: r.copied()?,
    };
    let snap = Snapshot {
        checked,
        strings,
        sources: r.copied()?,
        entities: r.copied()?,
        aliases: r.copied()?,
        spells: r.copied()?,
        relations: r.borrowed()?,
        names: {
            let keys = r.table()?;
            let words = r.table()?;
            let ids = r.table()?;
            NameIndex::from_tables(keys, Some(words), ids)
        },
        derived: Derived::default(),
    };
    let csr = Csr {
        out_start: r.copied()?,
        out: r.borrowed()?,
        in_start: r.copied()?,
        inc: r.borrowed()?,
    };
    let spans: Section<[i32; 2]> = r.borrowed()?;
    if r.pos != end {
        return None;
    }
    let (n, m) = (snap.entity_count(), snap.relation_count());
    // The checksum, the records and the indexes are checked independently:
    // on a large snapshot, on both cores. Bounds checks on unverified bytes
    // are safe; nothing is used unless all three pass.
    let sound = || xxh3_64(payload) == hash && csr.is_well_formed(n, m);
    let ok = if m < 100_000 {
        sound() && snap.is_well_formed()
    } else {
        std::thread::scope(|scope| {
            let checksum_and_indexes = scope.spawn(sound);
            let records = snap.is_well_formed();
            records && checksum_and_indexes.join().unwrap_or(false)
        })
    } && spans.len() == m;
    if !ok {
        return None;
    }
    let _ = snap.derived.0.set((csr, spans));
    Some(snap)
}

/// What [`load`] did, for tests and measurements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The cache matched the file's metadata and was used.
    Hit,
    /// The metadata differed (or were racy) but the content hash matched:
    /// the cache was used (and its key refreshed when possible).
    Rehashed,
    /// There was no usable cache: the RON file was parsed, and the cache
    /// written if the directory allows.
    Built,
    /// No cache was involved: it is turned off, the file is small, or the
    /// database is the bundled one.
    Off,
}

/// The snapshot of the database at `origin`, from its cache when the cache
/// is current, else by parsing (and then caching) the RON file. Errors are
/// only those of reading and validating the RON file itself.
pub fn load(origin: &Origin) -> Result<Snapshot, Error> {
    load_reporting(origin).map(|(snap, _)| snap)
}

/// [`load`], also saying how the snapshot was obtained.
pub fn load_reporting(origin: &Origin) -> Result<(Snapshot, Outcome), Error> {
    load_with(origin, &mut |_, _| {})
}

/// [`load_reporting`], calling `progress(bytes read, file size)` while a
/// large RON file is parsed (never when the cache is used: that is fast).
pub fn load_with(
    origin: &Origin,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(Snapshot, Outcome), Error> {
    let mode = mode();
    let Origin::File(path) = origin else {
        return store::load(origin).map(|s| (s, Outcome::Off));
    };
    let total = std::fs::metadata(path).map_or(0, |m| m.len());
    let mut parse =
        |path: &Path| store::snapshot_of_file(path, &mut |done| progress(done as u64, total));
    let meta = match std::fs::metadata(path) {
        Ok(meta) if mode == Mode::Always || (mode == Mode::Auto && meta.len() >= MIN_BYTES) => meta,
        // Off, small, or unreadable (reading reports why): just parse.
        _ => return parse(path).map(|(snap, _)| (snap, Outcome::Off)),
    };
    let current = Key::of(&meta);
    let cache = cache_path(path);
    let header = read_header(&cache);
    if let Some(header) = &header {
        if header.key.same_file(&current)
            && !header.racy()
            && let Some(snap) = read_payload(&cache, header)
        {
            return Ok((snap, Outcome::Hit));
        }
        // Touched, copied, or too recent to trust the clock: the content
        // decides.
        if header.key.size == current.size
            && hash_file(path).is_some_and(|hash| hash == header.key.hash)
            && let Some(snap) = read_payload(&cache, header)
        {
            let key = Key {
                hash: header.key.hash,
                ..current
            };
            if !header.key.same_file(&key) || header.racy() {
                let _ = write(&cache, &snap, key, &meta);
            }
            return Ok((snap, Outcome::Rehashed));
        }
    }
    let (snap, hash) = parse(path)?;
    let key = Key { hash, ..current };
    // The file may have changed while it was read: then the key would
    // describe other bytes. Cache only what is still there.
    if std::fs::metadata(path).is_ok_and(|m| Key::of(&m).same_file(&current)) {
        let _ = write(&cache, &snap, key, &meta);
    }
    Ok((snap, Outcome::Built))
}

/// The xxh3 hash of a file's bytes, read through a small buffer.
fn hash_file(path: &Path) -> Option<u64> {
    let mut file = File::open(path).ok()?;
    let mut hasher = Xxh3::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        match file.read(&mut buf) {
            Ok(0) => return Some(hasher.digest()),
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

fn read_header(cache: &Path) -> Option<Header> {
    let mut file = File::open(cache).ok()?;
    let mut bytes = vec![0u8; HEADER_LEN];
    file.read_exact(&mut bytes).ok()?;
    let header = Header::decode(&bytes)?;
    (header.format == FORMAT && header.layout == layout()).then_some(header)
}

fn read_payload(cache: &Path, header: &Header) -> Option<Snapshot> {
    let file = File::open(cache).ok()?;
    let len = HEADER_LEN.checked_add(usize::try_from(header.payload_len).ok()?)?;
    if file.metadata().ok()?.len() != len as u64 {
        return None;
    }
    // SAFETY: the mapped file is never written in place: writers make a new
    // file and rename it over the old one, and a mapping keeps reading the
    // file it was made from. (A program truncating the cache while a query
    // runs could still make it fault: the usual caveat of memory maps.)
    // The bytes are only read, and every number in them is checked.
    let mapped = unsafe { memmap2::MmapOptions::new().populate().map(&file) };
    let bytes: SharedBytes = match mapped {
        Ok(map) => Arc::new(map),
        Err(_) => Arc::new(Aligned::read(&file, len)?),
    };
    // The header must still be the one read first (a writer may have
    // replaced the file in between).
    let all: &[u8] = (*bytes).as_ref();
    if all.len() != len || Header::decode(&all[..HEADER_LEN])? != *header {
        return None;
    }
    decode(&bytes, HEADER_LEN, len - HEADER_LEN, header.payload_hash)
}

/// Writes the cache atomically: a temporary file beside it, then a rename.
/// The cache gets the RON file's permissions: whoever may read the data may
/// read its cache.
fn write(cache: &Path, snap: &Snapshot, key: Key, ron: &std::fs::Metadata) -> Result<(), Error> {
    let payload = encode(snap);
    let mut hasher = Xxh3::new();
    hasher.update(&payload);
    let now = time_parts(SystemTime::now());
    let header = Header {
        format: FORMAT,
        layout: layout(),
        key,
        written: now,
        payload_len: payload.len() as u64,
        payload_hash: hasher.digest(),
    };
    let mut file = store::save::AtomicFile::create(cache)?;
    file.set_permissions(ron.permissions())?;
    let io = |source| Error::WriteFile {
        path: cache.to_path_buf(),
        source,
    };
    file.write_all(&header.encode()).map_err(io)?;
    file.write_all(&payload).map_err(io)?;
    file.commit(store::save::Replace::Yes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(payload: &[u8]) -> SharedBytes {
        Arc::new(Aligned::read(payload, payload.len()).unwrap())
    }

    fn round_trip(payload: &[u8]) -> Option<Snapshot> {
        decode(&shared(payload), 0, payload.len(), xxh3_64(payload))
    }

    #[test]
    fn the_layout_covers_every_kind_table() {
        let text = layout_text();
        let kinds = RelationKind::ALL.iter().map(|k| k.name());
        let entities = EntityKind::ALL.iter().map(|k| k.name());
        let positions = Position::ALL.iter().map(|p| p.name());
        let ballots = Ballot::ALL.iter().map(|b| b.name());
        let types = AllianceType::ALL.iter().map(|t| t.name());
        for name in kinds
            .chain(entities)
            .chain(positions)
            .chain(ballots)
            .chain(types)
        {
            assert!(text.contains(name), "{name} is not in the layout");
        }
    }

    #[test]
    fn a_snapshot_survives_encoding() {
        let snap = store::load(&Origin::Bundled).unwrap();
        let back = round_trip(&encode(&snap)).unwrap();
        assert_eq!(back, snap);
        assert_eq!(back.to_database(), snap.to_database());
    }

    #[test]
    fn damaged_payloads_are_refused_not_trusted() {
        let snap = store::load(&Origin::Bundled).unwrap();
        let payload = encode(&snap);
        assert!(round_trip(&payload[..payload.len() - 8]).is_none());
        // One flipped bit anywhere fails the checksum.
        for at in [0, payload.len() / 3, payload.len() - 1] {
            let mut flipped = payload.clone();
            flipped[at] ^= 0x10;
            let hash = xxh3_64(&payload);
            assert!(decode(&shared(&flipped), 0, flipped.len(), hash).is_none());
        }
        // A relation pointing past the entities, with a valid checksum.
        let mut bad = snap.clone();
        bad.relations[0].to = bad.entities.len() as u32 + 5;
        assert!(round_trip(&encode(&bad)).is_none());
        let mut bad = snap.clone();
        bad.relations[0].kind = 40;
        assert!(round_trip(&encode(&bad)).is_none());
    }

    #[test]
    fn a_written_cache_is_read_back_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let ron = dir.path().join("graph.ron");
        std::fs::write(&ron, store::BUNDLED).unwrap();
        let meta = std::fs::metadata(&ron).unwrap();
        let snap = store::load(&Origin::Bundled).unwrap();
        let cache = cache_path(&ron);
        write(&cache, &snap, Key::of(&meta), &meta).unwrap();
        let header = read_header(&cache).unwrap();
        let back = read_payload(&cache, &header).unwrap();
        assert_eq!(back, snap);
        // The large arrays are borrowed from the mapped file, not copied.
        assert!(back.relations.is_borrowed());
        assert!(back.adjacency().out.is_borrowed() && back.adjacency().inc.is_borrowed());
        assert_eq!(back.spans(), snap.spans());
    }

    #[test]
    fn headers_round_trip() {
        let header = Header {
            format: FORMAT,
            layout: layout(),
            key: Key {
                size: 1,
                mtime: (2, 3),
                ctime: (4, 5),
                inode: 6,
                device: 7,
                hash: 8,
            },
            written: (9, 10),
            payload_len: 11,
            payload_hash: 12,
        };
        assert_eq!(Header::decode(&header.encode()), Some(header));
        assert!(Header::decode(&header.encode()[..HEADER_LEN - 1]).is_none());
    }
}
