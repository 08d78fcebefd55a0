//! The `rekindle` binary: parse the command line, start logging to stderr, dispatch.

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = rekindle::cli::Cli::parse();
    rekindle::cli::init_tracing();
    rekindle::cli::run(cli)
}
