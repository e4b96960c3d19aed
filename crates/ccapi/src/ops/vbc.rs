//! cc-voice: calls, legs and devices of a VBC account.

use cc_voice::models::{CallUpdate, LegUpdate, NewCall, SortOrder};
use cc_voice::ListFilter;
use chrono::{TimeZone, Utc};

use crate::invocation::{many, one, Call, Failure, Outcome};
use crate::spec::{handler, opt, OpSpec, Opt};

const API: &str = "cc-voice";

const PAGES: [Opt; 5] = [
    opt("page-size", "Items per page (default 100)"),
    opt("order", "asc or desc"),
    opt("start-time", "After this time (epoch seconds)"),
    opt("end-time", "Before this time (epoch seconds)"),
    opt("page", "Page number, from 1"),
];

fn filter(c: &Call) -> Result<ListFilter, Failure> {
    let mut filter = ListFilter::new();
    if let Some(extension) = c.opt("extension") {
        filter = filter.extension(extension);
    }
    if let Some(size) = c.parsed::<u32>("page-size")? {
        filter = filter.page_size(size);
    }
    if let Some(order) = c.opt("order") {
        filter = filter.order(SortOrder::documented("order", order)?);
    }
    let time = |name: &str| -> Result<Option<chrono::DateTime<Utc>>, Failure> {
        c.parsed::<i64>(name)?
            .map(|seconds| {
                Utc.timestamp_opt(seconds, 0)
                    .single()
                    .ok_or_else(|| Failure::Usage(format!("--{name} {seconds}: out of range")))
            })
            .transpose()
    };
    if let Some(start) = time("start-time")? {
        filter = filter.start_time(start);
    }
    if let Some(end) = time("end-time")? {
        filter = filter.end_time(end);
    }
    if let Some(page) = c.parsed::<u64>("page")? {
        filter = filter.page(page);
    }
    Ok(filter)
}

/// The cc-voice operations.
pub fn operations() -> Vec<OpSpec> {
    vec![
        OpSpec::new(API, "calls", "list", "List active calls", handler!(|c| {
            let calls = c.env.cc_voice()?.calls(c.param(0));
            let filter = filter(&c)?;
            c.list_or_all(|| calls.list_all(&filter), calls.list(&filter)).await
        }))
        .options(&[opt("extension", "Calls of this extension")])
        .options(&PAGES)
        .paged(),
        OpSpec::new(API, "calls", "create", "Place a call (body: {\"from\": …, \"to\": …, \"type\": \"click2dial\"}); prints its id", handler!(|c| {
            let call: NewCall = c.body()?;
            Ok(Outcome::Text(c.env.cc_voice()?.calls(c.param(0)).create(&call).await?))
        }))
        .body(),
        OpSpec::new(API, "calls", "update", "Answer, transfer or park a call (body: a CallUpdate)", handler!(|c| {
            let body: CallUpdate = c.body()?;
            one(c.env.cc_voice()?.calls(c.param(0)).update_body(c.param(1), &body).await?)
        }))
        .body(),
        OpSpec::new(API, "legs", "list", "List a call's legs", handler!(|c| {
            many(c.env.cc_voice()?.legs(c.param(0), c.param(1)).list().await?)
        })),
        OpSpec::new(API, "legs", "update", "Act on a leg (body: {\"state\": \"held\"}, {\"dtmf\": …}, {\"to\": leg}, …)", handler!(|c| {
            let body: LegUpdate = c.body()?;
            one(c.env.cc_voice()?.legs(c.param(0), c.param(1)).update_body(c.param(2), &body).await?)
        }))
        .body(),
        OpSpec::new(API, "devices", "list", "List device registrations", handler!(|c| {
            let devices = c.env.cc_voice()?.devices(c.param(0));
            let filter = filter(&c)?;
            c.list_or_all(|| devices.list_all(&filter), devices.list(&filter)).await
        }))
        .options(&PAGES)
        .paged(),
        OpSpec::new(API, "devices", "get", "Get a device registration by MAC address", handler!(|c| {
            one(c.env.cc_voice()?.devices(c.param(0)).get(c.param(1)).await?)
        })),
    ]
}
