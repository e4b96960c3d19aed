//! Visitors: `visitor.list`, `get`, `create`, `update`, `delete`.

use ccapi_transport::Transport;

use crate::collection::{readable, writable, Collection};
use crate::models::{Visitor, VisitorInput};
use crate::query::{filters, VisitorQuery};

/// Your visitors; from [`Client::visitors`](crate::Client::visitors).
#[derive(Debug, Clone)]
pub struct Visitors {
    collection: Collection,
}

impl Visitors {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            collection: Collection::new(transport),
        }
    }
}

readable!(Visitors, Visitor, VisitorQuery, list: VISITOR_LIST, get: VISITOR_GET);
writable!(Visitors, Visitor, VisitorInput, create: VISITOR_CREATE, update: VISITOR_UPDATE, delete: VISITOR_DELETE);

filters!(VisitorQuery {
    /// Visitor unique identifier.
    unique_id(id: &str) => "unique_id", id.to_owned();
    /// Your external identifier.
    external_id(id: &str) => "external_id", id.to_owned();
    /// Website identifier.
    website_id(id: i64) => "website_id", id.to_string();
});
