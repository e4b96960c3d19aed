//! Satisfactions: `satisfaction.list` and `get`.

use ccapi_transport::Endpoint;

use crate::collection::{Resource, Resources};
use crate::models::Satisfaction;
use crate::operations;
use crate::query::{date_range, filters, resource, SatisfactionQuery};

/// Your satisfaction survey answers; from [`Client::satisfactions`](crate::Client::satisfactions).
pub type Satisfactions = Resources<resource::Satisfaction>;

impl Resource for resource::Satisfaction {
    type Model = Satisfaction;
    const LIST: &'static Endpoint = &operations::SATISFACTION_LIST;
    const GET: &'static Endpoint = &operations::SATISFACTION_GET;
}

date_range!(SatisfactionQuery);

filters!(SatisfactionQuery {
    /// Website identifier.
    website_id(id: i64) => "website_id", id.to_string();
    /// Operator identifier.
    operator_id(id: i64) => "operator_id", id.to_string();
    /// Conversation identifier.
    conversation_id(id: i64) => "conversation_id", id.to_string();
});
