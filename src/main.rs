//! The `diplograph` binary: all the work is in the library.

fn main() {
    std::process::exit(diplograph::cli::main());
}
