//! Groups: `group.list`, `get`, `create`, `update`, `delete`.

use ccapi_transport::Endpoint;

use crate::collection::{Resource, Resources, Writable};
use crate::models::{Group, GroupInput};
use crate::operations;
use crate::query::{filters, resource, GroupQuery};

/// Your operator groups; from [`Client::groups`](crate::Client::groups).
pub type Groups = Resources<resource::Group>;

impl Writable for resource::Group {
    type Input = GroupInput;
    const CREATE: &'static Endpoint = &operations::GROUP_CREATE;
    const UPDATE: &'static Endpoint = &operations::GROUP_UPDATE;
    const DELETE: &'static Endpoint = &operations::GROUP_DELETE;
}

impl Resource for resource::Group {
    type Model = Group;
    const LIST: &'static Endpoint = &operations::GROUP_LIST;
    const GET: &'static Endpoint = &operations::GROUP_GET;
}

filters!(GroupQuery {
    /// Parent group identifier.
    parent_id(id: i64) => "parent_id", id.to_string();
});
