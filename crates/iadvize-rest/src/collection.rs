//! What every iAdvize collection does the same way: list a page, stream every page, get one,
//! create and update with a form, delete. The resource modules are thin typed layers on it.

use ccapi_transport::decode::MaybeNumber;
use ccapi_transport::paginate::{numbered_next, paginate, Page, PageCursor};
use ccapi_transport::{BoolStyle, Error, Form, Operation, Query, Transport};
use futures::future::Either;
use futures::stream::{self, Stream};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::query::{ListQuery, RangeLimit};

/// One page of a list, with the API's pagination block.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ListPage<T> {
    /// The resources of this page.
    pub items: Vec<T>,
    /// Where this page stands, when the API says.
    pub pagination: Option<Pagination>,
}

/// The `pagination` block of a list.
///
/// A counter that is not a number (nothing in the seed says it cannot be) is kept as received
/// and does not fail the page: paging then falls back to the empty-page rule.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
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

ccapi_transport::lossless!(Pagination {
    optional page = "page",
    optional pages = "pages",
    optional limit = "limit",
    optional count = "count",
});

/// A collection such as `/operator`, with its item path `/operator/{id}`.
#[derive(Debug, Clone)]
pub(crate) struct Collection {
    pub transport: Transport,
    pub path: &'static str,
    pub item: &'static str,
    /// Query parameters every request of the collection carries (`formatHistory=0`).
    pub fixed: &'static [(&'static str, &'static str)],
}

impl Collection {
    pub(crate) fn new(transport: &Transport, path: &'static str, item: &'static str) -> Self {
        Self {
            transport: transport.clone(),
            path,
            item,
            fixed: &[],
        }
    }

    fn with_fixed(&self, mut query: Query) -> Query {
        for (name, value) in self.fixed {
            query.push(*name, value);
        }
        query
    }

    /// One page (the one the query names, or the first).
    pub(crate) async fn list<T, R>(&self, query: &ListQuery<R>) -> Result<ListPage<T>, Error>
    where
        T: DeserializeOwned,
        R: RangeLimit,
    {
        query.check()?;
        self.fetch(self.path, query, None).await
    }

    /// One page of `path` (a sub-collection such as `/operator/live`).
    pub(crate) async fn fetch<T, R>(
        &self,
        path: &'static str,
        query: &ListQuery<R>,
        page: Option<u32>,
    ) -> Result<ListPage<T>, Error>
    where
        T: DeserializeOwned,
    {
        let decoded = self
            .transport
            .execute_with_meta::<Vec<T>>(
                Operation::get(path).query(self.with_fixed(query.to_query(page))),
            )
            .await?;
        let pagination = decoded
            .meta
            .get("pagination")
            .and_then(|value| serde_json::from_value(value.clone()).ok());
        Ok(ListPage {
            items: decoded.value,
            pagination,
        })
    }

    /// Every resource of every page from the query's page on, fetched lazily.
    pub(crate) fn list_all<T, R>(
        &self,
        query: &ListQuery<R>,
    ) -> impl Stream<Item = Result<T, Error>> + Send
    where
        T: DeserializeOwned + Send + 'static,
        R: RangeLimit + Send + Sync + 'static,
    {
        match query.check() {
            Err(error) => Either::Left(stream::once(async move { Err(error) })),
            Ok(()) => Either::Right(every_page(self.clone(), query.clone())),
        }
    }

    /// One resource by identifier.
    pub(crate) async fn get<T: DeserializeOwned>(&self, id: i64) -> Result<T, Error> {
        self.transport
            .execute(
                Operation::get(self.item)
                    .path_param("id", id)
                    .query(self.with_fixed(Query::new())),
            )
            .await
    }

    /// Creates a resource from a form body.
    pub(crate) async fn create<T: DeserializeOwned, B: Serialize>(
        &self,
        body: &B,
    ) -> Result<T, Error> {
        let form = Form::from_serialize(body, BoolStyle::Digits)?;
        self.transport
            .execute(Operation::post(self.path).form(&form))
            .await
    }

    /// Updates a resource from a form body.
    pub(crate) async fn update<T: DeserializeOwned, B: Serialize>(
        &self,
        id: i64,
        body: &B,
    ) -> Result<T, Error> {
        let form = Form::from_serialize(body, BoolStyle::Digits)?;
        self.transport
            .execute(Operation::put(self.item).path_param("id", id).form(&form))
            .await
    }

    /// Deletes a resource.
    pub(crate) async fn delete(&self, id: i64) -> Result<(), Error> {
        self.transport
            .execute_empty(Operation::delete(self.item).path_param("id", id))
            .await?;
        Ok(())
    }
}

/// The pages of `query`, owned so the stream borrows nothing.
fn every_page<T, R>(
    collection: Collection,
    query: ListQuery<R>,
) -> impl Stream<Item = Result<T, Error>> + Send
where
    T: DeserializeOwned + Send + 'static,
    R: Send + Sync + 'static,
{
    let first = PageCursor::Number(u64::from(query.first_page()));
    paginate(first, move |cursor| {
        let collection = collection.clone();
        let query = query.clone();
        async move {
            let requested = u32::try_from(cursor.value()).map_err(|_| {
                Error::invalid_request(format!("page {} is out of range", cursor.value()))
            })?;
            let page: ListPage<T> = collection
                .fetch(collection.path, &query, Some(requested))
                .await?;
            let pagination = page.pagination.unwrap_or_default();
            let current = pagination
                .page
                .and_then(|page| page.number())
                .unwrap_or(cursor.value());
            let page_size = pagination
                .limit
                .and_then(|limit| limit.number())
                .or(query.requested_limit().map(u64::from))
                .unwrap_or(20);
            let next = numbered_next(
                current,
                pagination.pages.and_then(|pages| pages.number()),
                page.items.len(),
                page_size,
            )
            .filter(|_| !page.items.is_empty());
            Ok(Page {
                items: page.items,
                next,
            })
        }
    })
}

/// Generates the list, list_all and get methods of a read-only collection handle.
macro_rules! readable {
    ($handle:ty, $model:ty, $query:ty, $list:literal, $get:literal) => {
        impl $handle {
            #[doc = concat!("One page (`", $list, "`).")]
            pub async fn list(&self, query: &$query) -> Result<$crate::ListPage<$model>, ccapi_transport::Error> {
                self.collection.list(query).await
            }

            #[doc = concat!("Every resource of every page (`", $list, "`), fetched lazily: `.take(n)` stops early.")]
            pub fn list_all(
                &self,
                query: &$query,
            ) -> impl futures::Stream<Item = Result<$model, ccapi_transport::Error>> + Send {
                self.collection.list_all(query)
            }

            #[doc = concat!("One resource (`", $get, "`).")]
            pub async fn get(&self, id: i64) -> Result<$model, ccapi_transport::Error> {
                self.collection.get(id).await
            }
        }
    };
}
pub(crate) use readable;

/// Generates create, update and delete from form bodies.
macro_rules! writable {
    ($handle:ty, $model:ty, $input:ty, $path:literal, $item:literal) => {
        impl $handle {
            #[doc = concat!("Creates one (`POST ", $path, "`, form-encoded) and returns it.")]
            pub async fn create(&self, input: &$input) -> Result<$model, ccapi_transport::Error> {
                self.collection.create(input).await
            }

            #[doc = concat!("Updates one (`PUT ", $item, "`, form-encoded) and returns it.")]
            pub async fn update(
                &self,
                id: i64,
                input: &$input,
            ) -> Result<$model, ccapi_transport::Error> {
                self.collection.update(id, input).await
            }

            #[doc = concat!("Deletes one (`DELETE ", $item, "`).")]
            pub async fn delete(&self, id: i64) -> Result<(), ccapi_transport::Error> {
                self.collection.delete(id).await
            }
        }
    };
}
pub(crate) use writable;
