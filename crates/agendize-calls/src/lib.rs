//! Agendize Calls API (call tracking numbers), typed, on [`ccapi_transport`].
//!
//! **Status: not yet implemented** (workspace issue "agendize-calls and agendize-resellers").
//! It will cover `calltrackings.list`, `get`, `delete` and `watch` against
//! `https://api.agendize.com/api/2.0`, with `apiKey`/`token` headers (query parameters or an
//! OAuth2 bearer as options), and a typed decoder for delivered watch notifications.

pub mod models;

#[doc(no_inline)]
pub use ccapi_transport;
