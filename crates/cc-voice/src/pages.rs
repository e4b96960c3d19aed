//! Page-numbered listings (`calls.list`, `devices.list`): one page, or every item as a `Stream`.
//!
//! The API documents `page_size`, `order`, `start_time` and `end_time`, and answers with
//! `current_page`, `pages`, `next_page` and `next_page_uri`; it does not document how to ask
//! for a page. This crate **assumes a `page` query parameter** (1-based, the value of
//! `next_page`), sent only when a page other than the first is wanted
//! ([`ListFilter::page`] overrides it).
//!
//! **`next_page_uri` is followed when the answer gives one**: the next request is that URI's
//! path and query exactly (a cursor the API may use instead of `page` travels as given), once it
//! names the same listing (the same path, after the base URL's own path) and differs from the
//! first page's URI (the seed's example repeats the first page's URI there; the page number then
//! decides). A page fetched by its URI that announces the same URI again was the last one.
//! Without a usable URI the assumed `page` parameter is used.
//!
//! Vonage's OpenAPI file types the page counters as free strings. A counter that is not a
//! number is kept as received ([`MaybeNumber::Other`](ccapi_transport::decode::MaybeNumber))
//! and does not fail the page: the next page is then the page after a full one. An empty page
//! always ends the listing.

use std::fmt::Display;

use ccapi_transport::decode::{LenientString, MaybeNumber};
use ccapi_transport::paginate::{numbered_next, Page, PageCursor};
use ccapi_transport::{Error, Query};
use chrono::{DateTime, TimeZone};
use serde::Serialize;

use crate::models::{CallPage, DevicePage, SortOrder};

/// The documented options of the listings. Every one is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub(crate) extension: Option<String>,
    page_size: Option<u32>,
    order: Option<SortOrder>,
    start_time: Option<i64>,
    end_time: Option<i64>,
    page: Option<u64>,
}

impl ListFilter {
    /// No option: the API's defaults (100 per page).
    pub fn new() -> Self {
        Self::default()
    }

    /// Calls of this extension only (`calls.list` only).
    pub fn extension(mut self, extension: impl Into<String>) -> Self {
        self.extension = Some(extension.into());
        self
    }

    /// At most `size` items per page (at least 1).
    pub fn page_size(mut self, size: u32) -> Self {
        self.page_size = Some(size);
        self
    }

    /// Ascending or descending order.
    pub fn order(mut self, order: SortOrder) -> Self {
        self.order = Some(order);
        self
    }

    /// Items after this point in time (sent as epoch seconds).
    pub fn start_time<Tz: TimeZone>(mut self, at: DateTime<Tz>) -> Self
    where
        Tz::Offset: Display,
    {
        self.start_time = Some(at.timestamp());
        self
    }

    /// Items before this point in time (sent as epoch seconds).
    pub fn end_time<Tz: TimeZone>(mut self, at: DateTime<Tz>) -> Self
    where
        Tz::Offset: Display,
    {
        self.end_time = Some(at.timestamp());
        self
    }

    /// Start at this page (1-based; see the [module docs](self) for the assumption).
    pub fn page(mut self, page: u64) -> Self {
        self.page = Some(page);
        self
    }

    pub(crate) fn check(&self) -> Result<(), Error> {
        if self.page_size == Some(0) {
            return Err(Error::invalid_input("page_size", "must be at least 1"));
        }
        if self.page == Some(0) {
            return Err(Error::invalid_input("page", "pages are numbered from 1"));
        }
        if let (Some(start), Some(end)) = (self.start_time, self.end_time) {
            if start > end {
                return Err(Error::invalid_input(
                    "start_time",
                    "start_time is after end_time: no item can match",
                ));
            }
        }
        Ok(())
    }

    /// The first page the stream asks for.
    pub(crate) fn first_cursor(&self) -> PageCursor {
        PageCursor::Number(self.page.unwrap_or(1))
    }

    /// The query of the page at `at`: the link's own query as given, or the filter with the
    /// page number.
    pub(crate) fn query_at(&self, at: &PageCursor) -> Query {
        match at {
            PageCursor::Link(pairs) => {
                let mut query = Query::new();
                for (name, value) in pairs {
                    query.push(name.as_str(), value);
                }
                query
            }
            other => self.query(Some(other.clone())),
        }
    }

    /// The query for the page at `cursor`; `page` is sent only when asked for or past the first.
    pub(crate) fn query(&self, cursor: Option<PageCursor>) -> Query {
        let mut query = Query::new();
        query.push_opt("extension", self.extension.as_ref());
        query.push_opt("page_size", self.page_size);
        query.push_opt("order", self.order.as_ref());
        query.push_opt("start_time", self.start_time);
        query.push_opt("end_time", self.end_time);
        let page = match cursor {
            Some(PageCursor::Number(n)) if self.page.is_some() || n != 1 => Some(n),
            _ => self.page,
        };
        query.push_opt("page", page);
        query
    }
}

/// What the two page types tell about where the next page is.
pub(crate) struct PageInfo<'a> {
    pub current_page: Option<&'a MaybeNumber<i64>>,
    pub pages: Option<&'a MaybeNumber<i64>>,
    pub next_page: Option<&'a LenientString>,
    pub next_page_uri: Option<&'a str>,
    pub first_page_uri: Option<&'a str>,
    pub page_size: Option<&'a MaybeNumber<i64>>,
}

/// An answer page of a listing, whatever its item member is called.
pub(crate) trait AnswerPage: Serialize {
    /// The listing's items.
    type Item;
    /// Where the next page is, as the answer tells it.
    fn info(&self) -> PageInfo<'_>;
    /// Moves the items out.
    fn take_items(&mut self) -> Vec<Self::Item>;
}

/// The answer `answer`, fetched at `at` on the listing at `path` (rendered), as a page of the
/// transport's listing: its items, the next page ([`after`]), and its counters as `paging`.
pub(crate) fn into_page<P: AnswerPage>(
    mut answer: P,
    path: &str,
    at: &PageCursor,
) -> Page<P::Item> {
    let items = answer.take_items();
    let next = after(&answer.info(), path, at, items.len());
    let paging = serde_json::to_value(&answer).unwrap_or_default();
    Page::new(items, next).with_paging(paging)
}

impl AnswerPage for CallPage {
    type Item = crate::models::Call;

    fn take_items(&mut self) -> Vec<Self::Item> {
        self.calls.take().unwrap_or_default()
    }

    fn info(&self) -> PageInfo<'_> {
        PageInfo {
            current_page: self.current_page.as_ref(),
            pages: self.pages.as_ref(),
            next_page: self.next_page.as_ref(),
            next_page_uri: self.next_page_uri.as_deref(),
            first_page_uri: self.first_page_uri.as_deref(),
            page_size: self.page_size.as_ref(),
        }
    }
}

impl AnswerPage for DevicePage {
    type Item = crate::models::Device;

    fn take_items(&mut self) -> Vec<Self::Item> {
        self.devices.take().unwrap_or_default()
    }

    fn info(&self) -> PageInfo<'_> {
        PageInfo {
            current_page: self.current_page.as_ref(),
            pages: self.pages.as_ref(),
            next_page: self.next_page.as_ref(),
            next_page_uri: self.next_page_uri.as_deref(),
            first_page_uri: self.first_page_uri.as_deref(),
            page_size: self.page_size.as_ref(),
        }
    }
}

/// The page after the one fetched at `requested`, or `None` when it was the last: an empty
/// page, `current_page >= pages`, or no sign of a further page.
pub(crate) fn next_page(info: &PageInfo<'_>, requested: u64, items: usize) -> Option<PageCursor> {
    if items == 0 {
        return None;
    }
    let as_u64 = |value: Option<&MaybeNumber<i64>>| {
        value
            .and_then(MaybeNumber::number)
            .and_then(|v| u64::try_from(v).ok())
    };
    let current = as_u64(info.current_page).unwrap_or(requested);
    let pages = as_u64(info.pages);
    if pages.is_some_and(|pages| current >= pages) {
        return None;
    }
    let announced = info
        .next_page
        .and_then(|next| next.as_str().trim().parse::<u64>().ok())
        .or_else(|| info.next_page_uri.and_then(page_in_uri))
        .filter(|next| *next > current);
    match announced {
        Some(next) => Some(PageCursor::Number(next)),
        None => {
            let page_size = as_u64(info.page_size).unwrap_or(100);
            numbered_next(current, pages, items, page_size)
        }
    }
}

/// Where the page after the one fetched at `fetched` is, on the listing at `path` (rendered,
/// `/cc/accounts/1234/calls`): the answer's `next_page_uri` when it names another page of this
/// listing (see the module docs), else [`next_page`]'s page number.
pub(crate) fn after(
    info: &PageInfo<'_>,
    path: &str,
    fetched: &PageCursor,
    items: usize,
) -> Option<PageCursor> {
    if items == 0 {
        return None;
    }
    let current = fetched.value().unwrap_or(0);
    let counters = |value: Option<&MaybeNumber<i64>>| {
        value
            .and_then(MaybeNumber::number)
            .and_then(|v| u64::try_from(v).ok())
    };
    if let (Some(now), Some(pages)) = (counters(info.current_page), counters(info.pages)) {
        if now >= pages {
            return None;
        }
    }
    let first = info.first_page_uri.and_then(|uri| uri_query(uri, path));
    if let Some(query) = info.next_page_uri.and_then(|uri| uri_query(uri, path)) {
        if matches!(fetched, PageCursor::Link(pairs) if *pairs == query) {
            // The page just fetched, announced again: it was the last one.
            return None;
        }
        if first.as_ref() != Some(&query) {
            return Some(PageCursor::Link(query));
        }
    }
    let current = counters(info.current_page).unwrap_or(current).max(current);
    next_page(info, current, items)
}

/// The query pairs of `uri` when its path is the listing's `path` (after any base path, so an
/// absolute URI on the API's host works too).
fn uri_query(uri: &str, path: &str) -> Option<Vec<(String, String)>> {
    let base = url::Url::parse("http://base.invalid").ok()?;
    let parsed = base.join(uri).ok()?;
    let decoded = percent_decoded(parsed.path());
    let same_listing = decoded == path
        || (decoded.ends_with(path) && decoded[..decoded.len() - path.len()].starts_with('/'));
    same_listing.then(|| {
        parsed
            .query_pairs()
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect()
    })
}

fn percent_decoded(path: &str) -> String {
    percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned()
}

/// The `page` query parameter of a next-page URI (`/cc/accounts/1/calls?page=3&page_size=10`).
fn page_in_uri(uri: &str) -> Option<u64> {
    let (_, query) = uri.split_once('?')?;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == "page")
        .and_then(|(_, value)| value.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info<'a>(
        current: &'a MaybeNumber<i64>,
        pages: &'a MaybeNumber<i64>,
        next: &'a LenientString,
        size: &'a MaybeNumber<i64>,
    ) -> PageInfo<'a> {
        PageInfo {
            current_page: Some(current),
            pages: Some(pages),
            next_page: Some(next),
            next_page_uri: None,
            first_page_uri: None,
            page_size: Some(size),
        }
    }

    #[test]
    fn the_next_page_follows_the_answer() {
        let (one, two, three) = (
            MaybeNumber::Number(1),
            MaybeNumber::Number(2),
            MaybeNumber::Number(3),
        );
        let next_two = LenientString::from("2");
        let placeholder = LenientString::from("string");
        let ten = MaybeNumber::Number(10);
        assert_eq!(
            next_page(&info(&one, &three, &next_two, &ten), 1, 10),
            Some(PageCursor::Number(2))
        );
        assert_eq!(next_page(&info(&two, &two, &next_two, &ten), 2, 10), None);
        // The seed's placeholder `next_page: "string"`: the page count decides.
        assert_eq!(
            next_page(&info(&one, &two, &placeholder, &ten), 1, 10),
            Some(PageCursor::Number(2))
        );
        assert_eq!(next_page(&info(&one, &three, &next_two, &ten), 1, 0), None);
    }

    #[test]
    fn counters_that_are_no_numbers_fall_back_to_the_uri_or_the_page_fill() {
        let odd = MaybeNumber::Other(serde_json::json!("adipisicing"));
        let placeholder = LenientString::from("string");
        let mut unreadable = info(&odd, &odd, &placeholder, &odd);
        // No usable counter and no URI: a full page (100 by default) asks for the next.
        assert_eq!(next_page(&unreadable, 4, 100), Some(PageCursor::Number(5)));
        assert_eq!(next_page(&unreadable, 4, 7), None);
        unreadable.next_page_uri = Some("/cc/accounts/1/calls?page_size=10&page=9");
        assert_eq!(next_page(&unreadable, 4, 7), Some(PageCursor::Number(9)));
        assert_eq!(next_page(&unreadable, 4, 0), None, "an empty page ends it");
    }

    #[test]
    fn the_next_page_uri_is_followed_when_it_names_another_page_of_this_listing() {
        let (one, three) = (MaybeNumber::Number(1), MaybeNumber::Number(3));
        let ten = MaybeNumber::Number(10);
        let next = LenientString::from("2");
        let path = "/cc/accounts/1234/calls";
        let mut answer = info(&one, &three, &next, &ten);
        answer.first_page_uri = Some("/cc/accounts/1234/calls?page_size=10&order=desc");
        // An opaque cursor travels as given.
        answer.next_page_uri = Some("/cc/accounts/1234/calls?page_size=10&cursor=a%2Bb");
        let cursor = vec![
            ("page_size".to_owned(), "10".to_owned()),
            ("cursor".to_owned(), "a+b".to_owned()),
        ];
        assert_eq!(
            after(&answer, path, &PageCursor::Number(1), 10),
            Some(PageCursor::Link(cursor.clone()))
        );
        // On the API's host, under its base path, too.
        answer.next_page_uri = Some(
            "https://api.vonage.com/t/vbc.prod/telephony/v3/cc/accounts/1234/calls?page_size=10&cursor=a%2Bb",
        );
        assert_eq!(
            after(&answer, path, &PageCursor::Number(1), 10),
            Some(PageCursor::Link(cursor.clone()))
        );
        // The seed's example repeats the first page's URI: the page number decides.
        answer.next_page_uri = answer.first_page_uri;
        assert_eq!(
            after(&answer, path, &PageCursor::Number(1), 10),
            Some(PageCursor::Number(2))
        );
        // Another listing's URI is not followed.
        answer.next_page_uri = Some("/cc/accounts/9999/calls?page=2");
        assert_eq!(
            after(&answer, path, &PageCursor::Number(1), 10),
            Some(PageCursor::Number(2))
        );
        // The URI just fetched again, an empty page, or the last page: the end.
        answer.next_page_uri = Some("/cc/accounts/1234/calls?page_size=10&cursor=a%2Bb");
        assert_eq!(
            after(&answer, path, &PageCursor::Link(cursor.clone()), 10),
            None
        );
        assert_eq!(after(&answer, path, &PageCursor::Number(1), 0), None);
        let last = info(&three, &three, &next, &ten);
        assert_eq!(after(&last, path, &PageCursor::Number(3), 10), None);
    }
}
