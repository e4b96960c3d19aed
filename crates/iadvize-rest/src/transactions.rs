//! Transactions: `transaction.list` and `get`.

use ccapi_transport::Endpoint;

use crate::collection::{Resource, Resources};
use crate::models::Transaction;
use crate::operations;
use crate::query::{date_range, filters, resource, TransactionQuery};

/// Your transactions; from [`Client::transactions`](crate::Client::transactions).
pub type Transactions = Resources<resource::Transaction>;

impl Resource for resource::Transaction {
    type Model = Transaction;
    const LIST: &'static Endpoint = &operations::TRANSACTION_LIST;
    const GET: &'static Endpoint = &operations::TRANSACTION_GET;
}

/// Which conversation a transaction is tied to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConversationLink {
    /// This conversation (`filters[conversation_id]=123`).
    Id(i64),
    /// No conversation (`filters[conversation_id]=null`).
    None,
    /// Any conversation (`filters[conversation_id]=!null`).
    Any,
}

impl ConversationLink {
    fn text(self) -> String {
        match self {
            Self::Id(id) => id.to_string(),
            Self::None => "null".to_owned(),
            Self::Any => "!null".to_owned(),
        }
    }
}

date_range!(TransactionQuery);

filters!(TransactionQuery {
    /// Website identifier.
    website_id(id: i64) => "website_id", id.to_string();
    /// Operator identifier.
    operator_id(id: i64) => "operator_id", id.to_string();
    /// Tied to a conversation, to none, or to any.
    conversation(link: ConversationLink) => "conversation_id", link.text();
});
