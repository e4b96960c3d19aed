//! Vonage Business Communications Telephony API v3 (calls, legs, device registrations), typed,
//! on [`ccapi_transport`].
//!
//! **Status: not yet implemented** (workspace issue "cc-voice").
//! It will cover calls (list, create, get, typed update actions, delete), legs (list, get, typed
//! actions such as hold, DTMF, streaming, transfers and recording, delete) and devices, with
//! OAuth2 (password, authorization code, rotating refresh tokens) or a static access token.

#[doc(no_inline)]
pub use ccapi_transport;
