//! Tags: `tag.list`, `get`, and `create` (several at once, sent as a JSON array).

use ccapi_transport::{Error, Transport};

use crate::collection::{readable, Collection};
use crate::models::{NewTag, Tag};
use crate::query::{filters, TagQuery};

/// Your conversation tags; from [`Client::tags`](crate::Client::tags).
#[derive(Debug, Clone)]
pub struct Tags {
    collection: Collection,
}

impl Tags {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            collection: Collection::new(transport),
        }
    }

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

readable!(Tags, Tag, TagQuery, list: TAG_LIST, get: TAG_GET);

filters!(TagQuery {
    /// Website identifier.
    website_id(id: i64) => "website_id", id.to_string();
});
