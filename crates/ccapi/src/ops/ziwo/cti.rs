//! ziwo-cti: the CTI agent routes (the api_key) and the agent's own session (its token).

use ccapi_transport::decode::Lenient;
use serde::Deserialize;
use ziwo_cti::models::AgentUpdate;
use ziwo_cti::session::AgentCallQuery;
use ziwo_cti::AgentStatus;

use crate::invocation::{many, one, page, Failure, Outcome};
use crate::spec::{flag, handler, opt, repeated, OpSpec};

use super::CTI;

/// `agents status`: `number` is a status id (a number, or its text from a flag).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusInput {
    number: Lenient<u8>,
    comment: Option<String>,
}

/// `agents call`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CallInput {
    number: String,
    comment: Option<String>,
}

/// `agents ivr`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IvrInput {
    number: String,
    ivr: String,
    comment: Option<String>,
}

/// The ziwo-cti operations.
pub(super) fn operations() -> Vec<OpSpec> {
    let mut ops = vec![
        OpSpec::new(
            CTI,
            "agents",
            "login",
            "Log an agent in at position agent-{ccLogin}",
            handler!(|c| { one(c.env.ziwo_cti()?.agent(c.param(0)).login().await?) }),
        ),
        OpSpec::new(
            CTI,
            "agents",
            "status",
            "Change an agent's status (--number 0-4)",
            handler!(|c| {
                let input: StatusInput =
                    c.body_or_flags(&[("number", "number"), ("comment", "comment")])?;
                let status = AgentStatus::from_number(i64::from(input.number.0))?;
                one(c
                    .env
                    .ziwo_cti()?
                    .agent(c.param(0))
                    .set_status(status, input.comment.as_deref())
                    .await?)
            }),
        )
        .body()
        .options(&[
            opt(
                "number",
                "0 logged out, 1 available, 2 on break, 3 meeting, 4 outgoing",
            ),
            opt("comment", "Comment"),
        ]),
        OpSpec::new(
            CTI,
            "agents",
            "call",
            "Click to call: call --number from the agent's phone",
            handler!(|c| {
                let input: CallInput =
                    c.body_or_flags(&[("number", "number"), ("comment", "comment")])?;
                one(c
                    .env
                    .ziwo_cti()?
                    .agent(c.param(0))
                    .call(&input.number, input.comment.as_deref())
                    .await?)
            }),
        )
        .body()
        .options(&[
            opt("number", "International number (00… or +…)"),
            opt("comment", "Comment"),
        ]),
        OpSpec::new(
            CTI,
            "agents",
            "current_call",
            "The agent's current call",
            handler!(|c| { one(c.env.ziwo_cti()?.agent(c.param(0)).current_call().await?) }),
        ),
        OpSpec::new(
            CTI,
            "agents",
            "ivr",
            "Click to IVR",
            handler!(|c| {
                let input: IvrInput = c.body_or_flags(&[
                    ("number", "number"),
                    ("ivr", "ivr"),
                    ("comment", "comment"),
                ])?;
                let agent = c.env.ziwo_cti()?.agent(c.param(0));
                one(agent
                    .call_to_ivr(&input.number, &input.ivr, input.comment.as_deref())
                    .await?)
            }),
        )
        .body()
        .options(&[
            opt("number", "International number"),
            opt("ivr", "IVR"),
            opt("comment", "Comment"),
        ]),
        OpSpec::new(
            CTI,
            "agents",
            "logout",
            "Log an agent out",
            handler!(|c| { one(c.env.ziwo_cti()?.agent(c.param(0)).logout().await?) }),
        ),
    ];
    ops.extend(agent_session());
    ops
}

/// Click to call and the agent's own session, as Ziwo's official clients do them (the agent's
/// token, not the api_key).
fn agent_session() -> Vec<OpSpec> {
    vec![
        OpSpec::new(
            CTI,
            "agents",
            "click_to_call",
            "Call a number from the agent's phone, as Ziwo's web client does (agent credentials)",
            handler!(|c| {
                let input: ClickToCallInput =
                    c.body_or_flags(&[("roaming-only", "roamingOnly")])?;
                one(c
                    .env
                    .ziwo_agent()?
                    .session()
                    .click_to_call(c.param(0), input.roaming_only)
                    .await?)
            }),
        )
        .options(&[flag("roaming-only", "Ring only the agent's roaming number")])
        .body(),
        OpSpec::new(
            CTI,
            "session",
            "autologin",
            "Connect the agent's position (PUT /agents/autologin)",
            handler!(|c| { one(c.env.ziwo_agent()?.session().autologin().await?) }),
        ),
        OpSpec::new(
            CTI,
            "session",
            "logout",
            "Log the agent out (PUT /agents/logout)",
            handler!(|c| { one(c.env.ziwo_agent()?.session().logout().await?) }),
        ),
        OpSpec::new(
            CTI,
            "session",
            "autologout",
            "Disconnect the agent's position (PUT /agents/autologout)",
            handler!(|c| { one(c.env.ziwo_agent()?.session().autologout().await?) }),
        ),
        OpSpec::new(
            CTI,
            "session",
            "status",
            "Set the agent's status id (PUT /agents/status)",
            handler!(|c| {
                let input: SessionStatusInput = c.body_or_flags(&[("number", "number")])?;
                one(c
                    .env
                    .ziwo_agent()?
                    .session()
                    .set_status(input.number.0)
                    .await?)
            }),
        )
        .options(&[opt(
            "number",
            "A status id of the instance (1 available, 2 on break, ...)",
        )])
        .body(),
        OpSpec::new(
            CTI,
            "session",
            "profile",
            "The agent's profile (GET /profile)",
            handler!(|c| { one(c.env.ziwo_agent()?.session().profile().await?) }),
        ),
        OpSpec::new(
            CTI,
            "session",
            "queues",
            "The agent's queues",
            handler!(|c| { many(c.env.ziwo_agent()?.session().queues().await?) }),
        ),
        OpSpec::new(
            CTI,
            "session",
            "numbers",
            "The numbers of the agent's queues",
            handler!(|c| { many(c.env.ziwo_agent()?.session().numbers().await?) }),
        ),
        OpSpec::new(
            CTI,
            "session",
            "calls",
            "The agent's own call history",
            handler!(|c| {
                let mut query = AgentCallQuery::new();
                if let Some(skip) = c.parsed::<u64>("skip")? {
                    query = query.skip(skip);
                }
                if let Some(limit) = c.parsed::<u32>("limit")? {
                    query = query.limit(limit);
                }
                for direction in c.opts("directions") {
                    query =
                        query.direction(direction.parse().map_err(
                            |err: ccapi_transport::Error| Failure::Usage(err.to_string()),
                        )?);
                }
                if let Some(abandoned) = c.parsed::<bool>("abandoned")? {
                    query = query.abandoned(abandoned);
                }
                if let Some(day) = c.date("from-date")? {
                    query = query.from_date(day);
                }
                if let Some(day) = c.date("to-date")? {
                    query = query.to_date(day);
                }
                page(c.env.ziwo_agent()?.session().calls(&query).await?)
            }),
        )
        .options(&[
            opt("skip", "Calls to skip"),
            opt("limit", "At most this many calls"),
            repeated("directions", "inbound, outbound or internal (repeatable)"),
            opt(
                "abandoned",
                "true: abandoned calls only; false: answered only",
            ),
            opt("from-date", "From this day (YYYY-MM-DD)"),
            opt("to-date", "Up to this day (YYYY-MM-DD)"),
        ]),
        OpSpec::new(
            CTI,
            "session",
            "agents",
            "The instance's agents with their live state (GET /agent/agents)",
            handler!(|c| {
                let skip = c.parsed::<u64>("skip")?.unwrap_or(0);
                many(c.env.ziwo_agent()?.session().agents(skip).await?)
            }),
        )
        .options(&[opt("skip", "Agents to skip")]),
        OpSpec::new(
            CTI,
            "session",
            "update",
            "Change the agent's own profile (body: firstName, lastName, photo, countryCode, languageCode; password with currentPassword)",
            handler!(|c| {
                let changes: AgentUpdate = c.body()?;
                one(c.env.ziwo_agent()?.session().update(&changes).await?)
            }),
        )
        .body(),
        OpSpec::new(
            CTI,
            "session",
            "register_device",
            "Register the device's push-notification token (PUT /auth/device)",
            handler!(|c| {
                let input: DeviceInput = c.body_or_flags(&[("device-token", "deviceToken")])?;
                one(c
                    .env
                    .ziwo_agent()?
                    .session()
                    .register_device(&input.device_token)
                    .await?)
            }),
        )
        .options(&[opt("device-token", "The device's push-notification token")])
        .body(),
        OpSpec::new(
            CTI,
            "monitor",
            "ping",
            "Check that the instance answers, without credentials (GET /monitor/ping)",
            handler!(|c| {
                c.env.ziwo_cti()?.ping(c.opt("call-center")).await?;
                Ok(Outcome::Nothing)
            }),
        )
        .options(&[opt("call-center", "The call center's name, sent as callCenter")]),
    ]
}

/// `agents click_to_call`: the web client's body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ClickToCallInput {
    #[serde(default)]
    roaming_only: bool,
}

/// `session register_device`: the device's push-notification token.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DeviceInput {
    device_token: String,
}

/// `session status`: a status id of the instance.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionStatusInput {
    number: Lenient<i64>,
}
