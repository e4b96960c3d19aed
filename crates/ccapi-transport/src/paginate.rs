//! Listings as lazy streams of items.
//!
//! A provider crate supplies one function that fetches a page at a [`PageCursor`] and says where
//! the next page is; [`paginate`] turns it into a `Stream` of items that fetches a page only when
//! the consumer has used up the previous one, so `.take(5)` over pages of 50 makes one request.
//!
//! ```
//! use futures::{StreamExt, TryStreamExt};
//! use ccapi_transport::paginate::{paginate, offset_next, Page, PageCursor};
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), ccapi_transport::Error> {
//! let all: Vec<u64> = (0..7).collect();
//! let items: Vec<u64> = paginate(PageCursor::Offset(0), move |cursor| {
//!     let all = all.clone();
//!     async move {
//!         let skip = cursor.value() as usize;
//!         let items: Vec<u64> = all.iter().copied().skip(skip).take(3).collect();
//!         let next = offset_next(skip as u64, 3, items.len(), Some(all.len() as u64));
//!         Ok(Page { items, next })
//!     }
//! })
//! .take(4)
//! .try_collect()
//! .await?;
//! assert_eq!(items, vec![0, 1, 2, 3]);
//! # Ok(()) }
//! ```

use std::future::Future;

use futures::stream::{self, Stream, TryStreamExt};

use crate::error::Error;

/// Where a page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageCursor {
    /// A 1-based page number (iAdvize `page`, cc-voice `page`).
    Number(u64),
    /// An item offset (Ziwo `skip`).
    Offset(u64),
}

impl PageCursor {
    /// The page number or offset.
    pub fn value(self) -> u64 {
        match self {
            Self::Number(n) | Self::Offset(n) => n,
        }
    }
}

/// One fetched page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// Its items.
    pub items: Vec<T>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<PageCursor>,
}

/// The next page number after `current`, from the total page count when the provider gives it,
/// otherwise from whether the page was full.
pub fn numbered_next(
    current: u64,
    pages: Option<u64>,
    items_len: usize,
    page_size: u64,
) -> Option<PageCursor> {
    let more = match pages {
        Some(pages) => current < pages,
        None => items_len as u64 >= page_size && items_len > 0,
    };
    more.then_some(PageCursor::Number(current + 1))
}

/// The next offset after a page that started at `skip`, asked for `limit` items and got
/// `items_len`; stops at `total` when the provider gives it.
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

/// A stream of every item of every page, starting at `first`, fetched lazily with `fetch`.
///
/// The stream ends after the last page, after the first error, or when a page's `next` does not
/// move forward (a provider that repeats a page cannot make it loop).
pub fn paginate<T, F, Fut>(
    first: PageCursor,
    mut fetch: F,
) -> impl Stream<Item = Result<T, Error>> + Send
where
    T: Send,
    F: FnMut(PageCursor) -> Fut + Send,
    Fut: Future<Output = Result<Page<T>, Error>> + Send,
{
    stream::try_unfold(Some(first), move |cursor| {
        let fetched = cursor.map(&mut fetch);
        async move {
            let (Some(cursor), Some(fetched)) = (cursor, fetched) else {
                return Ok(None);
            };
            let page = fetched.await?;
            let next = page
                .next
                .filter(|next| std::mem::discriminant(next) == std::mem::discriminant(&cursor))
                .filter(|next| next.value() > cursor.value());
            Ok(Some((
                stream::iter(page.items.into_iter().map(Ok::<T, Error>)),
                next,
            )))
        }
    })
    .try_flatten()
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use futures::StreamExt;

    use super::*;

    fn numbered(fetches: Arc<AtomicUsize>) -> impl Stream<Item = Result<u64, Error>> + Send {
        paginate(PageCursor::Number(1), move |cursor| {
            let fetches = fetches.clone();
            async move {
                fetches.fetch_add(1, Ordering::SeqCst);
                let page = cursor.value();
                let items = ((page - 1) * 2..(page * 2).min(5)).collect::<Vec<_>>();
                Ok(Page {
                    next: numbered_next(page, Some(3), items.len(), 2),
                    items,
                })
            }
        })
    }

    #[tokio::test]
    async fn pages_are_fetched_only_when_needed() {
        let fetches = Arc::new(AtomicUsize::new(0));
        let first: Vec<u64> = numbered(fetches.clone())
            .take(2)
            .try_collect()
            .await
            .expect("ok");
        assert_eq!(first, vec![0, 1]);
        assert_eq!(fetches.load(Ordering::SeqCst), 1);

        let fetches = Arc::new(AtomicUsize::new(0));
        let all: Vec<u64> = numbered(fetches.clone()).try_collect().await.expect("ok");
        assert_eq!(all, vec![0, 1, 2, 3, 4]);
        assert_eq!(fetches.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_page_that_does_not_advance_ends_the_stream() {
        let stuck = paginate(PageCursor::Offset(0), |_| async {
            Ok(Page {
                items: vec![1],
                next: Some(PageCursor::Offset(0)),
            })
        });
        let items: Vec<i32> = stuck.try_collect().await.expect("ok");
        assert_eq!(items, vec![1]);
    }

    #[test]
    fn next_cursors_follow_totals_or_full_pages() {
        assert_eq!(offset_next(0, 50, 50, None), Some(PageCursor::Offset(50)));
        assert_eq!(offset_next(0, 50, 49, None), None);
        assert_eq!(offset_next(50, 50, 50, Some(100)), None);
        assert_eq!(offset_next(0, 50, 0, Some(100)), None);
        assert_eq!(numbered_next(2, Some(2), 10, 10), None);
        assert_eq!(numbered_next(1, None, 10, 10), Some(PageCursor::Number(2)));
        assert_eq!(numbered_next(1, None, 3, 10), None);
    }
}
