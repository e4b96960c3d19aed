//! Ziwo CTI integration API (agent login, status, click to call, click to IVR, current call,
//! logout), typed, on [`ccapi_transport`].
//!
//! **Status: not yet implemented** (workspace issue "ziwo-admin, ziwo-cti and ziwo-crm").
//! Every route takes the static `api_key` header; three paths are assumed (not published) and
//! will be overridable.

#[doc(no_inline)]
pub use ccapi_transport;
