//! Operators: CRUD, live availability (all, one, set per channel), statistics and profile.

use ccapi_transport::{BoolStyle, Endpoint, Error, Form};

use crate::collection::{Resource, Resources, Writable};
use crate::models::{
    LiveUpdate, Operator, OperatorInput, OperatorLive, OperatorProfile, OperatorStatistic,
};
use crate::operations;
use crate::query::{filters, id_list, resource, OperatorQuery};

/// Your operators; from [`Client::operators`](crate::Client::operators).
pub type Operators = Resources<resource::Operator>;

impl Writable for resource::Operator {
    type Input = OperatorInput;
    const CREATE: &'static Endpoint = &operations::OPERATOR_CREATE;
    const UPDATE: &'static Endpoint = &operations::OPERATOR_UPDATE;
    const DELETE: &'static Endpoint = &operations::OPERATOR_DELETE;
}

impl Resource for resource::Operator {
    type Model = Operator;
    const LIST: &'static Endpoint = &operations::OPERATOR_LIST;
    const GET: &'static Endpoint = &operations::OPERATOR_GET;
}

impl Resources<resource::Operator> {
    /// The live availability of your operators (`GET /operator/live`), with the same filters
    /// as the list. By default iAdvize shows only available operators: filter on `connected`
    /// to see the others.
    pub async fn live_list(&self, query: &OperatorQuery) -> Result<Vec<OperatorLive>, Error> {
        query.check()?;
        Ok(self
            .collection
            .fetch(&operations::OPERATOR_LIVE_LIST, query, None)
            .await?
            .items)
    }

    /// One operator's live availability (`GET /operator/{id}/live`).
    pub async fn live(&self, id: i64) -> Result<OperatorLive, Error> {
        self.collection
            .transport
            .execute(operations::OPERATOR_LIVE_GET.request().path_param("id", id))
            .await
    }

    /// Sets an operator's availability per channel, or disconnects them
    /// (`PUT /operator/{id}/live`, `chat[available]=1`, `connected=0`). Returns iAdvize's
    /// message. `connected: true` cannot be set and is refused before sending.
    pub async fn set_live(&self, id: i64, update: &LiveUpdate) -> Result<Option<String>, Error> {
        if update.connected.is_some_and(|connected| connected.0) {
            return Err(Error::invalid_input(
                "connected",
                "only 0 (offline) can be set; operators connect themselves",
            ));
        }
        let form = Form::from_serialize(update, BoolStyle::Digits)?;
        let decoded = self
            .collection
            .transport
            .execute_with_meta::<serde_json::Value>(
                operations::OPERATOR_LIVE_SET
                    .request()
                    .path_param("id", id)
                    .form(&form),
            )
            .await?;
        Ok(decoded
            .meta
            .get("meta")
            .and_then(|meta| meta.get("message"))
            .and_then(|message| message.as_str())
            .map(str::to_owned))
    }

    /// An operator's statistics (`GET /operator/{id}/statistic`).
    pub async fn statistic(&self, id: i64) -> Result<OperatorStatistic, Error> {
        self.collection
            .transport
            .execute(
                operations::OPERATOR_STATISTIC
                    .request()
                    .path_param("id", id),
            )
            .await
    }

    /// An operator's public profile (`GET /operator/{id}/profile`).
    pub async fn profile(&self, id: i64) -> Result<OperatorProfile, Error> {
        self.collection
            .transport
            .execute(operations::OPERATOR_PROFILE.request().path_param("id", id))
            .await
    }
}

filters!(OperatorQuery {
    /// Operator identifier.
    id(id: i64) => "id", id.to_string();
    /// Group identifier.
    group_id(id: i64) => "group_id", id.to_string();
    /// Website identifier.
    website_id(id: i64) => "website_id", id.to_string();
    /// Operators of any of these websites.
    website_list(ids: Vec<i64>) => "website_list", id_list(ids);
    /// Skill identifier.
    skill_id(id: i64) => "skill_id", id.to_string();
    /// Operator name; `*` broadens the search (`*uli*`).
    name(name: &str) => "name", name.to_owned();
    /// Your external identifier.
    external_id(id: &str) => "external_id", id.to_owned();
    /// Online (`true`, sent as 1) or offline (`false`, 0).
    connected(online: bool) => "connected", u8::from(online).to_string();
});
