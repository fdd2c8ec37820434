//! Scale: the generator (deterministic, valid, sized as asked) and the
//! snapshot cache beside a database (used when current, rebuilt when stale
//! or damaged, harmless when it cannot be written).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::support::dg;

const CACHE_ENV: &str = "DIPLOGRAPH_SNAPSHOT";

fn generate(dir: &Path, name: &str, seed: u64, relations: usize) -> PathBuf {
    let path = dir.join(name);
    let receipt = dg([
        "generate",
        "--seed",
        &seed.to_string(),
        "--countries",
        "40",
        "--organizations",
        "10",
        "--relations",
        &relations.to_string(),
        "--output",
        path.to_str().unwrap(),
    ])
    .text();
    assert!(
        receipt.starts_with(&format!("wrote {}: ", path.display())),
        "{receipt}"
    );
    path
}

#[test]
fn the_generator_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let a = generate(dir.path(), "a.ron", 7, 2000);
    let b = generate(dir.path(), "b.ron", 7, 2000);
    let c = generate(dir.path(), "c.ron", 8, 2000);
    assert_eq!(fs::read(&a).unwrap(), fs::read(&b).unwrap());
    assert_ne!(fs::read(&a).unwrap(), fs::read(&c).unwrap());
    // Without --output it writes the same text to stdout.
    let stdout = dg([
        "generate",
        "--seed",
        "7",
        "--countries",
        "40",
        "--organizations",
        "10",
        "--relations",
        "2000",
    ])
    .default_graph()
    .text();
    assert_eq!(stdout.as_bytes(), fs::read(&a).unwrap());
}

#[test]
fn generated_databases_pass_check_with_the_size_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    for (seed, relations) in [(1, 500), (2, 3000)] {
        let path = generate(dir.path(), &format!("g{seed}.ron"), seed, relations);
        let text = dg(["check"]).graph(&path).text();
        assert!(text.contains(&format!("{relations} relations")), "{text}");
        // Written in canonical form, as `fmt` would write it.
        dg(["fmt", "--check"]).graph(&path).text();
        // Every kind of entity and the blocs' signed relations are there.
        for kind in ["countries", "people", "organizations", "event", "issue"] {
            assert!(text.contains(kind), "{text}");
        }
        for kind in [
            "member",
            "leads",
            "attends",
            "alliance",
            "sanctions",
            "stance",
        ] {
            assert!(text.contains(&format!("{kind} ")), "{text}");
        }
    }
}

#[test]
fn an_existing_file_is_only_replaced_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.ron");
    std::fs::write(&path, "real data").unwrap();
    let args = |force: bool| {
        let mut args = vec![
            "generate",
            "--relations",
            "500",
            "--output",
            path.to_str().unwrap(),
        ];
        if force {
            args.push("--force");
        }
        args.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let err = dg(args(false)).default_graph().fails_with(2);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "real data");
    dg(args(true)).default_graph().text();
    assert!(dg(["check"]).graph(&path).text().contains("500 relations"));
}

#[test]
fn impossible_sizes_are_refused_with_a_usage_error() {
    let err = dg(["generate", "--countries", "1"])
        .default_graph()
        .fails_with(2);
    assert!(err.contains("cannot generate"), "{err}");
    assert!(err.contains("at least two countries"), "{err}");
    let err = dg(["generate", "--countries", "20000"])
        .default_graph()
        .fails_with(2);
    assert!(err.contains("17576"), "{err}");
}

/// A database in its own directory, with the cache on for any size.
struct Cached {
    dir: tempfile::TempDir,
    graph: PathBuf,
}

impl Cached {
    fn new() -> Cached {
        let dir = tempfile::tempdir().unwrap();
        let graph = generate(dir.path(), "graph.ron", 3, 3000);
        Cached { dir, graph }
    }

    fn cache(&self) -> PathBuf {
        self.dir.path().join(".graph.ron.snapshot")
    }

    /// `check --format json` and `list` with the cache in `mode`
    /// (`always` or `off`).
    fn answers_with(&self, mode: &str) -> (String, String) {
        let run = |args: &[&str]| {
            dg(args.iter().copied())
                .graph(&self.graph)
                .env(CACHE_ENV, mode)
                .text()
        };
        (
            run(&["check", "--format", "json"]),
            run(&["list", "--kind", "country"]),
        )
    }

    /// The answers through the cache.
    fn answers(&self) -> (String, String) {
        self.answers_with("always")
    }

    /// The answers from parsing the file.
    fn uncached_answers(&self) -> (String, String) {
        self.answers_with("off")
    }
}

#[test]
fn a_cache_is_written_beside_the_file_and_gives_the_same_answers() {
    let db = Cached::new();
    assert!(!db.cache().exists());
    let first = db.answers();
    assert!(db.cache().exists(), "the cache is written");
    let cached = db.answers();
    assert_eq!(first, cached);
    assert_eq!(cached, db.uncached_answers());
    let path = dg(["path", "AAA", "BBB", "--all-time", "--format", "json"])
        .graph(&db.graph)
        .env(CACHE_ENV, "always")
        .run();
    let fresh = dg(["path", "AAA", "BBB", "--all-time", "--format", "json"])
        .graph(&db.graph)
        .env(CACHE_ENV, "off")
        .run();
    assert_eq!((path.code, path.stdout), (fresh.code, fresh.stdout));
}

#[test]
fn small_files_and_the_off_switch_write_no_cache() {
    let db = Cached::new();
    dg(["check"]).graph(&db.graph).env(CACHE_ENV, "off").text();
    assert!(!db.cache().exists());
    // Below the size threshold the cache is not worth a file.
    dg(["check"]).graph(&db.graph).text();
    assert!(!db.cache().exists());
}

#[test]
fn an_edited_file_is_never_answered_from_a_stale_cache() {
    let db = Cached::new();
    db.answers();
    let original = fs::read_to_string(&db.graph).unwrap();
    // A new country at the end: a different size.
    let grown = original.replacen(
        "        // Organizations\n",
        "        country(id: \"ZZZ\", name: \"Zedland\"),\n        // Organizations\n",
        1,
    );
    fs::write(&db.graph, &grown).unwrap();
    let (_, list) = db.answers();
    assert!(list.contains("Zedland"), "{list}");
    assert_eq!(db.answers(), db.uncached_answers());
}

#[test]
fn an_edit_that_keeps_size_and_modification_time_is_still_seen() {
    let db = Cached::new();
    db.answers();
    // Let the cache stop being "racy", so that only metadata would decide.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    db.answers();
    let modified = fs::metadata(&db.graph).unwrap().modified().unwrap();
    let original = fs::read_to_string(&db.graph).unwrap();
    let name = original
        .split("country(id: \"")
        .nth(1)
        .and_then(|rest| rest.split("name: \"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    // Same length, different name; then the old modification time back.
    let renamed: String = name
        .chars()
        .rev()
        .collect::<String>()
        .to_lowercase()
        .chars()
        .enumerate()
        .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
        .collect();
    assert_eq!(renamed.len(), name.len());
    let edited = original.replacen(
        &format!("name: \"{name}\""),
        &format!("name: \"{renamed}\""),
        1,
    );
    assert_eq!(edited.len(), original.len());
    let file = fs::OpenOptions::new().write(true).open(&db.graph).unwrap();
    (&file).write_all(edited.as_bytes()).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    assert_eq!(
        fs::metadata(&db.graph).unwrap().modified().unwrap(),
        modified
    );
    let (_, list) = db.answers();
    assert!(list.contains(&renamed), "{renamed} missing:\n{list}");
    assert!(
        !list.contains(&format!(" {name} ")),
        "{name} still there:\n{list}"
    );
}

#[test]
fn a_damaged_cache_is_ignored_and_rebuilt() {
    let db = Cached::new();
    let expected = db.answers();
    let good = fs::read(db.cache()).unwrap();
    let damages: Vec<Vec<u8>> = vec![
        good[..good.len() / 2].to_vec(),
        Vec::new(),
        b"not a snapshot at all".to_vec(),
        {
            let mut flipped = good.clone();
            let at = good.len() * 2 / 3;
            flipped[at] ^= 0x40;
            flipped
        },
        {
            let mut flipped = good.clone();
            let at = good.len() - 3;
            flipped[at] ^= 0x01;
            flipped
        },
    ];
    for damaged in damages {
        fs::write(db.cache(), &damaged).unwrap();
        assert_eq!(db.answers(), expected);
        assert_eq!(fs::read(db.cache()).unwrap().len(), good.len(), "rebuilt");
    }
}

#[test]
fn an_unwritable_cache_changes_nothing() {
    let db = Cached::new();
    let expected = db.uncached_answers();
    // A directory where the cache would go: the rename over it fails.
    fs::create_dir(db.cache()).unwrap();
    fs::write(db.cache().join("keep"), "x").unwrap();
    assert_eq!(db.answers(), expected);
    assert_eq!(db.answers(), expected);
    assert!(db.cache().is_dir());
    fs::remove_dir_all(db.cache()).unwrap();

    // A read-only directory (meaningful when not running as root, who may
    // write anyway).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = db.dir.path();
        fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
        let enforced = fs::write(dir.join("probe"), "x").is_err();
        assert_eq!(db.answers(), expected);
        if enforced {
            assert!(!db.cache().exists());
        }
        fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
    }
}
