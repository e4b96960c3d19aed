//! What `agendize-calls` and `agendize-resellers` share, written once: credentials and client
//! set-up ([`client`]), the error envelope ([`envelope`]), checks run before sending
//! ([`validate`]), the [`Watch`](models::Watch) subscription model and the decoder for the
//! notifications a watch delivers ([`notification`]).
//!
//! Most users depend on one of the two API crates, which re-export what they need from here.
//!
//! ```
//! use agendize_core::client::{self, Credentials};
//!
//! let credentials = Credentials::api_key("my-api-key".into(), "my-sso-token".into());
//! let transport = client::transport(client::default_config(), credentials)?;
//! assert_eq!(transport.base_url().as_str(), "https://api.agendize.com/api/2.0");
//! # Ok::<(), ccapi_transport::Error>(())
//! ```

// docs.rs builds with every feature and marks what each item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod client;
pub mod envelope;
pub mod models;
pub mod notification;
pub mod operations;
pub mod validate;
pub mod watchers;

#[doc(no_inline)]
pub use ccapi_transport;
