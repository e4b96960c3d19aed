//! Satisfactions: `satisfaction.list` and `get`.

use ccapi_transport::Transport;

use crate::collection::{readable, Collection};
use crate::models::Satisfaction;
use crate::query::{date_range, filters, SatisfactionQuery};

/// Your satisfaction survey answers; from [`Client::satisfactions`](crate::Client::satisfactions).
#[derive(Debug, Clone)]
pub struct Satisfactions {
    collection: Collection,
}

impl Satisfactions {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            collection: Collection::new(transport),
        }
    }
}

readable!(Satisfactions, Satisfaction, SatisfactionQuery, list: SATISFACTION_LIST, get: SATISFACTION_GET);

date_range!(SatisfactionQuery);

filters!(SatisfactionQuery {
    /// Website identifier.
    website_id(id: i64) => "website_id", id.to_string();
    /// Operator identifier.
    operator_id(id: i64) => "operator_id", id.to_string();
    /// Conversation identifier.
    conversation_id(id: i64) => "conversation_id", id.to_string();
});
