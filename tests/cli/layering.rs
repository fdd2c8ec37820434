//! The layering rules of ARCHITECTURE.md, checked on the sources.
//!
//! Data flows one way: file text → schema → store (the validated
//! database) → graph (views as of a date) → query → render/export → serve → cli.
//! A module may use the modules below it, never those above; clap lives
//! only in the CLI. These tests read `src/` and fail, naming the file and
//! the line, when a change breaks a rule. Test modules (`#[cfg(test)]`, at
//! the end of a file by convention) may use anything and are not read.

use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may import its own layer's modules
/// only where listed together in one entry.
const LAYERS: &[&[&str]] = &[
    &["date", "names"],
    &["codes"],
    &["model"],
    &["error"],
    &["schema"],
    &["store"],
    &["generate"],
    &["graph"],
    &["edit"],
    &["import"],
    &["query"],
    &["render"],
    &["export"],
    &["serve"],
    &["cli"],
];

/// Modules outside the flow, usable by anything above them: the allocator.
const OUTSIDE: &[&str] = &["memory"];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The top-level module a file under `src/` belongs to (`store` for
/// `src/store/snapshot/fast.rs`), or `None` for `lib.rs` and `main.rs`.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    let name = first.trim_end_matches(".rs").to_string();
    (name != "lib" && name != "main").then_some(name)
}

/// The file's code without its test module and without comments (doc
/// comments name other layers in prose and examples).
fn code(file: &Path) -> Vec<(usize, String)> {
    let text = fs::read_to_string(file).unwrap();
    let body = text.split("#[cfg(test)]").next().unwrap_or("");
    body.lines()
        .enumerate()
        .map(|(i, line)| {
            let code = line.split("//").next().unwrap_or("");
            (i + 1, code.to_string())
        })
        .filter(|(_, line)| !line.trim().is_empty())
        .collect()
}

/// The top-level modules a line names through `crate::` (also inside
/// `use crate::{a::B, c}` groups).
fn crate_modules(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The first name of each top-level item inside the braces.
            let (mut depth, mut name, mut done) = (0, String::new(), false);
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.extend((!name.is_empty()).then(|| std::mem::take(&mut name)));
                        done = false;
                    }
                    c if depth == 0 && !done && (c.is_alphanumeric() || c == '_') => name.push(c),
                    _ if depth == 0 && !name.is_empty() => done = true,
                    _ => {}
                }
            }
            out.extend((!name.is_empty()).then_some(name));
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push(name);
        }
    }
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let src = src();
    let mut broken = Vec::new();
    for file in sources(&src) {
        let Some(module) = module_of(&src, &file) else {
            continue;
        };
        let Some(own) = rank(&module) else {
            assert!(
                OUTSIDE.contains(&module.as_str()),
                "{}: module `{module}` is in no layer; add it to LAYERS here and to ARCHITECTURE.md",
                file.display()
            );
            continue;
        };
        for (line_no, line) in code(&file) {
            for used in crate_modules(&line) {
                if used == module || OUTSIDE.contains(&used.as_str()) {
                    continue;
                }
                let ok = rank(&used).is_some_and(|r| r < own);
                if !ok {
                    broken.push(format!(
                        "{}:{line_no}: `{module}` uses `crate::{used}`: {}",
                        file.display(),
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "layering broken:\n{}", broken.join("\n"));
}

#[test]
fn clap_lives_only_in_the_cli() {
    let src = src();
    let mut broken = Vec::new();
    for file in sources(&src) {
        let module = module_of(&src, &file);
        if module.as_deref() == Some("cli") || module.is_none() {
            continue;
        }
        for (line_no, line) in code(&file) {
            if line.contains("clap::") || line.contains("ValueEnum") || line.contains("use clap") {
                broken.push(format!("{}:{line_no}: {}", file.display(), line.trim()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "clap outside src/cli:\n{}",
        broken.join("\n")
    );
}

#[test]
fn queries_read_the_graph_not_the_file_records() {
    let src = src();
    let mut broken = Vec::new();
    for file in sources(&src.join("query")) {
        for (line_no, line) in code(&file) {
            if line.contains("schema::")
                || line.contains("snapshot::")
                || line.contains(".snapshot()")
            {
                broken.push(format!("{}:{line_no}: {}", file.display(), line.trim()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "queries reaching past the graph:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_rule_reader_sees_grouped_imports() {
    assert_eq!(
        crate_modules("use crate::{graph::{View, When}, query, store::Origin};"),
        ["graph", "query", "store"]
    );
    assert_eq!(crate_modules("let x = crate::cli::run();"), ["cli"]);
    assert!(crate_modules("let crate_name = 1;").is_empty());
}
