//! Workspace automation, run as `cargo xtask <command>`.
//!
//! No command exists yet: `codegen` (model types generated from `fixtures/`) is the next
//! workspace issue. Running it now says so and exits non-zero, so nobody mistakes it for a
//! passing check.

use std::process::ExitCode;

fn main() -> ExitCode {
    let command = std::env::args().nth(1);
    eprintln!(
        "cargo xtask: no command `{}` yet (codegen is not implemented)",
        command.as_deref().unwrap_or("")
    );
    ExitCode::from(2)
}
