//! Tags: `tag.list`, `get`, and `create` (several at once, sent as a JSON array).

use ccapi_transport::{Endpoint, Error};

use crate::collection::{Resource, Resources};
use crate::models::{NewTag, Tag};
use crate::operations;
use crate::query::{filters, resource, TagQuery};

/// Your conversation tags; from [`Client::tags`](crate::Client::tags).
pub type Tags = Resources<resource::Tag>;

impl Resource for resource::Tag {
    type Model = Tag;
    const LIST: &'static Endpoint = &operations::TAG_LIST;
    const GET: &'static Endpoint = &operations::TAG_GET;
}

impl Resources<resource::Tag> {
    /// Creates tags (`POST /tag`, a JSON array of `{name, website_id}`) and returns them.
    pub async fn create(&self, tags: &[NewTag]) -> Result<Vec<Tag>, Error> {
        if tags.is_empty() {
            return Err(Error::invalid_input("tags", "at least one tag to create"));
        }
        for (index, tag) in tags.iter().enumerate() {
            if tag.name.trim().is_empty() {
                return Err(Error::invalid_input(
                    format!("tags[{index}].name"),
                    "mandatory, and empty",
                ));
            }
        }
        self.collection
            .transport
            .execute(crate::operations::TAG_CREATE.request().json(tags))
            .await
    }
}

filters!(TagQuery {
    /// Website identifier.
    website_id(id: i64) => "website_id", id.to_string();
});
