//! Agents, queues and numbers: routes the official client uses but the seed does not document.
//! Their members are not documented either, so entities are [`Record`]s (JSON objects kept
//! whole) and bodies are the members you send, form-encoded.

use ccapi_transport::{BoolStyle, Endpoint, Error, Form, Query, Transport};
use ziwo_core::pages::{self, ListOptions, Listing, Page};

use crate::models::Record;
use crate::operations::{
    AGENTS_CREATE, AGENTS_LIST, AGENTS_UPDATE, NUMBERS_LIST, QUEUES_CREATE, QUEUES_LIST,
};

/// Agents (`/admin/agents`); from [`Client::agents`](crate::Client::agents).
#[derive(Debug, Clone)]
pub struct Agents {
    pub(crate) transport: Transport,
}

impl Agents {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            transport: transport.clone(),
        }
    }

    /// One page (`GET /admin/agents`).
    pub async fn list(&self, options: &ListOptions) -> Result<Page<Record>, Error> {
        list(&self.transport, &AGENTS_LIST, options).await
    }

    /// Every agent, page after page.
    pub fn list_all(&self, options: &ListOptions) -> Listing<Record> {
        pages::list_all(
            &self.transport,
            || AGENTS_LIST.request(),
            options.clone(),
            Query::new(),
        )
    }

    /// Creates an agent (`POST /admin/agents`, form-encoded).
    pub async fn create(&self, agent: &Record) -> Result<Record, Error> {
        create(&self.transport, &AGENTS_CREATE, agent).await
    }

    /// Updates an agent (`PUT /admin/agents/{id}`, form-encoded).
    pub async fn update(&self, id: &str, changes: &Record) -> Result<Record, Error> {
        self.transport
            .execute(
                AGENTS_UPDATE
                    .request()
                    .path_param("id", id)
                    .form(&form(changes)?),
            )
            .await
    }
}

/// Queues (`/admin/queues`); from [`Client::queues`](crate::Client::queues).
#[derive(Debug, Clone)]
pub struct Queues {
    transport: Transport,
}

impl Queues {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            transport: transport.clone(),
        }
    }

    /// One page (`GET /admin/queues`).
    pub async fn list(&self, options: &ListOptions) -> Result<Page<Record>, Error> {
        list(&self.transport, &QUEUES_LIST, options).await
    }

    /// Creates a queue (`POST /admin/queues`, form-encoded).
    pub async fn create(&self, queue: &Record) -> Result<Record, Error> {
        create(&self.transport, &QUEUES_CREATE, queue).await
    }
}

/// Call-center numbers (`/admin/numbers`); from [`Client::numbers`](crate::Client::numbers).
#[derive(Debug, Clone)]
pub struct Numbers {
    transport: Transport,
}

impl Numbers {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            transport: transport.clone(),
        }
    }

    /// One page (`GET /admin/numbers`).
    pub async fn list(&self, options: &ListOptions) -> Result<Page<Record>, Error> {
        list(&self.transport, &NUMBERS_LIST, options).await
    }
}

async fn list(
    transport: &Transport,
    row: &Endpoint,
    options: &ListOptions,
) -> Result<Page<Record>, Error> {
    options.check()?;
    pages::list(transport, row.request(), options, &Query::new(), None).await
}

async fn create(transport: &Transport, row: &Endpoint, record: &Record) -> Result<Record, Error> {
    transport.execute(row.request().form(&form(record)?)).await
}

fn form(record: &Record) -> Result<Form, Error> {
    if record.0.is_empty() {
        return Err(Error::invalid_request("the body has no member"));
    }
    Form::from_serialize(record, BoolStyle::Words)
}
