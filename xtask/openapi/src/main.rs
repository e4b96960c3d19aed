//! `cargo xtask openapi [--check]`: writes `docs/openapi/<api>.json`, or fails when they drift.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = match args.as_slice() {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => {
            eprintln!("usage: cargo xtask openapi [--check]");
            return ExitCode::from(2);
        }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    match openapi::run(&root, check) {
        Ok(differing) if differing.is_empty() => {
            println!("openapi: {} documents up to date", openapi::APIS.len());
            ExitCode::SUCCESS
        }
        Ok(differing) if check => {
            eprintln!(
                "openapi: {} differ from the crates: run `cargo xtask openapi` and commit the result",
                differing.join(", ")
            );
            ExitCode::FAILURE
        }
        Ok(differing) => {
            for path in differing {
                println!("wrote {path}");
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("openapi: {err}");
            ExitCode::FAILURE
        }
    }
}
