//! Conversations: `conversation.list` and `get`, always through the `json-unicode` path with
//! `formatHistory=0`, so the history arrives as typed messages.

use ccapi_transport::Endpoint;

use crate::collection::{Resource, Resources};
use crate::models::{Channel, Conversation};
use crate::operations;
use crate::query::{date_range, filters, resource, ConversationQuery};

/// Your conversations; from [`Client::conversations`](crate::Client::conversations).
///
/// A list covers at most 3 months: without `from` and `to`, the last 3 months; with one of
/// them, the 3 months after `from` or before `to`. A longer range is refused before sending.
pub type Conversations = Resources<resource::Conversation>;

impl Resource for resource::Conversation {
    type Model = Conversation;
    const LIST: &'static Endpoint = &operations::CONVERSATION_LIST;
    const GET: &'static Endpoint = &operations::CONVERSATION_GET;
}

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
