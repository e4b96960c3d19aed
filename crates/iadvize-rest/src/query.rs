//! List queries: the common `page`, `limit` (at most 100) and `full=1`, and each resource's
//! documented `filters[...]`, typed. Checked before anything is sent.

use std::marker::PhantomData;

use ccapi_transport::{Error, Query};
use chrono::{Months, NaiveDate, NaiveDateTime};

/// The largest page iAdvize serves.
pub const MAX_LIMIT: u32 = 100;

/// A list query for the resource `R` (see the aliases: [`OperatorQuery`], ...).
pub struct ListQuery<R> {
    parts: QueryParts,
    resource: PhantomData<fn() -> R>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct QueryParts {
    filters: Vec<(String, String)>,
    page: Option<u32>,
    limit: Option<u32>,
    full: bool,
    from: Option<NaiveDateTime>,
    to: Option<NaiveDateTime>,
}

impl<R> Default for ListQuery<R> {
    fn default() -> Self {
        Self {
            parts: QueryParts::default(),
            resource: PhantomData,
        }
    }
}

impl<R> Clone for ListQuery<R> {
    fn clone(&self) -> Self {
        Self {
            parts: self.parts.clone(),
            resource: PhantomData,
        }
    }
}

impl<R> PartialEq for ListQuery<R> {
    fn eq(&self, other: &Self) -> bool {
        self.parts == other.parts
    }
}

impl<R> std::fmt::Debug for ListQuery<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListQuery")
            .field("resource", &std::any::type_name::<R>())
            .field("filters", &self.parts.filters)
            .field("page", &self.parts.page)
            .field("limit", &self.parts.limit)
            .field("full", &self.parts.full)
            .finish()
    }
}

/// A date filter: a day (`YYYY-MM-DD`) or a time (`YYYY-MM-DD HH:MM:SS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateFilter {
    /// A whole day.
    Day(NaiveDate),
    /// A time.
    Time(NaiveDateTime),
}

impl From<NaiveDate> for DateFilter {
    fn from(day: NaiveDate) -> Self {
        Self::Day(day)
    }
}

impl From<NaiveDateTime> for DateFilter {
    fn from(time: NaiveDateTime) -> Self {
        Self::Time(time)
    }
}

impl DateFilter {
    fn text(self) -> String {
        match self {
            Self::Day(day) => day.format("%Y-%m-%d").to_string(),
            Self::Time(time) => time.format("%Y-%m-%d %H:%M:%S").to_string(),
        }
    }

    fn start(self) -> NaiveDateTime {
        match self {
            Self::Day(day) => day.and_time(chrono::NaiveTime::MIN),
            Self::Time(time) => time,
        }
    }
}

/// Resources whose lists refuse ranges over some number of months.
pub trait RangeLimit {
    /// The longest `from`..`to` range the API serves, in months.
    const MAX_MONTHS: Option<u32> = None;
}

impl<R> ListQuery<R> {
    /// No filter: the first page, the API's default size.
    pub fn new() -> Self {
        Self::default()
    }

    /// The page to fetch (from 1). Streams start there.
    pub fn page(mut self, page: u32) -> Self {
        self.parts.page = Some(page);
        self
    }

    /// Resources per page, at most [`MAX_LIMIT`].
    pub fn limit(mut self, limit: u32) -> Self {
        self.parts.limit = Some(limit);
        self
    }

    /// Every field of each resource (`full=1`).
    pub fn full(mut self) -> Self {
        self.parts.full = true;
        self
    }

    /// Any `filters[name]=value`, for filters this crate does not type. `*` broadens a text
    /// search (`*uli*`). A `from` or `to` that reads as a date (`YYYY-MM-DD`) or a time
    /// (`YYYY-MM-DD HH:MM:SS`) counts as the range, which is then checked like the typed one.
    pub fn filter(mut self, name: impl Into<String>, value: impl ToString) -> Self {
        let (name, value) = (name.into(), value.to_string());
        let date = NaiveDateTime::parse_from_str(&value, "%Y-%m-%d %H:%M:%S")
            .map(DateFilter::Time)
            .or_else(|_| NaiveDate::parse_from_str(&value, "%Y-%m-%d").map(DateFilter::Day));
        match (name.as_str(), date) {
            ("from", Ok(from)) => self.set_from(from),
            ("to", Ok(to)) => self.set_to(to),
            _ => self.set(name, value),
        }
        self
    }

    pub(crate) fn set(&mut self, name: impl Into<String>, value: String) {
        let name = name.into();
        self.parts.filters.retain(|(existing, _)| *existing != name);
        self.parts.filters.push((name, value));
    }

    pub(crate) fn set_from(&mut self, from: DateFilter) {
        self.parts.from = Some(from.start());
        self.set("from", from.text());
    }

    pub(crate) fn set_to(&mut self, to: DateFilter) {
        self.parts.to = Some(to.start());
        self.set("to", to.text());
    }

    pub(crate) fn filter_value(&self, name: &str) -> Option<&str> {
        self.parts
            .filters
            .iter()
            .find(|(existing, _)| existing == name)
            .map(|(_, value)| value.as_str())
    }

    pub(crate) fn first_page(&self) -> u32 {
        self.parts.page.unwrap_or(1)
    }

    pub(crate) fn requested_limit(&self) -> Option<u32> {
        self.parts.limit
    }

    /// The query string for `page` (`None`: the page asked for, if any).
    pub(crate) fn to_query(&self, page: Option<u32>) -> Query {
        let mut query = Query::new();
        query.push_opt("page", page.or(self.parts.page));
        query.push_opt("limit", self.parts.limit);
        if self.parts.full {
            query.push("full", 1);
        }
        for (name, value) in &self.parts.filters {
            query.push(format!("filters[{name}]"), value);
        }
        query
    }
}

impl<R: RangeLimit> ListQuery<R> {
    /// What the API would refuse, refused before sending.
    pub(crate) fn check(&self) -> Result<(), Error> {
        if let Some(limit) = self.parts.limit {
            if limit == 0 || limit > MAX_LIMIT {
                return Err(Error::invalid_input(
                    "limit",
                    format!("{limit}: iAdvize serves 1 to {MAX_LIMIT} resources per page"),
                ));
            }
        }
        if self.parts.page == Some(0) {
            return Err(Error::invalid_input("page", "pages are numbered from 1"));
        }
        if let (Some(from), Some(to)) = (self.parts.from, self.parts.to) {
            if from > to {
                return Err(Error::invalid_input("from", "`from` is after `to`"));
            }
            if let Some(months) = R::MAX_MONTHS {
                let limit = from.checked_add_months(Months::new(months));
                if limit.is_some_and(|limit| to > limit) {
                    return Err(Error::invalid_input(
                        "to",
                        format!("the range from {from} to {to} is over {months} months, which iAdvize refuses"),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Marker types naming the resource of a [`ListQuery`].
pub mod resource {
    use super::RangeLimit;

    macro_rules! markers {
        ($($(#[$doc:meta])* $name:ident $(= $months:expr)?;)*) => {
            $(
                $(#[$doc])*
                #[derive(Debug, Clone, Copy, PartialEq, Eq)]
                pub enum $name {}
                impl RangeLimit for $name {
                    $(const MAX_MONTHS: Option<u32> = Some($months);)?
                }
            )*
        };
    }

    markers! {
        /// Clients.
        Client;
        /// Websites.
        Website;
        /// Operators (and their live availability).
        Operator;
        /// Groups.
        Group;
        /// Skills.
        Skill;
        /// Conversations: at most 3 months per request.
        Conversation = 3;
        /// Tags.
        Tag;
        /// Transactions.
        Transaction;
        /// Satisfactions.
        Satisfaction;
        /// Statistics.
        Statistic;
        /// Visitors.
        Visitor;
        /// Call meetings.
        CallMeeting;
    }
}

/// `client.list` options.
pub type ClientQuery = ListQuery<resource::Client>;
/// `website.list` options.
pub type WebsiteQuery = ListQuery<resource::Website>;
/// `operator.list` and `operator.live_list` filters.
pub type OperatorQuery = ListQuery<resource::Operator>;
/// `group.list` filters.
pub type GroupQuery = ListQuery<resource::Group>;
/// `skill.list` filters.
pub type SkillQuery = ListQuery<resource::Skill>;
/// `conversation.list` filters.
pub type ConversationQuery = ListQuery<resource::Conversation>;
/// `tag.list` filters.
pub type TagQuery = ListQuery<resource::Tag>;
/// `transaction.list` filters.
pub type TransactionQuery = ListQuery<resource::Transaction>;
/// `satisfaction.list` filters.
pub type SatisfactionQuery = ListQuery<resource::Satisfaction>;
/// `statistic.get` filters.
pub type StatisticQuery = ListQuery<resource::Statistic>;
/// `visitor.list` filters.
pub type VisitorQuery = ListQuery<resource::Visitor>;
/// `callmeeting.list` filters.
pub type CallMeetingQuery = ListQuery<resource::CallMeeting>;

/// Comma-separated identifiers (`website_list=1,2,3`).
pub(crate) fn id_list(ids: impl IntoIterator<Item = i64>) -> String {
    ids.into_iter()
        .map(|id| id.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// Generates the typed filter setters of one resource's query.
macro_rules! filters {
    ($query:ty { $( $(#[$doc:meta])* $method:ident($arg:ident: $ty:ty) => $name:literal, $value:expr; )* }) => {
        impl $query {
            $(
                $(#[$doc])*
                pub fn $method(mut self, $arg: $ty) -> Self {
                    self.set($name, $value);
                    self
                }
            )*
        }
    };
}
pub(crate) use filters;

/// Generates the `from` / `to` setters of queries with a date range.
macro_rules! date_range {
    ($($query:ty),*) => {
        $(
            impl $query {
                /// From this day or time (`filters[from]`).
                pub fn from(mut self, from: impl Into<$crate::query::DateFilter>) -> Self {
                    self.set_from(from.into());
                    self
                }

                /// Up to this day or time (`filters[to]`).
                pub fn to(mut self, to: impl Into<$crate::query::DateFilter>) -> Self {
                    self.set_to(to.into());
                    self
                }
            }
        )*
    };
}
pub(crate) use date_range;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_pages_and_ranges_are_checked() {
        assert!(OperatorQuery::new().limit(100).check().is_ok());
        for bad in [0, 101] {
            let error = OperatorQuery::new()
                .limit(bad)
                .check()
                .expect_err("out of range");
            assert!(matches!(error, Error::InvalidInput { field: Some(f), .. } if f == "limit"));
        }
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a date");
        let mut three = ConversationQuery::new();
        three.set_from(day(2024, 1, 31).into());
        three.set_to(day(2024, 4, 30).into());
        assert!(
            three.check().is_ok(),
            "three months (clamped to month ends) are served"
        );
        let mut four = ConversationQuery::new();
        four.set_from(day(2024, 1, 1).into());
        four.set_to(day(2024, 5, 1).into());
        assert!(
            matches!(four.check(), Err(Error::InvalidInput { field: Some(f), .. }) if f == "to")
        );
        let mut transactions = TransactionQuery::new();
        transactions.set_from(day(2024, 1, 1).into());
        transactions.set_to(day(2024, 12, 1).into());
        assert!(
            transactions.check().is_ok(),
            "only conversations are limited"
        );
    }
}
