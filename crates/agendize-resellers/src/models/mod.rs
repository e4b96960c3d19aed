//! Account models, generated from `fixtures/agendize-resellers` (see `docs/codegen.md`), and the
//! watch models shared with the other Agendize crate.

mod generated;

pub use agendize_core::models::{
    BasicAuth, HttpMethod, Items, OAuth2GrantType, OAuth2Settings, Signature, Watch, WatchSchema,
    WatchStatus,
};
pub use generated::*;

impl ProfileRef {
    /// The account profile with identifier `id`.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            extra: Default::default(),
        }
    }
}
