//! Ziwo administration API, typed, on [`ccapi_transport`].
//!
//! **Status: not yet implemented** (workspace issue "ziwo-admin, ziwo-cti and ziwo-crm").
//! It will cover call trackers (list, get, create, update, block, unblock, delete, logs, test),
//! live-call eavesdropping, call history, streamed recording downloads, agents, queues and
//! numbers, on `https://{instance}-api.aswat.co` with a login session or an `access_token`,
//! plus typed models for the call-tracker webhooks.

#[doc(no_inline)]
pub use ccapi_transport;
