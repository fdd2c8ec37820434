//! The `diplograph` binary: all the work is in the library.

#[global_allocator]
static GLOBAL: diplograph::memory::Allocator = diplograph::memory::Allocator;

fn main() {
    std::process::exit(diplograph::cli::main());
}
