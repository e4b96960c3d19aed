//! Websites: `website.list`, `get`, `update`.

use ccapi_transport::{Endpoint, Error};

use crate::collection::{Resource, Resources};
use crate::models::{Website, WebsiteUpdate};
use crate::operations;
use crate::query::resource;

/// Your websites; from [`Client::websites`](crate::Client::websites).
pub type Websites = Resources<resource::Website>;

impl Resource for resource::Website {
    type Model = Website;
    const LIST: &'static Endpoint = &operations::WEBSITE_LIST;
    const GET: &'static Endpoint = &operations::WEBSITE_GET;
}

impl Resources<resource::Website> {
    /// Updates a website (`PUT /website/{id}`, form-encoded) and returns it.
    pub async fn update(&self, id: i64, changes: &WebsiteUpdate) -> Result<Website, Error> {
        self.collection
            .update(&crate::operations::WEBSITE_UPDATE, id, changes)
            .await
    }
}
