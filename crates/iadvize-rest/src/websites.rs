//! Websites: `website.list`, `get`, `update`.

use ccapi_transport::{Error, Transport};

use crate::collection::{readable, Collection};
use crate::models::{Website, WebsiteUpdate};
use crate::query::WebsiteQuery;

/// Your websites; from [`Client::websites`](crate::Client::websites).
#[derive(Debug, Clone)]
pub struct Websites {
    collection: Collection,
}

impl Websites {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            collection: Collection::new(transport),
        }
    }

    /// Updates a website (`PUT /website/{id}`, form-encoded) and returns it.
    pub async fn update(&self, id: i64, changes: &WebsiteUpdate) -> Result<Website, Error> {
        self.collection
            .update(&crate::operations::WEBSITE_UPDATE, id, changes)
            .await
    }
}

readable!(Websites, Website, WebsiteQuery, list: WEBSITE_LIST, get: WEBSITE_GET);
