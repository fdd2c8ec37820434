//! Every program in `examples/` runs and prints a non-trivial answer, so the
//! examples cannot rot. Each example's own assertions about the seed are in
//! its expected lines below.

use std::path::Path;
use std::process::Command;

/// Lines each example must print (facts of the bundled graph).
fn expected(name: &str) -> &'static [&'static str] {
    match name {
        "iran_handover" => &[
            "2024-05-01: Ebrahim Raisi (President)",
            "2024-05-19: Mohammad Mokhber (acting President)",
            "2024-06-01: Mohammad Mokhber (acting President)",
            "2024-07-28: Masoud Pezeshkian (President)",
        ],
        "aligned_with_russia" => &[
            "1. Belarus",
            "2. China",
            "a direct tie: alliance RUS → BLR",
            "both belong to Shanghai Cooperation Organisation",
        ],
        "india_china_paths" => &[
            "India —observer→ SCO ←member— China (2 hops)",
            "India —member→ SCO ←member— China (2 hops)",
            "observer from 2005-07-05, then member from 2017-06-09",
        ],
        "blocs_2024" => &[
            "fall into 2 blocs (error P = 0.5)",
            "bloc 2: Ukraine, United States",
            "Adversaries inside one bloc: India and Pakistan",
        ],
        "big_club" => &[
            "China (neutral, backs Moscow)",
            "Belarus (supports the war)",
            "India (neutral)",
            "Ukraine (at war with Russia, opposes the war)",
            "United States (sanctions Russia, opposes the war)",
        ],
        "sco_2016_vs_2024" => &[
            "6 full members on 2016-01-01 and 10 after",
            "Belarus: observer → member",
            "India: observer → member",
            "Saudi Arabia: not part of it → dialogue partner",
        ],
        "cypher_over_time" => &[
            "2001-06-15: 6 member",
            "2024-07-03: 14 dialogue_partner, 9 member, 3 observer",
            "2024-07-04: 14 dialogue_partner, 10 member, 2 observer",
        ],
        _ => &[],
    }
}

#[test]
fn every_example_runs_and_says_what_it_should() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(root.join("examples"))
        .expect("examples/")
        .filter_map(|e| {
            let path = e.ok()?.path();
            (path.extension()? == "rs").then(|| path.file_stem()?.to_str().map(String::from))?
        })
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for name in names {
        let out = Command::new(env!("CARGO"))
            .args(["run", "--quiet", "--example", &name])
            .current_dir(root)
            .output()
            .expect("cargo runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "example {name} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.lines().count() >= 3,
            "example {name} printed too little:\n{stdout}"
        );
        let wanted = expected(&name);
        assert!(
            !wanted.is_empty(),
            "example {name} has no expected lines in tests/cli/examples.rs"
        );
        for line in wanted {
            assert!(
                stdout.contains(line),
                "example {name} lacks {line:?}:\n{stdout}"
            );
        }
    }
}
