//! ziwo-admin: login, call trackers, eavesdrop, call history and recordings, the directory.

use serde::Deserialize;
use ziwo_admin::call_trackers::LogQuery;
use ziwo_admin::eavesdrop::Whisper;
use ziwo_admin::models::{CallTrackerInput, Record};
use ziwo_core::client::LoginOptions;

use crate::invocation::{many, one, page, Failure, Outcome};
use crate::spec::{handler, opt, repeated, OpSpec};

use super::{call_filter, list_options, ADMIN, LIST};

/// `eavesdrop create`: the form members Ziwo documents.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct EavesdropInput {
    position_name: Option<String>,
}

/// `eavesdrop update`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WhisperInput {
    whisper: String,
}

/// The ziwo-admin operations.
pub(super) fn operations() -> Vec<OpSpec> {
    vec![
        OpSpec::new(
            ADMIN,
            "auth",
            "login",
            "Log in (ZIWO_USERNAME, ZIWO_PASSWORD) and print the user",
            handler!(|c| {
                let mut options = LoginOptions::new();
                if let Some(verto) = c.opt("verto-session-id") {
                    options = options.verto_session_id(verto);
                }
                if let Some(call_center) = c.opt("call-center") {
                    options = options.call_center(call_center);
                }
                one(c.env.ziwo_admin()?.auth().login_with(&options).await?)
            }),
        )
        .options(&[
            opt(
                "verto-session-id",
                "The WebRTC (Verto) session of the agent's phone (sent as vertoSessionId)",
            ),
            opt(
                "call-center",
                "The call center, sent as ?callCenter= (Android SDK)",
            ),
        ]),
        OpSpec::new(
            ADMIN,
            "auth",
            "logout",
            "End the session",
            handler!(|c| {
                c.env.ziwo_admin()?.auth().logout().await?;
                Ok(Outcome::Nothing)
            }),
        ),
        OpSpec::new(
            ADMIN,
            "calltrackers",
            "list",
            "List call trackers",
            handler!(|c| {
                let trackers = c.env.ziwo_admin()?.call_trackers();
                let options = list_options(&c)?;
                c.list_or_all(|| trackers.list_all(&options), trackers.list(&options))
                    .await
            }),
        )
        .options(&LIST)
        .paged(),
        OpSpec::new(
            ADMIN,
            "calltrackers",
            "create",
            "Create a call tracker (body: name, startRequestURL, ...)",
            handler!(|c| {
                let input: CallTrackerInput = c.body()?;
                one(c.env.ziwo_admin()?.call_trackers().create(&input).await?)
            }),
        )
        .body(),
        OpSpec::new(
            ADMIN,
            "calltrackers",
            "update",
            "Update a call tracker (body: the members to set)",
            handler!(|c| {
                let input: CallTrackerInput = c.body()?;
                c.env
                    .ziwo_admin()?
                    .call_trackers()
                    .update(c.param(0), &input)
                    .await?;
                Ok(Outcome::Nothing)
            }),
        )
        .body(),
        OpSpec::new(
            ADMIN,
            "calltrackers",
            "logs",
            "Request logs of call trackers",
            handler!(|c| {
                let mut query = LogQuery::new();
                if let Some(day) = c.date("from-date")? {
                    query = query.from_date(day);
                }
                if let Some(day) = c.date("to-date")? {
                    query = query.to_date(day);
                }
                if let Some(start) = c.parsed::<u64>("fetch-start")? {
                    query = query.fetch_start(start);
                }
                if let Some(stop) = c.parsed::<u64>("fetch-stop")? {
                    query = query.fetch_stop(stop);
                }
                for id in c.opts("call-trackers") {
                    query = query.call_tracker(id.parse().map_err(|_| {
                        Failure::Usage(format!("--call-trackers `{id}`: not an id"))
                    })?);
                }
                many(c.env.ziwo_admin()?.call_trackers().logs(&query).await?)
            }),
        )
        .options(&[
            opt("from-date", "From this day (YYYY-MM-DD)"),
            opt("to-date", "Up to this day (YYYY-MM-DD)"),
            opt("fetch-start", "Start at this log"),
            opt("fetch-stop", "This many logs"),
            repeated("call-trackers", "Logs of this call tracker id (repeatable)"),
        ]),
        OpSpec::new(
            ADMIN,
            "calltrackers",
            "test",
            "Test a call tracker's start and end URLs",
            handler!(|c| { one(c.env.ziwo_admin()?.call_trackers().test(c.param(0)).await?) }),
        ),
        OpSpec::new(
            ADMIN,
            "eavesdrop",
            "create",
            "Listen to an agent's calls",
            handler!(|c| {
                let input: EavesdropInput =
                    c.body_or_flags(&[("position-name", "positionName")])?;
                one(c
                    .env
                    .ziwo_admin()?
                    .eavesdrop()
                    .create(c.param(0), input.position_name.as_deref())
                    .await?)
            }),
        )
        .body()
        .options(&[opt(
            "position-name",
            "Position to ring instead of your default one",
        )]),
        OpSpec::new(
            ADMIN,
            "eavesdrop",
            "update",
            "Whisper to the agent, both sides, or nobody",
            handler!(|c| {
                let input: WhisperInput = c.body_or_flags(&[("whisper", "whisper")])?;
                let whisper: Whisper = input.whisper.parse()?;
                c.env
                    .ziwo_admin()?
                    .eavesdrop()
                    .update(c.param(0), whisper)
                    .await?;
                Ok(Outcome::Nothing)
            }),
        )
        .options(&[opt("whisper", "agent, both or none")])
        .body(),
        OpSpec::new(
            ADMIN,
            "calls",
            "list",
            "List call detail records",
            handler!(|c| {
                let calls = c.env.ziwo_admin()?.calls();
                let (options, filter) = (list_options(&c)?, call_filter(&c)?);
                c.list_or_all(
                    || calls.list_all(&options, &filter),
                    calls.list(&options, &filter),
                )
                .await
            }),
        )
        .options(&LIST)
        .options(&[
            opt("from-date", "From this day (YYYY-MM-DD)"),
            opt("to-date", "Up to this day (YYYY-MM-DD)"),
            repeated("agents", "Agent (repeatable)"),
            repeated("numbers", "Number (repeatable)"),
            opt("contact-number", "Customer number"),
            repeated("dataset", "Dataset (repeatable)"),
        ])
        .paged(),
        OpSpec::new(
            ADMIN,
            "recordings",
            "download",
            "Download a call's MP3 recording to --out",
            handler!(|c| {
                let path = c
                    .out
                    .clone()
                    .ok_or_else(|| Failure::Usage("--out FILE is required".into()))?;
                let bytes = c
                    .env
                    .ziwo_admin()?
                    .calls()
                    .download_recording_to_file(c.param(0), &path)
                    .await?;
                Ok(Outcome::Downloaded { bytes, path })
            }),
        )
        .download(),
        OpSpec::new(
            ADMIN,
            "agents",
            "list",
            "List agents",
            handler!(|c| {
                let agents = c.env.ziwo_admin()?.agents();
                let options = list_options(&c)?;
                c.list_or_all(|| agents.list_all(&options), agents.list(&options))
                    .await
            }),
        )
        .options(&LIST)
        .paged(),
        OpSpec::new(
            ADMIN,
            "agents",
            "create",
            "Create an agent (body: its members)",
            handler!(|c| {
                let agent: Record = c.body()?;
                one(c.env.ziwo_admin()?.agents().create(&agent).await?)
            }),
        )
        .body(),
        OpSpec::new(
            ADMIN,
            "agents",
            "update",
            "Update an agent (body: the members to set)",
            handler!(|c| {
                let changes: Record = c.body()?;
                one(c
                    .env
                    .ziwo_admin()?
                    .agents()
                    .update(c.param(0), &changes)
                    .await?)
            }),
        )
        .body(),
        OpSpec::new(
            ADMIN,
            "queues",
            "list",
            "List queues",
            handler!(|c| {
                page(
                    c.env
                        .ziwo_admin()?
                        .queues()
                        .list(&list_options(&c)?)
                        .await?,
                )
            }),
        )
        .options(&LIST),
        OpSpec::new(
            ADMIN,
            "queues",
            "create",
            "Create a queue (body: its members)",
            handler!(|c| {
                let queue: Record = c.body()?;
                one(c.env.ziwo_admin()?.queues().create(&queue).await?)
            }),
        )
        .body(),
        OpSpec::new(
            ADMIN,
            "numbers",
            "list",
            "List call-center numbers",
            handler!(|c| {
                page(
                    c.env
                        .ziwo_admin()?
                        .numbers()
                        .list(&list_options(&c)?)
                        .await?,
                )
            }),
        )
        .options(&LIST),
    ]
}
