//! iadvize-rest: every resource, with `--filter name=value`, `--page`, `--limit`, `--no-full` (lists ask for `full=1` by default).

use iadvize_rest::models::{
    GroupInput, LiveUpdate, NewTag, OdigoCallback, OperatorInput, SkillInput, VisitorInput,
    WebsiteUpdate,
};
use iadvize_rest::query::{ListQuery, RangeLimit};

use crate::call::{many, one, Call, Failure, Outcome};
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

/// `list` (with `--all`) and `get` of one resource.
macro_rules! read_ops {
    ($resource:literal, $handle:ident) => {
        vec![
            OpSpec::new(
                API,
                $resource,
                "list",
                concat!("List ", $resource, "s"),
                handler!(|c| {
                    let handle = c.env.iadvize()?.$handle();
                    let query = query(&c)?;
                    c.list_or_all(|| handle.list_all(&query), handle.list(&query))
                        .await
                }),
            )
            .options(&LIST)
            .paged(),
            OpSpec::new(
                API,
                $resource,
                "get",
                concat!("Get a ", $resource),
                handler!(|c| { one(c.env.iadvize()?.$handle().get(id(&c)?).await?) }),
            ),
        ]
    };
}

/// `create`, `update` and `delete` of one resource, with form bodies.
macro_rules! write_ops {
    ($resource:literal, $handle:ident, $input:ty) => {
        vec![
            OpSpec::new(
                API,
                $resource,
                "create",
                concat!("Create a ", $resource, " (body: its fields)"),
                handler!(|c| {
                    let input: $input = c.body()?;
                    one(c.env.iadvize()?.$handle().create(&input).await?)
                }),
            )
            .body(),
            OpSpec::new(
                API,
                $resource,
                "update",
                concat!("Update a ", $resource, " (body: the fields to set)"),
                handler!(|c| {
                    let input: $input = c.body()?;
                    one(c.env.iadvize()?.$handle().update(id(&c)?, &input).await?)
                }),
            )
            .body(),
            OpSpec::new(
                API,
                $resource,
                "delete",
                concat!("Delete a ", $resource),
                handler!(|c| {
                    c.env.iadvize()?.$handle().delete(id(&c)?).await?;
                    Ok(Outcome::Nothing)
                }),
            ),
        ]
    };
}

/// The iAdvize operations.
pub fn operations() -> Vec<OpSpec> {
    let mut ops = Vec::new();
    ops.extend(read_ops!("client", clients));
    ops.extend(read_ops!("website", websites));
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
    ops.extend(read_ops!("operator", operators));
    ops.extend(write_ops!("operator", operators, OperatorInput));
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
    ops.extend(read_ops!("group", groups));
    ops.extend(write_ops!("group", groups, GroupInput));
    ops.extend(read_ops!("skill", skills));
    ops.extend(write_ops!("skill", skills, SkillInput));
    ops.extend(read_ops!("conversation", conversations));
    ops.extend(read_ops!("tag", tags));
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
    ops.extend(read_ops!("transaction", transactions));
    ops.extend(read_ops!("satisfaction", satisfactions));
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
    ops.extend(read_ops!("visitor", visitors));
    ops.extend(write_ops!("visitor", visitors, VisitorInput));
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
