//! The library behind `cargo xtask`: the model generator, the fixture recorder and the cc-voice
//! conformance run against Vonage's OpenAPI file, kept apart
//! from the command line so their tests call them directly.

pub mod codegen;
pub mod conformance;
pub mod record;
