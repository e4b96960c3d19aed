//! Agendize Resellers API (accounts), typed, on [`ccapi_transport`].
//!
//! **Status: not yet implemented** (workspace issue "agendize-calls and agendize-resellers").
//! It will cover `accounts.list` (search, tools, status and created-range filters), `get` (by
//! id, resellerId or userName), `insert`, `update`, `patch`, `delete` and `watch`, with input
//! validated before sending (documented max lengths, currency, tag colours).

pub mod models;

#[doc(no_inline)]
pub use ccapi_transport;
