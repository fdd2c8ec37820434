//! `diplograph completions SHELL` and `diplograph man`: the command line
//! described for the shell and for `man`, generated from the same clap
//! definitions that parse it, so they cannot fall out of date.

use clap::{CommandFactory, Subcommand};
use clap_complete::Shell;

use super::Cli;

/// The commands that describe the command line itself.
#[derive(Debug, Subcommand)]
pub enum Describe {
    /// Print a completion script for a shell (bash, zsh, fish, powershell, elvish)
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff, for `man`)
    Man,
}

/// The script or page, as text for stdout.
pub fn run(describe: &Describe) -> String {
    let mut command = Cli::command();
    let mut out: Vec<u8> = Vec::new();
    match describe {
        Describe::Completions { shell } => {
            clap_complete::generate(*shell, &mut command, "diplograph", &mut out);
        }
        Describe::Man => {
            // Writing into a `Vec` cannot fail.
            let _ = clap_mangen::Man::new(command).render(&mut out);
            return title_first(&String::from_utf8_lossy(&out));
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The page with its `.TH` title line first, as man pages begin (the
/// renderer puts its string definitions before it; they work after it).
fn title_first(page: &str) -> String {
    let Some(title) = page.lines().find(|l| l.starts_with(".TH ")) else {
        return page.to_string();
    };
    let mut out = format!("{title}\n");
    for line in page.lines().filter(|l| *l != title) {
        out.push_str(line);
        out.push('\n');
    }
    out
}
