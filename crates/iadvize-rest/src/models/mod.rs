//! iAdvize models: generated from `fixtures/iadvize-rest` (see `docs/codegen.md`), plus the
//! shapes a sample cannot express: conversation history tuples, one-or-many website ids,
//! statistic rows whose member names are indicators.

mod generated;
mod indicator;

pub use generated::*;
pub use indicator::Indicator;

use std::collections::BTreeMap;
use std::fmt;

use ccapi_transport::decode::Timestamp;
use serde::de::Deserializer;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A conversation's history: its messages in order.
pub type History = Vec<HistoryMessage>;

/// One message of a conversation history, decoded from the tuple the API sends
/// (`[kind, "YYYY-MM-DD HH:MM:SS", text, epoch_ms?]`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum HistoryMessage {
    /// Kind 1: text sent by the operator.
    OperatorText {
        /// When it was sent.
        sent_at: Timestamp,
        /// The text.
        text: String,
        /// The sending time in milliseconds since the epoch, when given.
        timestamp_ms: Option<i64>,
    },
    /// Kind 2: text sent by the visitor.
    VisitorText {
        /// When it was sent.
        sent_at: Timestamp,
        /// The text.
        text: String,
        /// The sending time in milliseconds since the epoch, when given.
        timestamp_ms: Option<i64>,
    },
    /// Kind 3: a notification from the software (`OPERATOR_CHAT_CLOSE`, rule activated...).
    Notification {
        /// When it happened.
        sent_at: Timestamp,
        /// The notification text.
        text: String,
    },
    /// Kind 5: a link (the page the visitor was on).
    Link {
        /// When it was sent.
        sent_at: Timestamp,
        /// The URL.
        url: String,
    },
    /// Kind 6: rich content sent by the operator.
    OperatorRichContent {
        /// When it was sent.
        sent_at: Timestamp,
        /// The content's URL.
        url: String,
    },
    /// Kind 7: rich content sent by the visitor.
    VisitorRichContent {
        /// When it was sent.
        sent_at: Timestamp,
        /// The content's URL.
        url: String,
    },
    /// A kind this crate does not know, or a known kind in an unexpected shape: the tuple as
    /// received, kept whole.
    Unknown(Vec<Value>),
}

impl HistoryMessage {
    /// The message kind number the API uses (`None` when the tuple has no numeric kind).
    pub fn kind(&self) -> Option<i64> {
        match self {
            Self::OperatorText { .. } => Some(1),
            Self::VisitorText { .. } => Some(2),
            Self::Notification { .. } => Some(3),
            Self::Link { .. } => Some(5),
            Self::OperatorRichContent { .. } => Some(6),
            Self::VisitorRichContent { .. } => Some(7),
            Self::Unknown(tuple) => tuple.first().and_then(kind_number),
        }
    }

    fn from_tuple(tuple: Vec<Value>) -> Self {
        let kind = tuple.first().and_then(kind_number);
        let sent_at = tuple
            .get(1)
            .and_then(Value::as_str)
            .and_then(|text| Timestamp::parse(text).ok());
        let text = tuple.get(2).and_then(Value::as_str).map(str::to_owned);
        let (Some(kind), Some(sent_at), Some(text)) = (kind, sent_at, text) else {
            return Self::Unknown(tuple);
        };
        let timestamp_ms = match tuple.get(3) {
            None => None,
            Some(value) => match value.as_i64() {
                Some(ms) => Some(ms),
                None => return Self::Unknown(tuple),
            },
        };
        let fits = |max_len: usize| tuple.len() <= max_len;
        match kind {
            1 if fits(4) => Self::OperatorText {
                sent_at,
                text,
                timestamp_ms,
            },
            2 if fits(4) => Self::VisitorText {
                sent_at,
                text,
                timestamp_ms,
            },
            3 if fits(3) => Self::Notification { sent_at, text },
            5 if fits(3) => Self::Link { sent_at, url: text },
            6 if fits(3) => Self::OperatorRichContent { sent_at, url: text },
            7 if fits(3) => Self::VisitorRichContent { sent_at, url: text },
            _ => Self::Unknown(tuple),
        }
    }
}

fn kind_number(value: &Value) -> Option<i64> {
    value
        .as_i64()
        .or_else(|| value.as_str().and_then(|text| text.parse().ok()))
}

impl<'de> Deserialize<'de> for HistoryMessage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let tuple = Vec::<Value>::deserialize(deserializer)?;
        Ok(Self::from_tuple(tuple))
    }
}

impl Serialize for HistoryMessage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (kind, sent_at, text, timestamp_ms) = match self {
            Self::Unknown(tuple) => return tuple.serialize(serializer),
            Self::OperatorText {
                sent_at,
                text,
                timestamp_ms,
            } => (1, sent_at, text, *timestamp_ms),
            Self::VisitorText {
                sent_at,
                text,
                timestamp_ms,
            } => (2, sent_at, text, *timestamp_ms),
            Self::Notification { sent_at, text } => (3, sent_at, text, None),
            Self::Link { sent_at, url } => (5, sent_at, url, None),
            Self::OperatorRichContent { sent_at, url } => (6, sent_at, url, None),
            Self::VisitorRichContent { sent_at, url } => (7, sent_at, url, None),
        };
        let mut seq = serializer.serialize_seq(Some(if timestamp_ms.is_some() { 4 } else { 3 }))?;
        seq.serialize_element(&kind)?;
        seq.serialize_element(sent_at)?;
        seq.serialize_element(text)?;
        if let Some(ms) = timestamp_ms {
            seq.serialize_element(&ms)?;
        }
        seq.end()
    }
}

/// A value the documentation shows both alone and in a list (a tag's `website_id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// One value.
    One(T),
    /// Several values.
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The values, one or many, as a slice.
    pub fn as_slice(&self) -> &[T] {
        match self {
            Self::One(value) => std::slice::from_ref(value),
            Self::Many(values) => values,
        }
    }
}

ccapi_transport::open_enum! {
    /// A channel of `GET /statistic`.
    pub enum StatisticChannel {
        /// Chat.
        Chat = "chat",
        /// Call.
        Call = "call",
        /// Facebook.
        Facebook = "facebook",
        /// Twitter.
        Twitter = "twitter",
        /// Facebook Business on Messenger.
        FacebookBusinessOnMessenger = "facebookBusinessOnMessenger",
        /// Instagram.
        Instagram = "instagram",
        /// SMS.
        Sms = "sms",
        /// WhatsApp.
        Whatsapp = "whatsapp",
        /// Video.
        Video = "video",
    }
}

ccapi_transport::open_enum! {
    /// What `GET /statistic` groups its data by.
    pub enum StatisticResource {
        /// Per operator.
        Operator = "operator",
        /// Per group.
        Group = "group",
        /// Per skill.
        Skill = "skill",
        /// Per targeting rule.
        Rule = "rule",
        /// Per contact type.
        ContactType = "contact_type",
        /// Per page type.
        PageType = "page_type",
    }
}

ccapi_transport::open_enum! {
    /// The period of each row of `GET /statistic` (with exactly one indicator).
    pub enum Granularity {
        /// Per hour.
        Hour = "hour",
        /// Per day.
        Day = "day",
        /// Per month.
        Month = "month",
    }
}

/// One row of `GET /statistic`: the indicators' values, typed, and what the row is about.
///
/// The seed documents the request but not the response. This crate reads each row as an
/// object whose numeric members (numbers or numeric strings) are indicator values, named by
/// indicator; every other member (`resource`, `resource_id`, `date`, ...) is kept in
/// [`StatisticRow::labels`]. Nothing is dropped.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct StatisticRow {
    /// Indicator values.
    pub values: BTreeMap<Indicator, f64>,
    /// The row's other members, as received.
    pub labels: Map<String, Value>,
}

impl StatisticRow {
    /// The value of `indicator` in this row.
    pub fn value(&self, indicator: &Indicator) -> Option<f64> {
        self.values.get(indicator).copied()
    }

    /// A label member as text (`resource`, `resource_id`, `date`).
    pub fn label(&self, name: &str) -> Option<String> {
        ccapi_transport::envelope::scalar_text(self.labels.get(name)?)
    }
}

/// Members that name what a row is about, never indicator values, even when numeric.
const LABEL_MEMBERS: &[&str] = &[
    "resource",
    "resource_id",
    "id",
    "date",
    "period",
    "from",
    "to",
];

impl<'de> Deserialize<'de> for StatisticRow {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let members = Map::<String, Value>::deserialize(deserializer)?;
        let mut row = StatisticRow::default();
        for (name, value) in members {
            let number = match &value {
                Value::Number(number) => number.as_f64(),
                Value::String(text) => text.trim().parse::<f64>().ok(),
                _ => None,
            };
            match number {
                Some(number) if !LABEL_MEMBERS.contains(&name.as_str()) => {
                    let indicator = name.parse().map_err(|never| match never {})?;
                    row.values.insert(indicator, number);
                }
                _ => {
                    row.labels.insert(name, value);
                }
            }
        }
        Ok(row)
    }
}

impl Serialize for StatisticRow {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.values.len() + self.labels.len()))?;
        for (name, value) in &self.labels {
            map.serialize_entry(name, value)?;
        }
        for (indicator, value) in &self.values {
            map.serialize_entry(indicator.as_str(), value)?;
        }
        map.end()
    }
}

impl fmt::Display for HistoryMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::OperatorText { sent_at, text, .. } => write!(f, "[{sent_at}] operator: {text}"),
            Self::VisitorText { sent_at, text, .. } => write!(f, "[{sent_at}] visitor: {text}"),
            Self::Notification { sent_at, text } => write!(f, "[{sent_at}] notification: {text}"),
            Self::Link { sent_at, url } => write!(f, "[{sent_at}] link: {url}"),
            Self::OperatorRichContent { sent_at, url } => {
                write!(f, "[{sent_at}] operator content: {url}")
            }
            Self::VisitorRichContent { sent_at, url } => {
                write!(f, "[{sent_at}] visitor content: {url}")
            }
            Self::Unknown(tuple) => write!(f, "unknown message {}", Value::Array(tuple.clone())),
        }
    }
}

impl Satisfaction {
    /// The delay note, whichever spelling iAdvize used: the seed's `node_delay` or `note_delay`
    /// (as its siblings `note_welcome` and `note_resolution` are spelled).
    pub fn delay_note(&self) -> Option<f64> {
        self.note_delay
            .as_ref()
            .or(self.node_delay.as_ref())
            .map(|note| note.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn history_tuples_become_typed_messages_and_unknown_ones_are_kept() {
        let history: History = serde_json::from_value(json!([
            [1, "2016-02-16 11:24:43", "Hello, how can I help you?", 1455618283869_i64],
            [3, "2016-02-16 11:26:43", "OPERATOR_CHAT_CLOSE"],
            [5, "2016-02-16 11:24:21", "http://iadvize.com/"],
            [9, "2016-02-16 11:27:00", "new kind", {"x": 1}],
            [2, "not a date", "hello"]
        ]))
        .expect("decodes");
        assert!(matches!(
            &history[0],
            HistoryMessage::OperatorText { text, timestamp_ms: Some(1455618283869), .. } if text == "Hello, how can I help you?"
        ));
        assert!(
            matches!(&history[1], HistoryMessage::Notification { text, .. } if text == "OPERATOR_CHAT_CLOSE")
        );
        assert!(
            matches!(&history[2], HistoryMessage::Link { url, .. } if url == "http://iadvize.com/")
        );
        assert_eq!(history[3].kind(), Some(9));
        assert!(matches!(&history[3], HistoryMessage::Unknown(tuple) if tuple.len() == 4));
        assert!(
            matches!(&history[4], HistoryMessage::Unknown(_)),
            "a bad date keeps the tuple"
        );
        assert_eq!(
            serde_json::to_value(&history).expect("encodes"),
            json!([
                [1, "2016-02-16 11:24:43", "Hello, how can I help you?", 1455618283869_i64],
                [3, "2016-02-16 11:26:43", "OPERATOR_CHAT_CLOSE"],
                [5, "2016-02-16 11:24:21", "http://iadvize.com/"],
                [9, "2016-02-16 11:27:00", "new kind", {"x": 1}],
                [2, "not a date", "hello"]
            ])
        );
    }

    #[test]
    fn statistic_rows_are_indicator_values_and_labels() {
        let row: StatisticRow = serde_json::from_value(json!({
            "resource": "operator", "resource_id": 123, "contact_number": 42,
            "satisfaction_global_rate": "0.86", "brand_new_indicator": 7
        }))
        .expect("decodes");
        assert_eq!(row.value(&Indicator::ContactNumber), Some(42.0));
        assert_eq!(row.value(&Indicator::SatisfactionGlobalRate), Some(0.86));
        assert_eq!(
            row.value(&Indicator::Unknown("brand_new_indicator".into())),
            Some(7.0)
        );
        assert_eq!(row.label("resource_id").as_deref(), Some("123"));
        assert_eq!(row.label("resource").as_deref(), Some("operator"));
    }
}
