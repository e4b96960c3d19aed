//! Conversations: `conversation.list` and `get`, always through the `json-unicode` path with
//! `formatHistory=0`, so the history arrives as typed messages.

use ccapi_transport::Transport;

use crate::collection::{readable, Collection};
use crate::models::{Channel, Conversation};
use crate::query::{date_range, filters, ConversationQuery};

/// Your conversations; from [`Client::conversations`](crate::Client::conversations).
///
/// A list covers at most 3 months: without `from` and `to`, the last 3 months; with one of
/// them, the 3 months after `from` or before `to`. A longer range is refused before sending.
#[derive(Debug, Clone)]
pub struct Conversations {
    collection: Collection,
}

impl Conversations {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            collection: Collection::new(transport),
        }
    }
}

readable!(Conversations, Conversation, ConversationQuery, list: CONVERSATION_LIST, get: CONVERSATION_GET);

date_range!(ConversationQuery);

filters!(ConversationQuery {
    /// Channel.
    channel(channel: Channel) => "channel", channel.to_string();
    /// Website identifier.
    website_id(id: i64) => "website_id", id.to_string();
    /// Operator identifier.
    operator_id(id: i64) => "operator_id", id.to_string();
    /// Visitor identifier.
    visitor_id(id: i64) => "visitor_id", id.to_string();
    /// Skill identifier.
    skill_id(id: i64) => "skill_id", id.to_string();
    /// Tag identifier.
    tag_id(id: i64) => "tag_id", id.to_string();
    /// Rule identifier.
    rule_id(id: i64) => "rule_id", id.to_string();
});
