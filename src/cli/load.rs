//! Loading the database for a command: from the snapshot cache when it is
//! current, else by parsing the file, with a progress bar on stderr when
//! that takes more than a second and stderr is a terminal.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::graph::DiploGraph;
use crate::store::Origin;

/// Loads that finish sooner than this show no bar at all.
pub const QUIET_FOR: Duration = Duration::from_secs(1);

/// The graph of the database at `origin` (see [`DiploGraph::load`]).
pub fn load(origin: &Origin) -> Result<DiploGraph, Error> {
    let started = Instant::now();
    let terminal = std::io::stderr().is_terminal();
    let mut bar = None;
    let result = DiploGraph::load_with(origin, &mut |done, total| {
        if !terminal {
            return;
        }
        if bar.is_none() && started.elapsed() >= QUIET_FOR {
            bar = super::progress::bar(total, "loading");
        }
        if let Some(bar) = &bar {
            bar.set_position(done);
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result
}
