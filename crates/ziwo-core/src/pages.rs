//! Ziwo listings: `limit` (at most 50), `skip`, `search`, `order` (`~field` descending), and
//! the same as a lazy stream that walks `skip` until `info.total` / `info.totalRecords`.

pub use ccapi_transport::paginate::{Listing, Page};

use ccapi_transport::paginate::{offset_next, PageCursor};
use ccapi_transport::{Error, Operation, Query, Transport};
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

/// One page of `op` with `options` (and `extra` query pairs after them), starting at `skip`
/// when given (else at `options`' own skip): its items, the next offset, `info`'s total, and
/// `info` itself as the page's `paging`.
pub async fn list<T: DeserializeOwned>(
    transport: &Transport,
    op: Operation,
    options: &ListOptions,
    extra: &Query,
    skip: Option<u64>,
) -> Result<Page<T>, Error> {
    let mut query = options.to_query(skip);
    for (key, value) in extra.pairs() {
        query.push(key, value);
    }
    let decoded = transport
        .execute_with_meta::<Listed<T>>(op.query(query))
        .await?;
    let total = total(&decoded.meta);
    let items = decoded.value.0;
    let start = skip.or(options.skip).unwrap_or(0);
    let limit = u64::from(options.limit.unwrap_or(MAX_LIMIT));
    let next = offset_next(start, limit, items.len(), total);
    let paging = decoded.meta.get("info").cloned().unwrap_or(Value::Null);
    Ok(Page::new(items, next).with_total(total).with_paging(paging))
}

/// Every item, page by page from `options`' skip, fetched lazily (and one page ahead, as the
/// transport's [`ClientConfig::page_look_ahead`](ccapi_transport::ClientConfig::page_look_ahead)
/// says). `make_op` builds the operation (path and parameters) of each page.
pub fn list_all<T, F>(
    transport: &Transport,
    make_op: F,
    options: ListOptions,
    extra: Query,
) -> Listing<T>
where
    T: DeserializeOwned + Send + 'static,
    F: Fn() -> Operation + Send + Sync + 'static,
{
    if let Err(error) = options.check() {
        return Listing::failed(error);
    }
    let first = PageCursor::Offset(options.skip.unwrap_or(0));
    let owned = transport.clone();
    transport.listing(first, move |cursor| {
        let (transport, op, options, extra) =
            (owned.clone(), make_op(), options.clone(), extra.clone());
        async move { list::<T>(&transport, op, &options, &extra, cursor.value()).await }
    })
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
