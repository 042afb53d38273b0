//! The `empathic` command-line tool: scores JSONL, CSV/TSV or plain-text archives (see
//! `empathic --help`). Built with the `cli` feature.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
