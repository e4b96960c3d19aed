//! Listings: one page type and one lazy, checked stream over the pages of any provider.
//!
//! A provider crate says only how to fetch the page at a [`PageCursor`] and, from the answer,
//! where the next page is ([`offset_next`], [`numbered_next`] or a next-page link) and the total
//! when the provider gives one. [`Listing`] does the rest, the same way for every provider:
//!
//! - it is a `Stream` of items ([`Listing::by_page`] gives the pages instead);
//! - nothing is fetched before it is polled, and nothing past the last page;
//! - while the consumer works on a page, the next one is fetched ahead
//!   ([`Listing::look_ahead`], one page by default, 0 disables it); dropping the listing cancels
//!   that request and starts no other;
//! - it ends after the first error; a page whose next cursor is the page itself ends it (how
//!   providers mark a last page), and a next cursor the listing fetched before, or one behind
//!   it, ends it with [`Error::PageCycle`] after the pages before: a provider whose links go
//!   round cannot make it loop. The links fetched are remembered as 64-bit hashes, 8 bytes a
//!   page.
//!
//! ```
//! use futures::{StreamExt, TryStreamExt};
//! use ccapi_transport::paginate::{offset_next, Listing, Page, PageCursor};
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), ccapi_transport::Error> {
//! let all: Vec<u64> = (0..7).collect();
//! let listing = Listing::new(PageCursor::Offset(0), move |cursor| {
//!     let all = all.clone();
//!     async move {
//!         let skip = cursor.value().unwrap_or(0);
//!         let items: Vec<u64> = all.iter().copied().skip(skip as usize).take(3).collect();
//!         let next = offset_next(skip, 3, items.len(), Some(all.len() as u64));
//!         Ok(Page::new(items, next).with_total(Some(all.len() as u64)))
//!     }
//! });
//! let items: Vec<u64> = listing.take(4).try_collect().await?;
//! assert_eq!(items, vec![0, 1, 2, 3]);
//! # Ok(()) }
//! ```
//!
//! The shape follows google-cloud-rust's `Paginator` (a page stream with an item view) and
//! octocrab's single `Page` type.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};

use futures::future::BoxFuture;
use futures::stream::{self, BoxStream, Stream, StreamExt};
use serde_json::Value;
use tokio::sync::mpsc;
use tracing::Instrument;

use crate::error::Error;

/// The default of [`Listing::look_ahead`] and
/// [`ClientConfig::page_look_ahead`](crate::ClientConfig::page_look_ahead): one page.
pub const DEFAULT_LOOK_AHEAD: usize = 1;

/// Where a page starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageCursor {
    /// A 1-based page number (iAdvize `page`, cc-voice `page`).
    Number(u64),
    /// An item offset (Ziwo `skip`).
    Offset(u64),
    /// The query of a next-page link the provider announced (cc-voice `next_page_uri`), sent
    /// as given on the listing's own path.
    Link(Vec<(String, String)>),
}

impl PageCursor {
    /// The page number or offset; `None` for a link.
    pub fn value(&self) -> Option<u64> {
        match self {
            Self::Number(n) | Self::Offset(n) => Some(*n),
            Self::Link(_) => None,
        }
    }

    /// Whether a listing that fetched `self` may go on to `next`: numbers and offsets must
    /// grow, a link must differ from the link just fetched, and a page number never becomes an
    /// offset (or the reverse).
    fn moves_forward_to(&self, next: &PageCursor) -> bool {
        match (self, next) {
            (Self::Number(a), Self::Number(b)) | (Self::Offset(a), Self::Offset(b)) => b > a,
            (Self::Link(a), Self::Link(b)) => a != b,
            (Self::Link(_), _) | (_, Self::Link(_)) => true,
            _ => false,
        }
    }

    /// The cursor in words, for an error: `page 3`, `offset 40`, `a link with page, size`.
    /// A link's values are left out: a provider's opaque cursor is its own business.
    pub fn describe(&self) -> String {
        match self {
            Self::Number(n) => format!("page {n}"),
            Self::Offset(n) => format!("offset {n}"),
            Self::Link(query) => {
                let names: Vec<&str> = query.iter().map(|(name, _)| name.as_str()).collect();
                format!("a link with {}", names.join(", "))
            }
        }
    }
}

/// What a listing has fetched, to tell a cycle from progress.
#[derive(Default)]
struct Visited {
    /// Hashes of the links fetched (std's SipHash with its fixed keys): two different links
    /// share one with a chance of about 1 in 2^64 per pair.
    links: std::collections::HashSet<u64>,
    pages: u64,
}

impl Visited {
    /// Records `at` as fetched, and judges `next`, the page it announces: `Ok(Some)` to go on,
    /// `Ok(None)` to end (no next page, the page itself, or a switch between numbers and
    /// offsets), an [`Error::PageCycle`] for a page fetched before or behind.
    fn step(
        &mut self,
        at: &PageCursor,
        next: Option<PageCursor>,
    ) -> Result<Option<PageCursor>, Error> {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let hash = |link: &Vec<(String, String)>| {
            BuildHasherDefault::<DefaultHasher>::default().hash_one(link)
        };
        self.pages += 1;
        if let PageCursor::Link(link) = at {
            self.links.insert(hash(link));
        }
        let Some(next) = next else { return Ok(None) };
        if next == *at {
            return Ok(None);
        }
        let seen = match (&next, at) {
            (PageCursor::Link(link), _) => self.links.contains(&hash(link)),
            (PageCursor::Number(b), PageCursor::Number(a))
            | (PageCursor::Offset(b), PageCursor::Offset(a)) => b < a,
            _ => false,
        };
        if seen {
            return Err(Error::PageCycle {
                pages: self.pages,
                next,
            });
        }
        Ok(Some(next).filter(|next| at.moves_forward_to(next)))
    }
}

/// One fetched page of a listing.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Page<T> {
    /// Its items.
    pub items: Vec<T>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<PageCursor>,
    /// How many items the whole listing holds, when the provider says.
    pub total: Option<u64>,
    /// What the provider said about the listing, as received: iAdvize's `pagination` block,
    /// Ziwo's `info`, cc-voice's page counters; `Null` when it said nothing.
    pub paging: Value,
}

impl<T> Page<T> {
    /// A page of `items`, followed by the page at `next`.
    pub fn new(items: Vec<T>, next: Option<PageCursor>) -> Self {
        Self {
            items,
            next,
            total: None,
            paging: Value::Null,
        }
    }

    /// With the listing's total.
    pub fn with_total(mut self, total: Option<u64>) -> Self {
        self.total = total;
        self
    }

    /// With the provider's paging block, as received.
    pub fn with_paging(mut self, paging: Value) -> Self {
        self.paging = paging;
        self
    }
}

/// The next page number after `current`, from the total page count when the provider gives it,
/// otherwise from whether the page was full. An empty page is always the last.
pub fn numbered_next(
    current: u64,
    pages: Option<u64>,
    items_len: usize,
    page_size: u64,
) -> Option<PageCursor> {
    let more = items_len > 0
        && match pages {
            Some(pages) => current < pages,
            None => items_len as u64 >= page_size,
        };
    more.then_some(PageCursor::Number(current + 1))
}

/// The next offset after a page that started at `skip`, asked for `limit` items and got
/// `items_len`; stops at `total` when the provider gives it. An empty page is always the last.
pub fn offset_next(
    skip: u64,
    limit: u64,
    items_len: usize,
    total: Option<u64>,
) -> Option<PageCursor> {
    let next = skip + items_len as u64;
    let more = items_len > 0
        && match total {
            Some(total) => next < total,
            None => items_len as u64 >= limit,
        };
    more.then_some(PageCursor::Offset(next))
}

type Fetch<T> = Arc<dyn Fn(PageCursor) -> BoxFuture<'static, Result<Page<T>, Error>> + Send + Sync>;

/// Every item of every page of a listing, fetched lazily; see the [module docs](self).
///
/// A `Stream` of items; [`Listing::by_page`] turns it into a stream of [`Page`]s.
#[must_use = "a listing fetches nothing until it is polled"]
pub struct Listing<T> {
    pages: Pages<T>,
    current: std::vec::IntoIter<T>,
}

impl<T: Send + 'static> Listing<T> {
    /// The listing starting at `first`; `fetch` gets the page at a cursor.
    pub fn new<F, Fut>(first: PageCursor, fetch: F) -> Self
    where
        F: Fn(PageCursor) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Page<T>, Error>> + Send + 'static,
    {
        let fetch: Fetch<T> = Arc::new(move |cursor| Box::pin(fetch(cursor)));
        Self::from_state(State::NotStarted {
            first,
            fetch,
            look_ahead: DEFAULT_LOOK_AHEAD,
        })
    }

    /// A listing that yields `error` and ends, having sent nothing: how a provider crate
    /// refuses options it checked before the first request.
    pub fn failed(error: Error) -> Self {
        Self::from_state(State::Failed(Some(error)))
    }

    /// Fetches at most `pages` pages ahead of the one being consumed (0: each page is requested
    /// only when the previous one is used up). Ignored once the listing has been polled, and
    /// outside a Tokio runtime, where pages are fetched one after another.
    pub fn look_ahead(mut self, pages: usize) -> Self {
        if let State::NotStarted { look_ahead, .. } = &mut self.pages.state {
            *look_ahead = pages;
        }
        self
    }

    /// The listing as a stream of pages. Items of a page already partly consumed come first,
    /// as a page of their own with that page's `next`, `total` and `paging`.
    pub fn by_page(self) -> Pages<T> {
        let mut pages = self.pages;
        let rest: Vec<T> = self.current.collect();
        if let Some(head) = pages.head.as_mut() {
            head.items = rest;
            if !head.items.is_empty() {
                pages.replay_head = true;
            }
        }
        pages
    }

    fn from_state(state: State<T>) -> Self {
        Self {
            pages: Pages {
                state,
                head: None,
                replay_head: false,
            },
            current: Vec::new().into_iter(),
        }
    }
}

// Items are moved, never pinned in place.
impl<T> Unpin for Listing<T> {}
impl<T> Unpin for Pages<T> {}

impl<T: Send + 'static> Stream for Listing<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            if let Some(item) = self.current.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match ready!(self.pages.poll_page(cx, true)) {
                Some(Ok(page)) => self.current = page.items.into_iter(),
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                None => return Poll::Ready(None),
            }
        }
    }
}

impl<T> std::fmt::Debug for Listing<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Listing")
            .field("pages", &self.pages)
            .field("buffered_items", &self.current.len())
            .finish()
    }
}

/// The pages of a [`Listing`], from [`Listing::by_page`].
#[must_use = "a listing fetches nothing until it is polled"]
pub struct Pages<T> {
    state: State<T>,
    /// The last page handed out, its items moved out (they are the listing's current items).
    head: Option<Page<T>>,
    /// Hand `head` out again first (the rest of a partly consumed page).
    replay_head: bool,
}

enum State<T> {
    NotStarted {
        first: PageCursor,
        fetch: Fetch<T>,
        look_ahead: usize,
    },
    Failed(Option<Error>),
    /// Each page fetched when asked for.
    OneByOne(BoxStream<'static, Result<Page<T>, Error>>),
    /// Pages fetched by a task, at most `look_ahead` ahead of the consumer.
    Ahead {
        pages: mpsc::Receiver<Result<Page<T>, Error>>,
        _task: AbortOnDrop,
    },
    Done,
}

impl<T: Send + 'static> Pages<T> {
    fn poll_page(
        &mut self,
        cx: &mut Context<'_>,
        keep_head: bool,
    ) -> Poll<Option<Result<Page<T>, Error>>> {
        if std::mem::take(&mut self.replay_head) {
            if let Some(head) = self.head.take() {
                return Poll::Ready(Some(Ok(head)));
            }
        }
        if let State::NotStarted { .. } = self.state {
            self.start();
        }
        let polled = match &mut self.state {
            State::NotStarted { .. } | State::Done => Poll::Ready(None),
            State::Failed(error) => Poll::Ready(error.take().map(Err)),
            State::OneByOne(pages) => pages.poll_next_unpin(cx),
            State::Ahead { pages, .. } => pages.poll_recv(cx),
        };
        let page = ready!(polled);
        match &page {
            None | Some(Err(_)) => self.state = State::Done,
            Some(Ok(page)) if keep_head => {
                self.head = Some(Page {
                    items: Vec::new(),
                    next: page.next.clone(),
                    total: page.total,
                    paging: page.paging.clone(),
                });
            }
            Some(Ok(_)) => {}
        }
        Poll::Ready(page)
    }

    fn start(&mut self) {
        let State::NotStarted {
            first,
            fetch,
            look_ahead,
        } = std::mem::replace(&mut self.state, State::Done)
        else {
            return;
        };
        let runtime = tokio::runtime::Handle::try_current();
        self.state = match runtime {
            Ok(runtime) if look_ahead > 0 => {
                let (sender, pages) = mpsc::channel(look_ahead);
                let task = runtime.spawn(fetch_ahead(first, fetch, sender).in_current_span());
                State::Ahead {
                    pages,
                    _task: AbortOnDrop(task),
                }
            }
            _ => State::OneByOne(one_by_one(first, fetch)),
        };
    }
}

impl<T: Send + 'static> Stream for Pages<T> {
    type Item = Result<Page<T>, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.poll_page(cx, false)
    }
}

impl<T> std::fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match &self.state {
            State::NotStarted { look_ahead, .. } => {
                format!("not started (look-ahead {look_ahead})")
            }
            State::Failed(_) => "failed".to_owned(),
            State::OneByOne(_) => "page by page".to_owned(),
            State::Ahead { .. } => "fetching ahead".to_owned(),
            State::Done => "done".to_owned(),
        };
        f.debug_struct("Pages").field("state", &state).finish()
    }
}

/// The page at `at`, its `next` kept only when the listing goes on there, and the error that
/// ends the listing after this page when its `next` goes round ([`Visited::step`]).
async fn fetch_checked<T>(
    fetch: &Fetch<T>,
    at: &PageCursor,
    visited: &mut Visited,
) -> Result<(Page<T>, Option<Error>), Error> {
    let mut page = fetch(at.clone()).await?;
    match visited.step(at, page.next.take()) {
        Ok(next) => {
            page.next = next;
            Ok((page, None))
        }
        Err(cycle) => Ok((page, Some(cycle))),
    }
}

/// Where a listing goes after a page.
enum Next {
    At(PageCursor),
    Fail(Error),
}

fn one_by_one<T: Send + 'static>(
    first: PageCursor,
    fetch: Fetch<T>,
) -> BoxStream<'static, Result<Page<T>, Error>> {
    let state = (Some(Next::At(first)), Visited::default());
    stream::try_unfold(state, move |(next, mut visited)| {
        let fetch = fetch.clone();
        async move {
            let at = match next {
                None => return Ok(None),
                Some(Next::Fail(error)) => return Err(error),
                Some(Next::At(at)) => at,
            };
            let (page, cycle) = fetch_checked(&fetch, &at, &mut visited).await?;
            let next = match cycle {
                Some(error) => Some(Next::Fail(error)),
                None => page.next.clone().map(Next::At),
            };
            Ok(Some((page, (next, visited))))
        }
    })
    .boxed()
}

/// Fetches page after page into `sender`. A page is requested only once the channel has room
/// for it, so at most its capacity is fetched ahead, and never once the consumer is gone.
async fn fetch_ahead<T>(
    first: PageCursor,
    fetch: Fetch<T>,
    sender: mpsc::Sender<Result<Page<T>, Error>>,
) {
    let mut visited = Visited::default();
    let mut cursor = Some(first);
    while let Some(at) = cursor.take() {
        let Ok(slot) = sender.reserve().await else {
            return;
        };
        match fetch_checked(&fetch, &at, &mut visited).await {
            Ok((page, cycle)) => {
                cursor = page.next.clone();
                slot.send(Ok(page));
                if let Some(error) = cycle {
                    if let Ok(slot) = sender.reserve().await {
                        slot.send(Err(error));
                    }
                    return;
                }
            }
            Err(error) => {
                slot.send(Err(error));
                return;
            }
        }
    }
}

/// Cancels the look-ahead task (and the request it may have in flight) with the listing.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

#[cfg(test)]
mod tests;
