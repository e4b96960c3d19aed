//! Models generated from `fixtures/agendize-resellers` (see `docs/codegen.md`).

mod generated;

pub use generated::*;
