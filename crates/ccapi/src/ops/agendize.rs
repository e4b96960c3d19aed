//! agendize-calls and agendize-resellers.

use agendize_resellers::accounts::AccountFilter;
use agendize_resellers::models::{
    AccountPatch, AccountStatus, AccountUpdate, NewAccount, Tool, Watch,
};
use chrono::DateTime;

use crate::invocation::{many, one, Call, Failure, Outcome};
use crate::spec::{handler, opt, OpSpec};

const CALLS: &str = "agendize-calls";
const RESELLERS: &str = "agendize-resellers";

/// The Agendize operations.
pub fn operations() -> Vec<OpSpec> {
    vec![
        OpSpec::new(
            CALLS,
            "calltrackings",
            "list",
            "List the call tracking numbers",
            handler!(|c| { many(c.env.agendize_calls()?.call_trackings().list().await?) }),
        ),
        OpSpec::new(
            CALLS,
            "calltrackings",
            "watch",
            "Watch call tracking numbers (body: a Watch)",
            handler!(|c| {
                let watch: Watch = c.body()?;
                one(c
                    .env
                    .agendize_calls()?
                    .call_trackings()
                    .watch(&watch)
                    .await?)
            }),
        )
        .body(),
        OpSpec::new(
            CALLS,
            "calls",
            "watch",
            "Watch the account's calls (body: a Watch)",
            handler!(|c| {
                let watch: Watch = c.body()?;
                one(c.env.agendize_calls()?.calls().watch(&watch).await?)
            }),
        )
        .body(),
        OpSpec::new(
            CALLS,
            "watchers",
            "delete",
            "Stop a watch, by the id its creation answered",
            handler!(|c| {
                c.env
                    .agendize_calls()?
                    .watchers()
                    .delete(c.param(0))
                    .await?;
                Ok(Outcome::Nothing)
            }),
        ),
        OpSpec::new(
            RESELLERS,
            "accounts",
            "list",
            "List the reseller's accounts",
            handler!(|c| {
                many(
                    c.env
                        .agendize_resellers()?
                        .accounts()
                        .list(&account_filter(&c)?)
                        .await?,
                )
            }),
        )
        .options(&[
            opt(
                "search",
                "First name, last name, phone or e-mail (partial values match)",
            ),
            opt(
                "tools",
                "Tools the accounts have, comma-separated: scheduling, call, callTracking",
            ),
            opt("status", "enabled or disabled"),
            opt("created-start-date", "Created after (RFC 3339)"),
            opt("created-end-date", "Created before (RFC 3339)"),
        ]),
        OpSpec::new(
            RESELLERS,
            "accounts",
            "insert",
            "Create an account (body: email, profile.id, ...)",
            handler!(|c| {
                let account: NewAccount = c.body()?;
                one(c
                    .env
                    .agendize_resellers()?
                    .accounts()
                    .insert(&account)
                    .await?)
            }),
        )
        .body(),
        OpSpec::new(
            RESELLERS,
            "accounts",
            "update",
            "Update an account (body: the members to replace)",
            handler!(|c| {
                let changes: AccountUpdate = c.body()?;
                one(c
                    .env
                    .agendize_resellers()?
                    .accounts()
                    .update(c.param(0), &changes)
                    .await?)
            }),
        )
        .body(),
        OpSpec::new(
            RESELLERS,
            "accounts",
            "patch",
            "Add tags to an account (body: {\"tags\": [...]})",
            handler!(|c| {
                let additions: AccountPatch = c.body()?;
                one(c
                    .env
                    .agendize_resellers()?
                    .accounts()
                    .patch(c.param(0), &additions)
                    .await?)
            }),
        )
        .body(),
        OpSpec::new(
            RESELLERS,
            "accounts",
            "watch",
            "Watch accounts (body: a Watch)",
            handler!(|c| {
                let watch: Watch = c.body()?;
                one(c.env.agendize_resellers()?.accounts().watch(&watch).await?)
            }),
        )
        .body(),
        OpSpec::new(
            RESELLERS,
            "accounts",
            "change",
            "Change an account with POST, the official client's route (body: the members to change)",
            handler!(|c| {
                let changes: AccountUpdate = c.body()?;
                one(c
                    .env
                    .agendize_resellers()?
                    .accounts()
                    .change(c.param(0), &changes)
                    .await?)
            }),
        )
        .body(),
        OpSpec::new(
            RESELLERS,
            "accounts",
            "enable",
            "Enable an account",
            handler!(|c| {
                one(c
                    .env
                    .agendize_resellers()?
                    .accounts()
                    .enable(c.param(0))
                    .await?)
            }),
        ),
        OpSpec::new(
            RESELLERS,
            "accounts",
            "disable",
            "Suspend an account",
            handler!(|c| {
                one(c
                    .env
                    .agendize_resellers()?
                    .accounts()
                    .disable(c.param(0))
                    .await?)
            }),
        ),
        OpSpec::new(
            RESELLERS,
            "accounts",
            "change_plan",
            "Move an account to an Agendize plan",
            handler!(|c| {
                one(c
                    .env
                    .agendize_resellers()?
                    .accounts()
                    .change_plan(c.param(0), c.param(1))
                    .await?)
            }),
        )
        .arguments(&["planId"]),
        OpSpec::new(
            RESELLERS,
            "watchers",
            "delete",
            "Stop a watch, by the id its creation answered",
            handler!(|c| {
                c.env
                    .agendize_resellers()?
                    .watchers()
                    .delete(c.param(0))
                    .await?;
                Ok(Outcome::Nothing)
            }),
        ),
    ]
}

fn account_filter(c: &Call) -> Result<AccountFilter, Failure> {
    let mut filter = AccountFilter::new();
    if let Some(search) = c.opt("search") {
        filter = filter.search(search);
    }
    for tool in c
        .opt("tools")
        .map(|t| t.split(',').collect::<Vec<_>>())
        .unwrap_or_default()
    {
        filter = filter.tool(
            tool.trim()
                .parse::<Tool>()
                .unwrap_or_else(|never| match never {}),
        );
    }
    if let Some(status) = c.opt("status") {
        filter = filter.status(
            status
                .parse::<AccountStatus>()
                .unwrap_or_else(|never| match never {}),
        );
    }
    let time = |name: &str| {
        c.opt(name)
            .map(|text| {
                DateTime::parse_from_rfc3339(text).map_err(|err| {
                    Failure::Usage(format!("--{name} `{text}`: expected RFC 3339 ({err})"))
                })
            })
            .transpose()
    };
    if let Some(start) = time("created-start-date")? {
        filter = filter.created_start_date(start);
    }
    if let Some(end) = time("created-end-date")? {
        filter = filter.created_end_date(end);
    }
    Ok(filter)
}
