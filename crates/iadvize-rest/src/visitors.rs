//! Visitors: `visitor.list`, `get`, `create`, `update`, `delete`.

use ccapi_transport::Endpoint;

use crate::collection::{Resource, Resources, Writable};
use crate::models::{Visitor, VisitorInput};
use crate::operations;
use crate::query::{filters, resource, VisitorQuery};

/// Your visitors; from [`Client::visitors`](crate::Client::visitors).
pub type Visitors = Resources<resource::Visitor>;

impl Writable for resource::Visitor {
    type Input = VisitorInput;
    const CREATE: &'static Endpoint = &operations::VISITOR_CREATE;
    const UPDATE: &'static Endpoint = &operations::VISITOR_UPDATE;
    const DELETE: &'static Endpoint = &operations::VISITOR_DELETE;
}

impl Resource for resource::Visitor {
    type Model = Visitor;
    const LIST: &'static Endpoint = &operations::VISITOR_LIST;
    const GET: &'static Endpoint = &operations::VISITOR_GET;
}

filters!(VisitorQuery {
    /// Visitor unique identifier.
    unique_id(id: &str) => "unique_id", id.to_owned();
    /// Your external identifier.
    external_id(id: &str) => "external_id", id.to_owned();
    /// Website identifier.
    website_id(id: i64) => "website_id", id.to_string();
});
