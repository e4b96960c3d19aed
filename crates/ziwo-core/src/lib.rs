//! What the Ziwo crates (`ziwo-admin`, `ziwo-cti`, `ziwo-crm`) share, written once: instance
//! URLs checked as DNS labels ([`instance`]), the `{result, content, info}` envelope
//! ([`envelope`]), credentials and login sessions with `auth.login` / `auth.logout`
//! ([`client`]), offset listings as pages or streams ([`pages`]), and the shared models.
//!
//! ```
//! use ziwo_core::client::{instance_config, Connection, Credentials};
//!
//! let config = instance_config("acme")?; // https://acme-api.aswat.co
//! let connection = Connection::new(config, Credentials::login("jane@acme.com", "secret".into()))?;
//! assert_eq!(connection.transport().base_url().as_str(), "https://acme-api.aswat.co/");
//! assert!(instance_config("evil.com/x").is_err());
//! # Ok::<(), ccapi_transport::Error>(())
//! ```

// docs.rs builds with every feature and marks what each item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod client;
pub mod days;
pub mod envelope;
pub mod instance;
pub mod models;
pub mod operations;
pub mod pages;

#[doc(no_inline)]
pub use ccapi_transport;
