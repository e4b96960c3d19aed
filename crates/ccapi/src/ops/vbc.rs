//! cc-voice: calls, legs and devices of a VBC account.

use cc_voice::models::{
    CallState, CallUpdate, ContactType, LegAction, LegState, LegUpdate, NewCall, RecordingAction,
    SortOrder,
};
use cc_voice::ListFilter;
use chrono::{TimeZone, Utc};

use crate::call::{many, one, Call, Failure, Outcome};
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
        filter = filter.order(match order {
            "asc" => SortOrder::Ascending,
            "desc" => SortOrder::Descending,
            other => return Err(Failure::Usage(format!("--order `{other}`: asc or desc"))),
        });
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

/// The typed call action a `calls update` body describes.
async fn update_call(c: &Call) -> Result<Outcome, Failure> {
    let body: CallUpdate = c.body()?;
    let calls = c.env.cc_voice()?.calls(c.param(0));
    let call_id = c.param(1);
    match (body.state, body.from, body.to) {
        (Some(CallState::Active), None, Some(device)) => one(calls.answer(call_id, device).await?),
        (None, Some(from), Some(to)) => one(calls.transfer(call_id, from, to).await?),
        (Some(CallState::Parked), Some(from), None) => one(calls.park(call_id, from).await?),
        _ => Err(Failure::Usage(
            "--body: answer is {\"state\": \"active\", \"to\": …}, transfer {\"from\": …, \"to\": …}, park {\"state\": \"parked\", \"from\": …}".into(),
        )),
    }
}

/// The typed leg action a `legs update` body describes.
fn leg_action(body: LegUpdate) -> Result<LegAction, Failure> {
    let usage = |what: &str| Err(Failure::Usage(format!("--body: {what}")));
    match body {
        LegUpdate { state: Some(LegState::Held), to: None, dtmf: None, recording: None, stream: None, .. } => Ok(LegAction::Hold),
        LegUpdate { state: Some(LegState::Active), to: None, dtmf: None, recording: None, stream: None, .. } => Ok(LegAction::Unhold),
        LegUpdate { state: Some(LegState::Active), to: Some(to), .. } if to.kind == ContactType::Leg => {
            Ok(LegAction::AttendedTransfer { leg_id: to.destination.0 })
        }
        LegUpdate { state: Some(LegState::Active), to: Some(to), .. } => Ok(LegAction::BlindTransfer(to)),
        LegUpdate { dtmf: Some(digits), state: None, .. } => Ok(LegAction::SendDtmf(digits)),
        LegUpdate { stream: Some(true), stream_url: Some(url), state: None, .. } => Ok(LegAction::StartStream { url }),
        LegUpdate { stream: Some(true), .. } => usage("stream: true needs stream_url"),
        LegUpdate { stream: Some(false), state: None, .. } => Ok(LegAction::StopStream),
        LegUpdate { recording: Some(action), service: Some(service), state: None, .. } => match action {
            RecordingAction::Start => Ok(LegAction::StartRecording(service)),
            RecordingAction::Stop => Ok(LegAction::StopRecording(service)),
            other => usage(&format!("recording `{other}`: start or stop")),
        },
        LegUpdate { recording: Some(_), service: None, .. } => usage("recording needs service (ccr or ocr)"),
        _ => usage("one action: state held/active (with to for transfers), dtmf, stream, or recording with service"),
    }
}

/// The cc-voice operations.
pub fn operations() -> Vec<OpSpec> {
    vec![
        OpSpec::new(API, "calls", "list", "List active calls", handler!(|c| {
            let calls = c.env.cc_voice()?.calls(c.param(0));
            let filter = filter(&c)?;
            if c.all {
                return Ok(Outcome::List(c.collect_all(calls.list_all(&filter)).await?));
            }
            many(calls.list(&filter).await?.calls.unwrap_or_default())
        }))
        .params(&["account_id"])
        .options(&[opt("extension", "Calls of this extension")])
        .options(&PAGES)
        .paged(),
        OpSpec::new(API, "calls", "create", "Place a call (body: {\"from\": …, \"to\": …, \"type\": \"click2dial\"}); prints its id", handler!(|c| {
            let call: NewCall = c.body()?;
            Ok(Outcome::Text(c.env.cc_voice()?.calls(c.param(0)).create(&call).await?))
        }))
        .params(&["account_id"])
        .body(),
        OpSpec::new(API, "calls", "get", "Get an active call with its legs", handler!(|c| {
            one(c.env.cc_voice()?.calls(c.param(0)).get(c.param(1)).await?)
        }))
        .params(&["account_id", "call_id"]),
        OpSpec::new(API, "calls", "update", "Answer, transfer or park a call (body: a CallUpdate)", handler!(|c| {
            update_call(&c).await
        }))
        .params(&["account_id", "call_id"])
        .body(),
        OpSpec::new(API, "calls", "delete", "End a call", handler!(|c| {
            one(c.env.cc_voice()?.calls(c.param(0)).delete(c.param(1)).await?)
        }))
        .params(&["account_id", "call_id"]),
        OpSpec::new(API, "legs", "list", "List a call's legs", handler!(|c| {
            many(c.env.cc_voice()?.legs(c.param(0), c.param(1)).list().await?)
        }))
        .params(&["account_id", "call_id"]),
        OpSpec::new(API, "legs", "get", "Get a leg", handler!(|c| {
            one(c.env.cc_voice()?.legs(c.param(0), c.param(1)).get(c.param(2)).await?)
        }))
        .params(&["account_id", "call_id", "leg_id"]),
        OpSpec::new(API, "legs", "update", "Act on a leg (body: {\"state\": \"held\"}, {\"dtmf\": …}, …)", handler!(|c| {
            let action = leg_action(c.body()?)?;
            one(c.env.cc_voice()?.legs(c.param(0), c.param(1)).update(c.param(2), &action).await?)
        }))
        .params(&["account_id", "call_id", "leg_id"])
        .body(),
        OpSpec::new(API, "legs", "delete", "Remove a leg from the call", handler!(|c| {
            c.env.cc_voice()?.legs(c.param(0), c.param(1)).delete(c.param(2)).await?;
            Ok(Outcome::Nothing)
        }))
        .params(&["account_id", "call_id", "leg_id"]),
        OpSpec::new(API, "devices", "list", "List device registrations", handler!(|c| {
            let devices = c.env.cc_voice()?.devices(c.param(0));
            let filter = filter(&c)?;
            if c.all {
                return Ok(Outcome::List(c.collect_all(devices.list_all(&filter)).await?));
            }
            many(devices.list(&filter).await?.devices.unwrap_or_default())
        }))
        .params(&["account_id"])
        .options(&PAGES)
        .paged(),
        OpSpec::new(API, "devices", "get", "Get a device registration by MAC address", handler!(|c| {
            one(c.env.cc_voice()?.devices(c.param(0)).get(c.param(1)).await?)
        }))
        .params(&["account_id", "device_id"]),
    ]
}
