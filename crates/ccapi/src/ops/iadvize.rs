//! iadvize-rest: every resource, with `--filter name=value`, `--page`, `--limit`, `--no-full` (lists ask for `full=1` by default).

use futures::future::BoxFuture;
use iadvize_rest::models::{LiveUpdate, NewTag, OdigoCallback, WebsiteUpdate};
use iadvize_rest::query::{resource, ListQuery, RangeLimit};
use iadvize_rest::{Resource, Writable};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::invocation::{many, one, Call, Failure, Outcome};
use crate::spec::{flag, handler, opt, repeated, OpSpec, Opt};

const API: &str = "iadvize-rest";

const LIST: [Opt; 4] = [
    repeated(
        "filter",
        "A documented filter, name=value (repeatable; * broadens: name=*uli*)",
    ),
    opt("page", "Page number, from 1"),
    opt("limit", "Resources per page (at most 100)"),
    flag(
        "no-full",
        "Ask without full=1: iAdvize then lists only each resource's id and _link",
    ),
];

/// The list query of `--filter`, `--page`, `--limit` and `--no-full`. The command line asks
/// for `full=1` unless told otherwise: without it iAdvize answers only `{id, _link}`.
fn query<R: RangeLimit>(c: &Call) -> Result<ListQuery<R>, Failure> {
    let mut query = ListQuery::<R>::new();
    for filter in c.opts("filter") {
        let (name, value) = filter
            .split_once('=')
            .filter(|(name, _)| !name.is_empty())
            .ok_or_else(|| Failure::Usage(format!("--filter `{filter}`: expected name=value")))?;
        query = query.filter(name, value);
    }
    if let Some(page) = c.parsed::<u32>("page")? {
        query = query.page(page);
    }
    if let Some(limit) = c.parsed::<u32>("limit")? {
        query = query.limit(limit);
    }
    if !c.options.contains_key("no-full") {
        query = query.full();
    }
    Ok(query)
}

fn id(c: &Call) -> Result<i64, Failure> {
    c.param(0).parse().map_err(|_| {
        Failure::Usage(format!(
            "`{}` is not an iAdvize id (an integer)",
            c.param(0)
        ))
    })
}

/// `list` (with `--all`) and `get` of the resource `R`, from its rows and its model.
fn read_ops<R: Resource>() -> Vec<OpSpec>
where
    R::Model: Serialize,
{
    let name = R::LIST.resource();
    vec![
        OpSpec::new(API, name, R::LIST.action(), "", list::<R>)
            .about(format!("List {name}s"))
            .options(&LIST)
            .paged(),
        OpSpec::new(API, name, R::GET.action(), "", get::<R>).about(format!("Get a {name}")),
    ]
}

fn list<R: Resource>(c: Call) -> BoxFuture<'static, Result<Outcome, Failure>>
where
    R::Model: Serialize,
{
    Box::pin(async move {
        let handle = c.env.iadvize()?.resources::<R>();
        let query = query::<R>(&c)?;
        c.list_or_all(|| handle.list_all(&query), handle.list(&query))
            .await
    })
}

fn get<R: Resource>(c: Call) -> BoxFuture<'static, Result<Outcome, Failure>>
where
    R::Model: Serialize,
{
    Box::pin(async move { one(c.env.iadvize()?.resources::<R>().get(id(&c)?).await?) })
}

/// `create`, `update` and `delete` of the resource `R`, with its typed form body.
fn write_ops<R: Writable>() -> Vec<OpSpec>
where
    R::Model: Serialize,
    R::Input: DeserializeOwned + Send + Sync,
{
    let name = R::LIST.resource();
    vec![
        OpSpec::new(API, name, R::CREATE.action(), "", create::<R>)
            .about(format!("Create a {name} (body: its fields)"))
            .body(),
        OpSpec::new(API, name, R::UPDATE.action(), "", update::<R>)
            .about(format!("Update a {name} (body: the fields to set)"))
            .body(),
        OpSpec::new(API, name, R::DELETE.action(), "", delete::<R>)
            .about(format!("Delete a {name}")),
    ]
}

fn create<R: Writable>(c: Call) -> BoxFuture<'static, Result<Outcome, Failure>>
where
    R::Model: Serialize,
    R::Input: DeserializeOwned + Send + Sync,
{
    Box::pin(async move {
        let input: R::Input = c.body()?;
        one(c.env.iadvize()?.resources::<R>().create(&input).await?)
    })
}

fn update<R: Writable>(c: Call) -> BoxFuture<'static, Result<Outcome, Failure>>
where
    R::Model: Serialize,
    R::Input: DeserializeOwned + Send + Sync,
{
    Box::pin(async move {
        let input: R::Input = c.body()?;
        one(c
            .env
            .iadvize()?
            .resources::<R>()
            .update(id(&c)?, &input)
            .await?)
    })
}

fn delete<R: Writable>(c: Call) -> BoxFuture<'static, Result<Outcome, Failure>> {
    Box::pin(async move {
        c.env.iadvize()?.resources::<R>().delete(id(&c)?).await?;
        Ok(Outcome::Nothing)
    })
}

/// The iAdvize operations.
pub fn operations() -> Vec<OpSpec> {
    let mut ops = Vec::new();
    ops.extend(read_ops::<resource::Client>());
    ops.extend(read_ops::<resource::Website>());
    ops.push(
        OpSpec::new(
            API,
            "website",
            "update",
            "Update a website (body: the fields to set)",
            handler!(|c| {
                let input: WebsiteUpdate = c.body()?;
                one(c.env.iadvize()?.websites().update(id(&c)?, &input).await?)
            }),
        )
        .body(),
    );
    ops.extend(read_ops::<resource::Operator>());
    ops.extend(write_ops::<resource::Operator>());
    ops.extend([
        OpSpec::new(
            API,
            "operator",
            "live_list",
            "Live availability of your operators",
            handler!(|c| { many(c.env.iadvize()?.operators().live_list(&query(&c)?).await?) }),
        )
        .options(&LIST),
        OpSpec::new(
            API,
            "operator",
            "live_get",
            "Live availability of one operator",
            handler!(|c| { one(c.env.iadvize()?.operators().live(id(&c)?).await?) }),
        ),
        OpSpec::new(
            API,
            "operator",
            "live_set",
            "Set availability per channel (body: {\"chat\": {\"available\": 1}})",
            handler!(|c| {
                let update: LiveUpdate = c.body()?;
                let message = c
                    .env
                    .iadvize()?
                    .operators()
                    .set_live(id(&c)?, &update)
                    .await?;
                one(serde_json::json!({ "message": message }))
            }),
        )
        .body(),
        OpSpec::new(
            API,
            "operator",
            "statistic",
            "An operator's statistics",
            handler!(|c| { one(c.env.iadvize()?.operators().statistic(id(&c)?).await?) }),
        ),
        OpSpec::new(
            API,
            "operator",
            "profile",
            "An operator's profile",
            handler!(|c| { one(c.env.iadvize()?.operators().profile(id(&c)?).await?) }),
        ),
    ]);
    ops.extend(read_ops::<resource::Group>());
    ops.extend(write_ops::<resource::Group>());
    ops.extend(read_ops::<resource::Skill>());
    ops.extend(write_ops::<resource::Skill>());
    ops.extend(read_ops::<resource::Conversation>());
    ops.extend(read_ops::<resource::Tag>());
    ops.push(
        OpSpec::new(
            API,
            "tag",
            "create",
            "Create tags (body: [{\"name\": ..., \"website_id\": ...}])",
            handler!(|c| {
                let tags: Vec<NewTag> = c.body()?;
                many(c.env.iadvize()?.tags().create(&tags).await?)
            }),
        )
        .body(),
    );
    ops.extend(read_ops::<resource::Transaction>());
    ops.extend(read_ops::<resource::Satisfaction>());
    ops.push(
        OpSpec::new(
            API,
            "statistic",
            "get",
            "Statistics (--filter indicators=a,b --filter resource=operator ...)",
            handler!(|c| { many(c.env.iadvize()?.statistics().get(&query(&c)?).await?) }),
        )
        .options(&LIST),
    );
    ops.extend(read_ops::<resource::Visitor>());
    ops.extend(write_ops::<resource::Visitor>());
    ops.push(
        OpSpec::new(
            API,
            "callmeeting",
            "list",
            "List call meetings",
            handler!(|c| {
                let meetings = c.env.iadvize()?.call_meetings();
                let query = query(&c)?;
                c.list_or_all(|| meetings.list_all(&query), meetings.list(&query))
                    .await
            }),
        )
        .options(&LIST)
        .paged(),
    );
    ops.extend([
        OpSpec::new(API, "odigocallback", "pickup", "An operator picked up an Odigo call (body: operator_external_id, website_id, phone_number)", handler!(|c| {
            let call: OdigoCallback = c.body()?;
            one(c.env.iadvize()?.odigo_callbacks().pickup(&call).await?)
        }))
        .body(),
        OpSpec::new(API, "odigocallback", "hangup", "The Odigo call ended (body: as pickup)", handler!(|c| {
            let call: OdigoCallback = c.body()?;
            c.env.iadvize()?.odigo_callbacks().hangup(&call).await?;
            Ok(Outcome::Nothing)
        }))
        .body(),
    ]);
    ops
}
