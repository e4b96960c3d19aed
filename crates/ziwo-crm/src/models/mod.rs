//! CRM entities: the documentation names them but not their members, so they are
//! [`Record`]s (JSON objects kept whole). `fixtures/ziwo-crm` holds an illustrative sample,
//! round-tripped through `Record`; `generated` is empty until samples can say more.

mod generated;

pub use generated::SECRET_MEMBERS;
pub use ziwo_core::models::Record;
