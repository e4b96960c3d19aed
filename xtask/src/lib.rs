//! The library behind `cargo xtask`: the model generator and the fixture recorder, kept apart
//! from the command line so their tests call them directly.

pub mod build_weight;
pub mod codegen;
pub mod mem;
pub mod msrv;
pub mod package;
pub mod record;
pub mod schemathesis;
pub mod secrets;
