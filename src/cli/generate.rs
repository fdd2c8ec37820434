//! `diplograph generate`: writes a synthetic database of any size, for
//! benchmarks and scale tests. The work is [`crate::generate`]'s; this file
//! only reads the sizes and decides where the text goes.

use std::path::PathBuf;

use clap::Args;

use crate::error::Error;
use crate::export::write_file;
use crate::generate::{Params, generate};

/// Arguments of `generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Seed of the random numbers: the same seed and sizes give the same file
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Number of countries (at most 17576)
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub countries: usize,
    /// Number of organizations
    #[arg(long, default_value_t = 100, value_name = "M")]
    pub organizations: usize,
    /// Exact number of relations
    #[arg(long, default_value_t = 10_000, value_name = "R")]
    pub relations: usize,
    /// Write to this file (atomically) instead of stdout
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace --output if it exists (without this, an existing file is never overwritten:
    /// it may be a real database)
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// Generates; returns the database text for stdout, or a one-line receipt
/// when it went to a file.
pub fn run(args: &GenerateArgs) -> Result<String, Error> {
    if let Some(path) = &args.output
        && let Some(why) = crate::store::save::refusal(path, args.force)
    {
        return Err(Error::Generate {
            why,
            help: "pass --force to replace it with synthetic data, or choose another --output"
                .to_string(),
        });
    }
    let made = generate(&Params {
        seed: args.seed,
        countries: args.countries,
        organizations: args.organizations,
        relations: args.relations,
    })?;
    match &args.output {
        None => Ok(made.text),
        Some(path) => {
            write_file(path, made.text.as_bytes())?;
            Ok(format!(
                "wrote {}: {} entities, {} relations\n",
                path.display(),
                made.entities,
                made.relations
            ))
        }
    }
}
