//! A small fluent runner for the real `diplograph` binary.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The repository's graph.ron.
pub fn repo_graph() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("graph.ron")
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// One invocation, built up step by step.
pub struct Dg {
    args: Vec<String>,
    graph: Option<PathBuf>,
    dir: Option<PathBuf>,
    env: Vec<(String, String)>,
}

/// `diplograph ARGS… --graph <repo graph.ron>`.
pub fn dg<I: IntoIterator<Item = S>, S: AsRef<str>>(args: I) -> Dg {
    Dg {
        args: args.into_iter().map(|s| s.as_ref().to_string()).collect(),
        graph: Some(repo_graph()),
        dir: None,
        env: Vec::new(),
    }
}

impl Dg {
    /// Asks as of `date` (`--as-of DATE`).
    pub fn on(mut self, date: &str) -> Self {
        self.args.extend(["--as-of".to_string(), date.to_string()]);
        self
    }

    /// Uses another database file.
    pub fn graph(mut self, path: impl Into<PathBuf>) -> Self {
        self.graph = Some(path.into());
        self
    }

    /// Passes no `--graph`, so the binary chooses by itself.
    pub fn default_graph(mut self) -> Self {
        self.graph = None;
        self
    }

    /// Runs in `dir`.
    pub fn dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dir = Some(dir.into());
        self
    }

    /// Sets an environment variable.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// Runs and returns everything it printed.
    pub fn run(self) -> Outcome {
        let mut cmd = Command::cargo_bin("diplograph").expect("binary builds");
        cmd.env_remove("DIPLOGRAPH_GRAPH").env("NO_COLOR", "1");
        if let Some(graph) = &self.graph {
            cmd.arg("--graph").arg(graph);
        }
        cmd.args(&self.args);
        if let Some(dir) = &self.dir {
            cmd.current_dir(dir);
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("binary runs");
        Outcome {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Runs, requires success, and returns stdout.
    pub fn text(self) -> String {
        let args = self.args.join(" ");
        let out = self.run();
        assert_eq!(out.code, 0, "`diplograph {args}` failed:\n{}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        out.stdout
    }

    /// Runs with `--format json`, requires success, and parses stdout.
    pub fn json(mut self) -> Value {
        self.args
            .extend(["--format".to_string(), "json".to_string()]);
        let text = self.text();
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
    }

    /// Runs with `--format json`, requires exit 1 (the query found
    /// nothing), and parses stdout, which still holds the (empty) answer.
    pub fn json_found_nothing(mut self) -> Value {
        self.args
            .extend(["--format".to_string(), "json".to_string()]);
        let args = self.args.join(" ");
        let out = self.run();
        assert_eq!(out.code, 1, "`diplograph {args}`:\n{}", out.stderr);
        serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", out.stdout))
    }

    /// Runs, requires the given failure code, and returns stderr.
    pub fn fails_with(self, code: i32) -> String {
        let args = self.args.join(" ");
        let out = self.run();
        assert_eq!(out.code, code, "`diplograph {args}`:\n{}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        out.stderr
    }
}

/// The `id` field of every object in a JSON array.
pub fn ids(value: &Value) -> Vec<String> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v["id"].as_str().expect("an id").to_string())
        .collect()
}

/// The records of a CSV text (any reader) as maps from header to value.
pub fn csv_records(input: impl std::io::Read) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(input);
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}
