//! What `agendize-calls` and `agendize-resellers` share, written once: the [`Watch`](models::Watch)
//! subscription model.
//!
//! Most users depend on one of those two crates, which re-export what they need from here.

pub mod models;

#[doc(no_inline)]
pub use ccapi_transport;
