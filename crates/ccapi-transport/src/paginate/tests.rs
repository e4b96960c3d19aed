use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use futures::TryStreamExt;

use super::*;

/// Five items in pages of two (three pages), recording every cursor fetched.
fn numbered(fetched: Arc<Mutex<Vec<u64>>>) -> Listing<u64> {
    Listing::new(PageCursor::Number(1), move |cursor| {
        let fetched = fetched.clone();
        async move {
            let page = cursor.value().expect("a page number");
            fetched.lock().expect("lock").push(page);
            let items = ((page - 1) * 2..(page * 2).min(5)).collect::<Vec<_>>();
            let next = numbered_next(page, Some(3), items.len(), 2);
            Ok(Page::new(items, next).with_total(Some(5)))
        }
    })
}

#[tokio::test]
async fn without_look_ahead_a_page_is_fetched_only_when_needed() {
    let fetched = Arc::new(Mutex::new(Vec::new()));
    let first: Vec<u64> = numbered(fetched.clone())
        .look_ahead(0)
        .take(2)
        .try_collect()
        .await
        .expect("ok");
    assert_eq!(first, vec![0, 1]);
    assert_eq!(*fetched.lock().expect("lock"), vec![1]);
}

#[tokio::test]
async fn every_page_is_fetched_once_in_order_and_none_past_the_last() {
    for look_ahead in [0, 1, 3] {
        let fetched = Arc::new(Mutex::new(Vec::new()));
        let all: Vec<u64> = numbered(fetched.clone())
            .look_ahead(look_ahead)
            .try_collect()
            .await
            .expect("ok");
        assert_eq!(all, vec![0, 1, 2, 3, 4], "look-ahead {look_ahead}");
        assert_eq!(*fetched.lock().expect("lock"), vec![1, 2, 3]);
    }
}

#[tokio::test]
async fn nothing_is_fetched_before_the_first_poll() {
    let fetched = Arc::new(Mutex::new(Vec::new()));
    let listing = numbered(fetched.clone());
    tokio::task::yield_now().await;
    drop(listing);
    assert!(fetched.lock().expect("lock").is_empty());
}

#[tokio::test]
async fn by_page_keeps_the_rest_of_a_partly_consumed_page() {
    let fetched = Arc::new(Mutex::new(Vec::new()));
    let mut listing = numbered(fetched).look_ahead(0);
    assert_eq!(listing.next().await.transpose().expect("ok"), Some(0));
    let pages: Vec<Page<u64>> = listing.by_page().try_collect().await.expect("ok");
    let items: Vec<Vec<u64>> = pages.iter().map(|page| page.items.clone()).collect();
    assert_eq!(items, vec![vec![1], vec![2, 3], vec![4]]);
    assert_eq!(pages[0].next, Some(PageCursor::Number(2)));
    assert_eq!(pages[2].next, None);
    assert!(pages.iter().all(|page| page.total == Some(5)));
}

#[tokio::test]
async fn an_error_ends_the_listing_after_the_pages_before_it() {
    let listing = Listing::new(PageCursor::Offset(0), |cursor| async move {
        match cursor.value() {
            Some(0) => Ok(Page::new(vec![1, 2], Some(PageCursor::Offset(2)))),
            _ => Err(Error::invalid_request("page two is broken")),
        }
    });
    let results: Vec<Result<i32, Error>> = listing.collect().await;
    assert_eq!(results.len(), 3);
    assert!(matches!(results[..2], [Ok(1), Ok(2)]));
    assert!(results[2].is_err());

    let refused: Vec<Result<i32, Error>> = Listing::failed(Error::invalid_input("limit", "0"))
        .collect()
        .await;
    assert_eq!(refused.len(), 1);
}

#[tokio::test]
async fn a_page_that_does_not_advance_ends_the_stream() {
    for look_ahead in [0, 1] {
        let calls = Arc::new(AtomicUsize::new(0));
        let counted = calls.clone();
        let stuck = Listing::new(PageCursor::Offset(0), move |_| {
            counted.fetch_add(1, Ordering::SeqCst);
            async { Ok(Page::new(vec![1], Some(PageCursor::Offset(0)))) }
        })
        .look_ahead(look_ahead);
        let items: Vec<i32> = stuck.try_collect().await.expect("ok");
        assert_eq!(items, vec![1]);
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }
    let same_link = PageCursor::Link(vec![("cursor".into(), "a".into())]);
    assert!(!same_link.moves_forward_to(&same_link.clone()));
    assert!(!PageCursor::Number(2).moves_forward_to(&PageCursor::Offset(3)));
    assert!(PageCursor::Number(2).moves_forward_to(&same_link));
}

/// A listing over links `p0`, `p1`, ... whose page `i` announces `next(i)` as its next.
fn linked(next: fn(usize) -> usize, calls: Arc<AtomicUsize>) -> Listing<usize> {
    let link = |i: usize| PageCursor::Link(vec![("page".into(), format!("p{i}"))]);
    Listing::new(link(0), move |cursor| {
        calls.fetch_add(1, Ordering::SeqCst);
        let PageCursor::Link(query) = cursor else {
            panic!("links only")
        };
        let i: usize = query[0].1[1..].parse().expect("p<number>");
        async move { Ok(Page::new(vec![i], Some(link(next(i))))) }
    })
}

#[tokio::test]
async fn links_that_go_round_end_with_a_page_cycle_after_every_page_once() {
    for (cycle, next) in [
        (2, (|i| (i + 1) % 2) as fn(usize) -> usize),
        (3, |i| (i + 1) % 3),
    ] {
        for look_ahead in [0, 1, 2] {
            let calls = Arc::new(AtomicUsize::new(0));
            let mut listing = linked(next, calls.clone()).look_ahead(look_ahead);
            let mut items = Vec::new();
            let error = loop {
                match listing.next().await {
                    Some(Ok(item)) => items.push(item),
                    Some(Err(error)) => break error,
                    None => panic!("a {cycle}-cycle must end with an error"),
                }
            };
            assert_eq!(items, (0..cycle).collect::<Vec<_>>(), "{cycle}-cycle");
            assert!(listing.next().await.is_none(), "nothing after the error");
            assert_eq!(
                calls.load(Ordering::SeqCst),
                cycle,
                "each page fetched once"
            );
            let Error::PageCycle { pages, next } = &error else {
                panic!("{error:?}")
            };
            assert_eq!(*pages, cycle as u64);
            assert_eq!(next, &PageCursor::Link(vec![("page".into(), "p0".into())]));
            assert_eq!(
                error.to_string(),
                format!(
                    "the listing stopped after {cycle} page(s): the provider's next page \
                     (a link with page) was fetched already or lies behind, so going on \
                     would loop"
                )
            );
        }
    }
}

#[tokio::test]
async fn a_page_number_that_goes_back_is_a_cycle_and_a_link_to_itself_an_end() {
    let back = Listing::new(PageCursor::Number(1), |cursor| async move {
        let n = cursor.value().expect("a number");
        let next = if n < 3 { n + 1 } else { 2 };
        Ok(Page::new(vec![n], Some(PageCursor::Number(next))))
    })
    .look_ahead(0);
    let results: Vec<Result<u64, Error>> = back.collect().await;
    assert_eq!(results.len(), 4);
    assert!(matches!(
        results[3],
        Err(Error::PageCycle {
            pages: 3,
            next: PageCursor::Number(2)
        })
    ));
    let itself = linked(|i| i, Arc::new(AtomicUsize::new(0)));
    let items: Vec<usize> = itself.try_collect().await.expect("ends quietly");
    assert_eq!(items, vec![0]);
}

#[tokio::test]
async fn look_ahead_fetches_the_next_page_while_the_current_one_is_consumed() {
    let fetched = Arc::new(Mutex::new(Vec::new()));
    let mut listing = numbered(fetched.clone()).look_ahead(1);
    assert_eq!(listing.next().await.transpose().expect("ok"), Some(0));
    // The consumer works on page 1; page 2 arrives meanwhile, page 3 is not asked for.
    for _ in 0..20 {
        tokio::task::yield_now().await;
    }
    assert_eq!(*fetched.lock().expect("lock"), vec![1, 2]);
    drop(listing);
    for _ in 0..20 {
        tokio::task::yield_now().await;
    }
    assert_eq!(
        *fetched.lock().expect("lock"),
        vec![1, 2],
        "nothing is requested after the drop"
    );
}

#[test]
fn outside_a_runtime_pages_are_fetched_one_after_another() {
    let fetched = Arc::new(Mutex::new(Vec::new()));
    let all: Vec<u64> =
        futures::executor::block_on(numbered(fetched.clone()).try_collect()).expect("ok");
    assert_eq!(all, vec![0, 1, 2, 3, 4]);
    assert_eq!(*fetched.lock().expect("lock"), vec![1, 2, 3]);
}

#[test]
fn listings_move_between_tasks() {
    fn sendable<T: Send + 'static>(_: &T) {}
    let listing = numbered(Arc::new(Mutex::new(Vec::new())));
    sendable(&listing);
    sendable(&listing.by_page());
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
    assert_eq!(numbered_next(1, Some(3), 0, 10), None);
}
