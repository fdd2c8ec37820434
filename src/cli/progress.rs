//! Progress bars for long operations, on stderr and only on a terminal, so
//! scripts and pipes never see them.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// Inputs smaller than this finish too fast for a bar to help.
pub const MIN_BYTES: u64 = 4 * 1024 * 1024;

/// A byte-counting bar for work over `total` bytes, or `None` when stderr
/// is not a terminal or the input is small.
pub fn bar(total: u64, message: &'static str) -> Option<ProgressBar> {
    if total < MIN_BYTES || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(total);
    let style = ProgressStyle::with_template("{msg} {wide_bar} {bytes}/{total_bytes} ({eta})")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(message);
    Some(bar)
}
