//! Ziwo listings: `limit` (at most 50), `skip`, `search`, `order` (`~field` descending), and
//! the same as a lazy stream that walks `skip` until `info.total` / `info.totalRecords`.

use ccapi_transport::paginate::{offset_next, paginate, Page, PageCursor};
use ccapi_transport::{Error, Operation, Query, Transport};
use futures::future::Either;
use futures::stream::{self, Stream};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::models::Listed;

/// The largest page Ziwo serves.
pub const MAX_LIMIT: u32 = 50;

/// `limit`, `skip`, `search` and `order` of a listing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListOptions {
    limit: Option<u32>,
    skip: Option<u64>,
    search: Option<String>,
    order: Option<String>,
}

impl ListOptions {
    /// The API's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Items per page, at most [`MAX_LIMIT`].
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Items to skip before the page.
    pub fn skip(mut self, skip: u64) -> Self {
        self.skip = Some(skip);
        self
    }

    /// Items matching a keyword.
    pub fn search(mut self, keyword: impl Into<String>) -> Self {
        self.search = Some(keyword.into());
        self
    }

    /// Sorted by `field`, ascending.
    pub fn order_by(mut self, field: &str) -> Self {
        self.order = Some(field.to_owned());
        self
    }

    /// Sorted by `field`, descending (`~field`).
    pub fn order_by_descending(mut self, field: &str) -> Self {
        self.order = Some(format!("~{field}"));
        self
    }

    /// Refuses what Ziwo would on the admin lists: a limit of 0 or over 50.
    pub fn check(&self) -> Result<(), Error> {
        self.check_up_to(MAX_LIMIT)
    }

    /// Refuses a limit of 0 or over `max`: routes other than the admin lists have other
    /// ceilings (the CRM customer search takes 500, as a client that probed a live instance
    /// uses) or none documented.
    pub fn check_up_to(&self, max: u32) -> Result<(), Error> {
        match self.limit {
            Some(limit) if limit == 0 || limit > max => Err(Error::invalid_input(
                "limit",
                format!("{limit}: this list serves 1 to {max} items per page"),
            )),
            _ => Ok(()),
        }
    }

    /// The query, with `skip` replaced by `skip` when given.
    pub fn to_query(&self, skip: Option<u64>) -> Query {
        let mut query = Query::new();
        query.push_opt("limit", self.limit);
        query.push_opt("skip", skip.or(self.skip));
        query.push_opt("search", self.search.as_ref());
        query.push_opt("order", self.order.as_ref());
        query
    }
}

/// One page of a listing and the total Ziwo reports.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ListPage<T> {
    /// The items.
    pub items: Vec<T>,
    /// `info.total` or `info.totalRecords`, when given.
    pub total: Option<u64>,
}

impl<T> ListPage<T> {
    /// A page of `items`, with the total Ziwo reported.
    pub fn new(items: Vec<T>, total: Option<u64>) -> Self {
        Self { items, total }
    }
}

/// The total of a list answer's `info`.
pub fn total(meta: &Map<String, Value>) -> Option<u64> {
    let info = meta.get("info")?;
    ["total", "totalRecords"]
        .iter()
        .find_map(|name| match info.get(*name)? {
            Value::Number(number) => number.as_u64(),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        })
}

/// One page of `op` with `options` (and `extra` query pairs after them).
pub async fn list<T: DeserializeOwned>(
    transport: &Transport,
    op: Operation,
    options: &ListOptions,
    extra: &Query,
    skip: Option<u64>,
) -> Result<ListPage<T>, Error> {
    let mut query = options.to_query(skip);
    for (key, value) in extra.pairs() {
        query.push(key, value);
    }
    let decoded = transport
        .execute_with_meta::<Listed<T>>(op.query(query))
        .await?;
    Ok(ListPage {
        items: decoded.value.0,
        total: total(&decoded.meta),
    })
}

/// Every item, page by page from `options`' skip, fetched lazily. `make_op` builds the
/// operation (path and parameters) of each page.
pub fn list_all<T, F>(
    transport: Transport,
    make_op: F,
    options: ListOptions,
    extra: Query,
) -> impl Stream<Item = Result<T, Error>> + Send
where
    T: DeserializeOwned + Send + 'static,
    F: Fn() -> Operation + Send + Sync + Clone + 'static,
{
    if let Err(error) = options.check() {
        return Either::Left(stream::once(async move { Err(error) }));
    }
    let first = PageCursor::Offset(options.skip.unwrap_or(0));
    let limit = u64::from(options.limit.unwrap_or(MAX_LIMIT));
    Either::Right(paginate(first, move |cursor| {
        let transport = transport.clone();
        let make_op = make_op.clone();
        let options = options.clone();
        let extra = extra.clone();
        async move {
            let skip = cursor.value();
            let page = list::<T>(&transport, make_op(), &options, &extra, Some(skip)).await?;
            let next = offset_next(skip, limit, page.items.len(), page.total);
            Ok(Page {
                items: page.items,
                next,
            })
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_come_from_either_member() {
        let meta = |info: Value| {
            let mut meta = Map::new();
            meta.insert("info".to_owned(), info);
            meta
        };
        assert_eq!(total(&meta(serde_json::json!({"total": 12}))), Some(12));
        assert_eq!(
            total(&meta(serde_json::json!({"totalRecords": "7"}))),
            Some(7)
        );
        assert_eq!(total(&meta(serde_json::json!({}))), None);
        assert!(ListOptions::new().limit(51).check().is_err());
        assert!(ListOptions::new().limit(50).check().is_ok());
        assert_eq!(
            ListOptions::new()
                .limit(10)
                .skip(20)
                .search("ct")
                .order_by_descending("did")
                .to_query(None)
                .encode(),
            "limit=10&skip=20&search=ct&order=%7Edid"
        );
    }
}
