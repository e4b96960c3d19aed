//! CTI models, generated from `fixtures/ziwo-cti` (see `docs/codegen.md`), and the shared ones
//! of `ziwo-core`.

mod generated;

pub use generated::*;
pub use ziwo_core::models::Record;

/// What `static.countries` answers.
pub type Countries = Vec<Country>;
