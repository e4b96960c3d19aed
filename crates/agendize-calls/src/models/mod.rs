//! Models generated from `fixtures/agendize-calls` (see `docs/codegen.md`).

mod generated;

pub use generated::*;
