//! Call trackers: list, get (by id or name), create, update, block, unblock, delete, request
//! logs and test.

use ccapi_transport::{BoolStyle, Error, Form, Query, Transport};
use chrono::NaiveDate;
use ziwo_core::pages::{self, ListOptions, Listing, Page};

use crate::models::{CallTracker, CallTrackerInput, Record};
use crate::operations::{
    CALLTRACKERS_CREATE, CALLTRACKERS_LIST, CALLTRACKERS_LOGS, CALLTRACKERS_TEST,
    CALLTRACKERS_UPDATE,
};

/// The call trackers; from [`Client::call_trackers`](crate::Client::call_trackers).
#[derive(Debug, Clone)]
pub struct CallTrackers {
    pub(crate) transport: Transport,
}

impl CallTrackers {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            transport: transport.clone(),
        }
    }

    /// One page (`GET /admin/callTrackers`).
    pub async fn list(&self, options: &ListOptions) -> Result<Page<CallTracker>, Error> {
        options.check()?;
        pages::list(
            &self.transport,
            CALLTRACKERS_LIST.request(),
            options,
            &Query::new(),
            None,
        )
        .await
    }

    /// Every call tracker, page after page, fetched lazily.
    pub fn list_all(&self, options: &ListOptions) -> Listing<CallTracker> {
        pages::list_all(
            &self.transport,
            || CALLTRACKERS_LIST.request(),
            options.clone(),
            Query::new(),
        )
    }

    /// Creates a call tracker (`POST /admin/callTrackers`, form-encoded); `name` and
    /// `startRequestURL` are required. Returns what Ziwo answers (undocumented, kept whole).
    pub async fn create(&self, input: &CallTrackerInput) -> Result<Record, Error> {
        check(input, true)?;
        let form = Form::from_serialize(input, BoolStyle::Words)?;
        self.transport
            .execute(CALLTRACKERS_CREATE.request().form(&form))
            .await
    }

    /// Updates a call tracker (`PUT /admin/callTrackers/{idOrName}`, form-encoded).
    pub async fn update(&self, id_or_name: &str, input: &CallTrackerInput) -> Result<(), Error> {
        check(input, false)?;
        let form = Form::from_serialize(input, BoolStyle::Words)?;
        self.transport
            .execute_empty(
                CALLTRACKERS_UPDATE
                    .request()
                    .path_param("idOrName", id_or_name)
                    .form(&form),
            )
            .await?;
        Ok(())
    }

    /// The request logs of call trackers (`GET /admin/callTrackers/logs`). Their shape is not
    /// documented: each log is kept whole.
    pub async fn logs(&self, query: &LogQuery) -> Result<Vec<Record>, Error> {
        query.check()?;
        let list: crate::models::Listed<Record> = self
            .transport
            .execute(CALLTRACKERS_LOGS.request().query(query.to_query()))
            .await?;
        Ok(list.0)
    }

    /// Tests a call tracker (`PUT /admin/callTrackers/{id}/test`): Ziwo calls its start and end
    /// URLs with a dummy call and returns the status of the test (kept whole: undocumented).
    pub async fn test(&self, id: &str) -> Result<Record, Error> {
        let form = Form::new();
        self.transport
            .execute(CALLTRACKERS_TEST.request().path_param("id", id).form(&form))
            .await
    }
}

fn check(input: &CallTrackerInput, creating: bool) -> Result<(), Error> {
    if creating {
        if input
            .name
            .as_deref()
            .is_none_or(|name| name.trim().is_empty())
        {
            return Err(Error::invalid_input(
                "name",
                "required to create a call tracker",
            ));
        }
        if input.start_request_url.is_none() {
            return Err(Error::invalid_input(
                "startRequestURL",
                "required to create a call tracker",
            ));
        }
    }
    for (field, url) in [
        ("startRequestURL", &input.start_request_url),
        ("endRequestURL", &input.end_request_url),
    ] {
        if let Some(url) = url {
            ccapi_transport::validate::http_url(field, url)?;
        }
    }
    Ok(())
}

/// The filters of `calltrackers.logs`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogQuery {
    from_date: Option<NaiveDate>,
    to_date: Option<NaiveDate>,
    fetch_start: Option<u64>,
    fetch_stop: Option<u64>,
    call_trackers: Vec<i64>,
}

impl LogQuery {
    /// Every log.
    pub fn new() -> Self {
        Self::default()
    }

    /// From this day (`fromDate`).
    pub fn from_date(mut self, day: NaiveDate) -> Self {
        self.from_date = Some(day);
        self
    }

    /// Up to this day (`toDate`).
    pub fn to_date(mut self, day: NaiveDate) -> Self {
        self.to_date = Some(day);
        self
    }

    /// Start at this log (`fetchStart`).
    pub fn fetch_start(mut self, start: u64) -> Self {
        self.fetch_start = Some(start);
        self
    }

    /// This many logs (`fetchStop`).
    pub fn fetch_stop(mut self, count: u64) -> Self {
        self.fetch_stop = Some(count);
        self
    }

    /// Logs of this call tracker (`callTrackers[]`, repeatable).
    pub fn call_tracker(mut self, id: i64) -> Self {
        self.call_trackers.push(id);
        self
    }

    fn check(&self) -> Result<(), Error> {
        ziwo_core::days::check(self.from_date, self.to_date)
    }

    fn to_query(&self) -> Query {
        let mut query = Query::new();
        ziwo_core::days::push(&mut query, self.from_date, self.to_date);
        query.push_opt("fetchStart", self.fetch_start);
        query.push_opt("fetchStop", self.fetch_stop);
        query.push_array("callTrackers", &self.call_trackers);
        query
    }
}
