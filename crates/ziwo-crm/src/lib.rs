//! Ziwo customer database (profiles, addresses, numbers, social accounts, links, search),
//! typed, on [`ccapi_transport`].
//!
//! **Status: not yet implemented** (workspace issue "ziwo-admin, ziwo-cti and ziwo-crm").
//! Only the customer search route is evidenced; the others are assumed and will live in one
//! overridable table.

#[doc(no_inline)]
pub use ccapi_transport;
