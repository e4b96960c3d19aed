//! ziwo-admin, ziwo-cti and ziwo-crm.

use ccapi_transport::decode::Lenient;
use futures::future::BoxFuture;
use serde::Deserialize;
use ziwo_admin::call_trackers::LogQuery;
use ziwo_admin::calls::CallFilter;
use ziwo_admin::eavesdrop::Whisper;
use ziwo_admin::models::{CallTrackerInput, Record};
use ziwo_core::client::LoginOptions;
use ziwo_core::pages::ListOptions;
use ziwo_crm::{kind, CustomerSearch, Entity, Kind, Updatable};
use ziwo_cti::session::AgentCallQuery;
use ziwo_cti::AgentStatus;

use crate::invocation::{many, one, page, Call, Failure, Outcome};
use crate::spec::{flag, handler, opt, repeated, OpSpec, Opt};

const ADMIN: &str = "ziwo-admin";
const CTI: &str = "ziwo-cti";
const CRM: &str = "ziwo-crm";

const LIST: [Opt; 4] = [
    opt("limit", "Items per page (at most 50)"),
    opt("skip", "Items to skip"),
    opt("search", "Keyword"),
    opt("order", "Sort field; prefix ~ for descending (~did)"),
];

fn list_options(c: &Call) -> Result<ListOptions, Failure> {
    let mut options = ListOptions::new();
    if let Some(limit) = c.parsed::<u32>("limit")? {
        options = options.limit(limit);
    }
    if let Some(skip) = c.parsed::<u64>("skip")? {
        options = options.skip(skip);
    }
    if let Some(search) = c.opt("search") {
        options = options.search(search);
    }
    if let Some(order) = c.opt("order") {
        options = match order.strip_prefix('~') {
            Some(field) => options.order_by_descending(field),
            None => options.order_by(order),
        };
    }
    Ok(options)
}

fn call_filter(c: &Call) -> Result<CallFilter, Failure> {
    let mut filter = CallFilter::new();
    if let Some(day) = c.date("from-date")? {
        filter = filter.from_date(day);
    }
    if let Some(day) = c.date("to-date")? {
        filter = filter.to_date(day);
    }
    for agent in c.opts("agents") {
        filter = filter.agent(agent);
    }
    for number in c.opts("numbers") {
        filter = filter.number(number);
    }
    if let Some(number) = c.opt("contact-number") {
        filter = filter.contact_number(number);
    }
    for dataset in c.opts("dataset") {
        filter = filter.dataset(dataset);
    }
    Ok(filter)
}

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

/// The Ziwo operations.
pub fn operations() -> Vec<OpSpec> {
    let mut ops = vec![
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
        OpSpec::new(
            CRM,
            "customers",
            "search",
            "Search customers",
            handler!(|c| {
                let mut search = CustomerSearch::new().options(list_options(&c)?);
                if let Some(phone) = c.opt("phone") {
                    search = search.phone(phone);
                }
                if let Some(q) = c.opt("q") {
                    search = search.text(q);
                }
                if let Some(dataset) = c.opt("dataset") {
                    search = search.dataset(dataset);
                }
                page(c.env.ziwo_crm()?.customers().search(&search).await?)
            }),
        )
        .options(&[
            opt("phone", "Phone number"),
            opt("q", "Text"),
            opt("limit", "Items per page (at most 500)"),
            opt("skip", "Items to skip"),
            opt("order", "Sort field (~ descending)"),
            opt("dataset", "Dataset"),
        ]),
        OpSpec::new(
            CRM,
            "profiles",
            "link",
            "Link an address, number or social account to a profile",
            handler!(|c| {
                c.env
                    .ziwo_crm()?
                    .profiles()
                    .link(c.param(0), c.param(1).parse::<Entity>()?, c.param(2))
                    .await?;
                Ok(Outcome::Nothing)
            }),
        ),
        OpSpec::new(
            CRM,
            "profiles",
            "unlink",
            "Unlink an address, number or social account",
            handler!(|c| {
                c.env
                    .ziwo_crm()?
                    .profiles()
                    .unlink(c.param(0), c.param(1).parse::<Entity>()?, c.param(2))
                    .await?;
                Ok(Outcome::Nothing)
            }),
        ),
    ];
    ops.extend(agent_session());
    ops.extend(crm_entities());
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
    ]
}

/// `agents click_to_call`: the web client's body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ClickToCallInput {
    #[serde(default)]
    roaming_only: bool,
}

/// `session status`: a status id of the instance.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionStatusInput {
    number: Lenient<i64>,
}

/// create / update / delete of the four CRM entity kinds, from their rows.
fn crm_entities() -> Vec<OpSpec> {
    let mut ops = Vec::new();
    ops.extend(entity_ops::<kind::Address>());
    ops.push(entity_update::<kind::Address>());
    ops.extend(entity_ops::<kind::Number>());
    ops.extend(entity_ops::<kind::SocialAccount>());
    ops.push(entity_update::<kind::SocialAccount>());
    ops.extend(entity_ops::<kind::Profile>());
    ops.push(entity_update::<kind::Profile>());
    ops
}

/// `create` and `delete` of the collection `K`.
fn entity_ops<K: Kind>() -> [OpSpec; 2] {
    let resource = K::CREATE.resource();
    [
        OpSpec::new(
            CRM,
            resource,
            K::CREATE.action(),
            "Create one (body: its members)",
            create_entity::<K>,
        )
        .body(),
        OpSpec::new(
            CRM,
            resource,
            K::DELETE.action(),
            "Delete one",
            delete_entity::<K>,
        ),
    ]
}

/// `update` of the collection `K`.
fn entity_update<K: Updatable>() -> OpSpec {
    OpSpec::new(
        CRM,
        K::UPDATE.resource(),
        K::UPDATE.action(),
        "Update one (body: the members to set)",
        update_entity::<K>,
    )
    .body()
}

fn create_entity<K: Kind>(c: Call) -> BoxFuture<'static, Result<Outcome, Failure>> {
    Box::pin(async move {
        let record: Record = c.body()?;
        one(c.env.ziwo_crm()?.records::<K>().create(&record).await?)
    })
}

fn update_entity<K: Updatable>(c: Call) -> BoxFuture<'static, Result<Outcome, Failure>> {
    Box::pin(async move {
        let record: Record = c.body()?;
        one(c
            .env
            .ziwo_crm()?
            .records::<K>()
            .update(c.param(0), &record)
            .await?)
    })
}

fn delete_entity<K: Kind>(c: Call) -> BoxFuture<'static, Result<Outcome, Failure>> {
    Box::pin(async move {
        c.env.ziwo_crm()?.records::<K>().delete(c.param(0)).await?;
        Ok(Outcome::Nothing)
    })
}
