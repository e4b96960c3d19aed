//! Clients: `client.list`, `client.get` (what the API key may see).

use ccapi_transport::Endpoint;

use crate::collection::{Resource, Resources};
use crate::models::Client;
use crate::operations;
use crate::query::resource;

/// The client accounts; from [`Client::clients`](crate::Client::clients).
pub type Clients = Resources<resource::Client>;

impl Resource for resource::Client {
    type Model = Client;
    const LIST: &'static Endpoint = &operations::CLIENT_LIST;
    const GET: &'static Endpoint = &operations::CLIENT_GET;
}
