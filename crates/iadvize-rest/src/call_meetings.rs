//! Call meetings: `callmeeting.list`.

use ccapi_transport::paginate::{Listing, Page};
use ccapi_transport::{Error, Transport};

use crate::collection::Collection;
use crate::models::CallMeeting;
use crate::operations::CALLMEETING_LIST;
use crate::query::{date_range, filters, CallMeetingQuery};

/// Calls visitors booked; from [`Client::call_meetings`](crate::Client::call_meetings).
#[derive(Debug, Clone)]
pub struct CallMeetings {
    collection: Collection,
}

impl CallMeetings {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            collection: Collection::new(transport),
        }
    }

    /// One page (`GET /callmeeting`).
    pub async fn list(&self, query: &CallMeetingQuery) -> Result<Page<CallMeeting>, Error> {
        self.collection.list(&CALLMEETING_LIST, query).await
    }

    /// Every call meeting of every page, fetched lazily.
    pub fn list_all(&self, query: &CallMeetingQuery) -> Listing<CallMeeting> {
        self.collection.list_all(&CALLMEETING_LIST, query)
    }
}

date_range!(CallMeetingQuery);

filters!(CallMeetingQuery {
    /// Website identifier.
    website_id(id: i64) => "website_id", id.to_string();
});
