//! ziwo-crm: customer search, profile links and the four entity collections.

use futures::future::BoxFuture;
use ziwo_admin::models::Record;
use ziwo_crm::{kind, CustomerSearch, Entity, Kind, Updatable};

use crate::invocation::{one, page, Call, Failure, Outcome};
use crate::spec::{handler, opt, OpSpec};

use super::{list_options, CRM};

/// The ziwo-crm operations.
pub(super) fn operations() -> Vec<OpSpec> {
    let mut ops = vec![
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
    ops.extend(crm_entities());
    ops
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
