//! iAdvize REST API v2, typed, on [`ccapi_transport`].
//!
//! **Status: not yet implemented** (workspace issue "iadvize-rest").
//! It will cover clients, websites, operators (with live availability and statistics), groups,
//! skills, conversations, tags, transactions, satisfactions, statistics, visitors, call meetings
//! and Odigo callbacks, with typed filters and lazily fetched page streams, on the standard or
//! high-availability host, with the `X-API-Key` header (query key or HTTP Basic as options).

#[doc(no_inline)]
pub use ccapi_transport;
