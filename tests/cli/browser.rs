//! A small helper over headless Chromium (through the `DevTools` protocol
//! with the `headless_chrome` crate), for tests of the pages diplograph
//! makes: the exported page (`html.rs`) and the served one.
//!
//! `Browser::launch()` returns `None`, after one printed line, when no
//! Chromium is found (`$CHROMIUM`, `/usr/bin/chromium`, or `chromium` /
//! `chromium-browser` / `google-chrome` on the `PATH`), so the tests that
//! need it skip instead of failing on a machine without one. It starts
//! Chromium with a fresh profile and without background networking, which
//! would hang on a closed network.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{LaunchOptions, Tab};
use serde_json::Value;

/// The window size pages are opened at (and screenshots are taken at).
pub const WIDTH: u32 = 1400;
/// See [`WIDTH`].
pub const HEIGHT: u32 = 900;

/// One headless Chromium with one tab.
pub struct Browser {
    tab: Arc<Tab>,
    // Kept alive with the tab; dropped (and the process ended) last.
    _chromium: headless_chrome::Browser,
    _profile: tempfile::TempDir,
}

/// The Chromium program to run, if one is found.
pub fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let fixed = PathBuf::from("/usr/bin/chromium");
    if fixed.exists() {
        return Some(fixed);
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

impl Browser {
    /// Starts Chromium; `None` (with one line on stderr) when there is none.
    pub fn launch() -> Option<Browser> {
        let Some(path) = chromium() else {
            eprintln!("skipped: no chromium found (set $CHROMIUM or install chromium)");
            return None;
        };
        let profile = tempfile::tempdir().expect("a temporary profile directory");
        let args: Vec<&OsStr> = [
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--font-render-hinting=none",
        ]
        .iter()
        .map(OsStr::new)
        .collect();
        let options = LaunchOptions::default_builder()
            .path(Some(path))
            .headless(true)
            .sandbox(false)
            .window_size(Some((WIDTH, HEIGHT)))
            .user_data_dir(Some(profile.path().to_path_buf()))
            .idle_browser_timeout(Duration::from_mins(2))
            .args(args)
            .build()
            .expect("launch options");
        let browser = headless_chrome::Browser::new(options).expect("chromium starts");
        let tab = browser.new_tab().expect("a tab");
        tab.set_default_timeout(Duration::from_secs(30));
        Some(Browser {
            tab,
            _chromium: browser,
            _profile: profile,
        })
    }

    /// Opens `url` and waits until it has loaded. Each call loads the
    /// page afresh (through `about:blank`), even when only the fragment
    /// differs from the page open before.
    pub fn open(&self, url: &str) -> &Self {
        self.tab
            .navigate_to("about:blank")
            .and_then(|t| t.wait_until_navigated())
            .and_then(|t| t.navigate_to(url))
            .and_then(|t| t.wait_until_navigated())
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
        self
    }

    /// The value of a JavaScript expression (a promise is awaited), as JSON.
    pub fn eval(&self, js: &str) -> Value {
        let object = self
            .tab
            .evaluate(js, true)
            .unwrap_or_else(|e| panic!("cannot evaluate `{js}`: {e}"));
        object.value.unwrap_or(Value::Null)
    }

    /// Waits (up to 30 s) until the JavaScript condition is true.
    pub fn wait_for(&self, condition: &str) -> &Self {
        let start = Instant::now();
        let js = format!("Boolean({condition})");
        while self.eval(&js) != Value::Bool(true) {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "still not true after 30 s: {condition}"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
        self
    }

    /// An attribute of the first element matching `selector` (null when
    /// absent).
    pub fn attr(&self, selector: &str, name: &str) -> Value {
        self.eval(&format!(
            "(document.querySelector({}) || {{ getAttribute: () => null }}).getAttribute({})",
            js_string(selector),
            js_string(name)
        ))
    }

    /// Clicks the first element matching `selector`, as a user would (a
    /// mouse click at its centre).
    pub fn click(&self, selector: &str) -> &Self {
        self.tab
            .wait_for_element(selector)
            .and_then(|e| e.click().map(|_| ()))
            .unwrap_or_else(|e| panic!("cannot click {selector}: {e}"));
        self
    }

    /// Focuses the element matching `selector` and types `text` into it,
    /// key by key.
    pub fn type_into(&self, selector: &str, text: &str) -> &Self {
        self.tab
            .wait_for_element(selector)
            .and_then(|e| e.type_into(text).map(|_| ()))
            .unwrap_or_else(|e| panic!("cannot type into {selector}: {e}"));
        self
    }

    /// A PNG of the visible page.
    pub fn screenshot_png(&self) -> Vec<u8> {
        self.tab
            .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
            .expect("a screenshot")
    }
}

/// `text` as a JavaScript string literal.
pub fn js_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

/// A `file://` URL for a local path (percent-encoding what a URL cannot
/// hold as is).
pub fn file_url(path: &std::path::Path) -> String {
    let path = path.canonicalize().expect("the file exists");
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(b as char);
        } else {
            let _ = write!(url, "%{b:02X}");
        }
    }
    url
}

/// The width, height and number of distinct colours of a PNG.
pub fn png_facts(bytes: &[u8]) -> (u32, u32, usize) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a buffer size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    let mut colours = std::collections::HashSet::new();
    for pixel in buf[..info.buffer_size()].chunks(channels) {
        colours.insert(pixel.to_vec());
    }
    (info.width, info.height, colours.len())
}
