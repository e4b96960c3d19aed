//! Groups: `group.list`, `get`, `create`, `update`, `delete`.

use ccapi_transport::Transport;

use crate::collection::{readable, writable, Collection};
use crate::models::{Group, GroupInput};
use crate::query::{filters, GroupQuery};

/// Your operator groups; from [`Client::groups`](crate::Client::groups).
#[derive(Debug, Clone)]
pub struct Groups {
    collection: Collection,
}

impl Groups {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            collection: Collection::new(transport),
        }
    }
}

readable!(Groups, Group, GroupQuery, list: GROUP_LIST, get: GROUP_GET);
writable!(Groups, Group, GroupInput, create: GROUP_CREATE, update: GROUP_UPDATE, delete: GROUP_DELETE);

filters!(GroupQuery {
    /// Parent group identifier.
    parent_id(id: i64) => "parent_id", id.to_string();
});
