//! What every iAdvize collection does the same way: list a page, stream every page, get one,
//! create and update with a form, delete. The resource modules are thin typed layers on it.

use ccapi_transport::decode::MaybeNumber;
use ccapi_transport::paginate::{numbered_next, Listing, Page, PageCursor};
use ccapi_transport::{BoolStyle, Error, Form, Operation, Query, Transport};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::query::{ListQuery, RangeLimit};

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
    pub(crate) async fn list<T, R>(&self, query: &ListQuery<R>) -> Result<Page<T>, Error>
    where
        T: DeserializeOwned,
        R: RangeLimit,
    {
        query.check()?;
        self.fetch(self.path, query, None).await
    }

    /// One page of `path` (the collection, or a sub-collection such as `/operator/live`): the
    /// page numbered `page` (`None`: the one the query names, or the first). Its items, the
    /// next page number (from `pagination`, or from a full page when its counters are missing
    /// or not numbers), the total (`count`) and the `pagination` block as the page's `paging`.
    pub(crate) async fn fetch<T, R>(
        &self,
        path: &'static str,
        query: &ListQuery<R>,
        page: Option<u32>,
    ) -> Result<Page<T>, Error>
    where
        T: DeserializeOwned,
    {
        let number = u64::from(page.unwrap_or(query.first_page()));
        let mut decoded = self
            .transport
            .execute_with_meta::<Vec<T>>(
                Operation::get(path).query(self.with_fixed(query.to_query(page))),
            )
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

    /// Every resource of every page from the query's page on, fetched lazily.
    pub(crate) fn list_all<T, R>(&self, query: &ListQuery<R>) -> Listing<T>
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
                collection.fetch(collection.path, &query, Some(page)).await
            }
        })
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

/// Generates the list, list_all and get methods of a read-only collection handle.
macro_rules! readable {
    ($handle:ty, $model:ty, $query:ty, $list:literal, $get:literal) => {
        impl $handle {
            #[doc = concat!("One page (`", $list, "`).")]
            pub async fn list(&self, query: &$query) -> Result<ccapi_transport::paginate::Page<$model>, ccapi_transport::Error> {
                self.collection.list(query).await
            }

            #[doc = concat!("Every resource of every page (`", $list, "`), fetched lazily: `.take(n)` stops early.")]
            pub fn list_all(
                &self,
                query: &$query,
            ) -> ccapi_transport::paginate::Listing<$model> {
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
