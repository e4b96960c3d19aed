//! What every iAdvize collection does the same way: list a page, stream every page, get one,
//! create and update with a form, delete. The resource modules are thin typed layers on it.

use ccapi_transport::decode::MaybeNumber;
use ccapi_transport::paginate::{numbered_next, Listing, Page, PageCursor};
use ccapi_transport::{BoolStyle, Endpoint, Error, Form, Query, Transport};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::query::{ListQuery, RangeLimit};

/// The `pagination` block of a list.
///
/// A counter that is not a number (nothing in the seed says it cannot be) is kept as received
/// and does not fail the page: paging then falls back to the empty-page rule.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[non_exhaustive]
pub struct Pagination {
    /// This page's number (from 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<MaybeNumber<u64>>,
    /// Number of pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<MaybeNumber<u64>>,
    /// Resources per page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<MaybeNumber<u64>>,
    /// Number of resources in all pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<MaybeNumber<u64>>,
    /// Members of the block this crate does not name, in the order received.
    #[serde(flatten)]
    pub extra: ccapi_transport::model::Extra,
}

impl Pagination {
    /// The block of a page from a `list` (such as
    /// [`Visitors::list`](crate::visitors::Visitors::list)) or `list_all(..).by_page()`, typed;
    /// `None` when the answer had none or it is not an object.
    pub fn of<T>(page: &Page<T>) -> Option<Self> {
        serde_json::from_value(page.paging.clone()).ok()
    }
}

ccapi_transport::lossless!(Pagination {
    optional page = "page",
    optional pages = "pages",
    optional limit = "limit",
    optional count = "count",
});

/// What every iAdvize resource handle does the same way, each time with the row of the
/// operation (see [`operations`](crate::operations)).
#[derive(Debug, Clone)]
pub(crate) struct Collection {
    pub transport: Transport,
}

/// The caller's query, then the pairs the row always sends (`formatHistory=0`).
fn with_fixed(row: &Endpoint, mut query: Query) -> Query {
    for (name, value) in row.fixed_query {
        query.push(*name, value);
    }
    query
}

impl Collection {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            transport: transport.clone(),
        }
    }

    /// One page (the one the query names, or the first).
    pub(crate) async fn list<T, R>(
        &self,
        row: &Endpoint,
        query: &ListQuery<R>,
    ) -> Result<Page<T>, Error>
    where
        T: DeserializeOwned,
        R: RangeLimit,
    {
        query.check()?;
        self.fetch(row, query, None).await
    }

    /// One page of `row`: the page numbered `page` (`None`: the one the query names, or the
    /// first). Its items, the next page number (from `pagination`, or from a full page when
    /// its counters are missing or not numbers), the total (`count`) and the `pagination` block
    /// as the page's `paging`.
    pub(crate) async fn fetch<T, R>(
        &self,
        row: &Endpoint,
        query: &ListQuery<R>,
        page: Option<u32>,
    ) -> Result<Page<T>, Error>
    where
        T: DeserializeOwned,
    {
        let number = u64::from(page.unwrap_or(query.first_page()));
        let mut decoded = self
            .transport
            .execute_with_meta::<Vec<T>>(row.request().query(with_fixed(row, query.to_query(page))))
            .await?;
        let paging = decoded.meta.remove("pagination").unwrap_or_default();
        let pagination: Pagination = serde_json::from_value(paging.clone()).unwrap_or_default();
        let current = pagination
            .page
            .as_ref()
            .and_then(MaybeNumber::number)
            .unwrap_or(number);
        let page_size = pagination
            .limit
            .as_ref()
            .and_then(MaybeNumber::number)
            .or(query.requested_limit().map(u64::from))
            .unwrap_or(20);
        let pages = pagination.pages.as_ref().and_then(MaybeNumber::number);
        let next = numbered_next(current, pages, decoded.value.len(), page_size);
        let total = pagination.count.as_ref().and_then(MaybeNumber::number);
        Ok(Page::new(decoded.value, next)
            .with_total(total)
            .with_paging(paging))
    }

    /// Every resource of every page of `row` from the query's page on, fetched lazily.
    pub(crate) fn list_all<T, R>(&self, row: &'static Endpoint, query: &ListQuery<R>) -> Listing<T>
    where
        T: DeserializeOwned + Send + 'static,
        R: RangeLimit + Send + Sync + 'static,
    {
        if let Err(error) = query.check() {
            return Listing::failed(error);
        }
        let first = PageCursor::Number(u64::from(query.first_page()));
        let (collection, query) = (self.clone(), query.clone());
        self.transport.listing(first, move |cursor| {
            let (collection, query) = (collection.clone(), query.clone());
            async move {
                let number = cursor.value().unwrap_or(1);
                let page = u32::try_from(number).map_err(|_| {
                    Error::invalid_after_send("page", format!("page {number} is out of range"))
                })?;
                collection.fetch(row, &query, Some(page)).await
            }
        })
    }

    /// One resource by identifier.
    pub(crate) async fn get<T: DeserializeOwned>(
        &self,
        row: &Endpoint,
        id: i64,
    ) -> Result<T, Error> {
        self.transport
            .execute(
                row.request()
                    .path_param("id", id)
                    .query(with_fixed(row, Query::new())),
            )
            .await
    }

    /// Creates a resource from a form body.
    pub(crate) async fn create<T: DeserializeOwned, B: Serialize>(
        &self,
        row: &Endpoint,
        body: &B,
    ) -> Result<T, Error> {
        let form = Form::from_serialize(body, BoolStyle::Digits)?;
        self.transport.execute(row.request().form(&form)).await
    }

    /// Updates a resource from a form body.
    pub(crate) async fn update<T: DeserializeOwned, B: Serialize>(
        &self,
        row: &Endpoint,
        id: i64,
        body: &B,
    ) -> Result<T, Error> {
        let form = Form::from_serialize(body, BoolStyle::Digits)?;
        self.transport
            .execute(row.request().path_param("id", id).form(&form))
            .await
    }

    /// Deletes a resource.
    pub(crate) async fn delete(&self, row: &Endpoint, id: i64) -> Result<(), Error> {
        self.transport
            .execute_empty(row.request().path_param("id", id))
            .await?;
        Ok(())
    }
}

/// An iAdvize resource that lists and reads: its model and its rows. Implemented by the
/// markers of [`query::resource`](crate::query::resource).
pub trait Resource: RangeLimit + Send + Sync + 'static {
    /// What one item decodes to.
    type Model: DeserializeOwned + Send + 'static;
    /// Its `list` row.
    const LIST: &'static Endpoint;
    /// Its `get` row.
    const GET: &'static Endpoint;
}

/// A resource that is also created, updated and deleted with form bodies.
pub trait Writable: Resource {
    /// The form body of `create` and `update`.
    type Input: Serialize;
    /// Its `create` row.
    const CREATE: &'static Endpoint;
    /// Its `update` row.
    const UPDATE: &'static Endpoint;
    /// Its `delete` row.
    const DELETE: &'static Endpoint;
}

/// The handle of one resource (`Visitors` is `Resources<resource::Visitor>`): every resource
/// lists, streams and reads the same way, from its rows.
pub struct Resources<R> {
    pub(crate) collection: Collection,
    resource: std::marker::PhantomData<fn() -> R>,
}

impl<R> Resources<R> {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            collection: Collection::new(transport),
            resource: std::marker::PhantomData,
        }
    }
}

impl<R> Clone for Resources<R> {
    fn clone(&self) -> Self {
        Self {
            collection: self.collection.clone(),
            resource: std::marker::PhantomData,
        }
    }
}

impl<R> std::fmt::Debug for Resources<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resources")
            .field("resource", &std::any::type_name::<R>())
            .field("collection", &self.collection)
            .finish()
    }
}

impl<R: Resource> Resources<R> {
    /// One page: the one the query names, or the first (the resource's `list` row).
    pub async fn list(&self, query: &ListQuery<R>) -> Result<Page<R::Model>, Error> {
        self.collection.list(R::LIST, query).await
    }

    /// Every item of every page from the query's page on (the `list` row), fetched lazily and
    /// one page ahead: `.take(n)` stops early.
    pub fn list_all(&self, query: &ListQuery<R>) -> Listing<R::Model> {
        self.collection.list_all(R::LIST, query)
    }

    /// One item by identifier (the resource's `get` row).
    pub async fn get(&self, id: i64) -> Result<R::Model, Error> {
        self.collection.get(R::GET, id).await
    }
}

impl<R: Writable> Resources<R> {
    /// Creates one (the `create` row, form-encoded) and returns it.
    pub async fn create(&self, input: &R::Input) -> Result<R::Model, Error> {
        self.collection.create(R::CREATE, input).await
    }

    /// Updates one (the `update` row, form-encoded) and returns it.
    pub async fn update(&self, id: i64, input: &R::Input) -> Result<R::Model, Error> {
        self.collection.update(R::UPDATE, id, input).await
    }

    /// Deletes one (the `delete` row).
    pub async fn delete(&self, id: i64) -> Result<(), Error> {
        self.collection.delete(R::DELETE, id).await
    }
}
