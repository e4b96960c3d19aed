//! Clients: `client.list`, `client.get` (what the API key may see).

use ccapi_transport::Transport;

use crate::collection::{readable, Collection};
use crate::models::Client;
use crate::query::ClientQuery;

/// The client accounts; from [`Client::clients`](crate::Client::clients).
#[derive(Debug, Clone)]
pub struct Clients {
    collection: Collection,
}

impl Clients {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            collection: Collection::new(transport),
        }
    }
}

readable!(Clients, Client, ClientQuery, list: CLIENT_LIST, get: CLIENT_GET);
