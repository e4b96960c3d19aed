//! Call history (CDRs) and recordings.

use std::path::Path;

use ccapi_transport::{Error, Operation, Query, Transport};
use chrono::NaiveDate;
use tokio::io::AsyncWrite;
use ziwo_core::pages::{self, ListOptions, Listing, Page};

use crate::models::Cdr;
use crate::operations::{CALLS_LIST, RECORDINGS_DOWNLOAD};

/// The filters of `calls.list` beyond [`ListOptions`]. List filters are sent as repeated
/// `name[]` parameters, as `callTrackers[]` is in the seed (an assumption for these).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallFilter {
    from_date: Option<NaiveDate>,
    to_date: Option<NaiveDate>,
    agents: Vec<String>,
    numbers: Vec<String>,
    contact_number: Option<String>,
    datasets: Vec<String>,
}

impl CallFilter {
    /// No filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Calls from this day (`fromDate`).
    pub fn from_date(mut self, day: NaiveDate) -> Self {
        self.from_date = Some(day);
        self
    }

    /// Calls up to this day (`toDate`).
    pub fn to_date(mut self, day: NaiveDate) -> Self {
        self.to_date = Some(day);
        self
    }

    /// Calls of this agent (`agents[]`, repeatable).
    pub fn agent(mut self, agent: impl Into<String>) -> Self {
        self.agents.push(agent.into());
        self
    }

    /// Calls on this number (`numbers[]`, repeatable).
    pub fn number(mut self, number: impl Into<String>) -> Self {
        self.numbers.push(number.into());
        self
    }

    /// Calls with this customer number (`contactNumber`).
    pub fn contact_number(mut self, number: impl Into<String>) -> Self {
        self.contact_number = Some(number.into());
        self
    }

    /// Calls of this dataset (`dataset[]`, repeatable).
    pub fn dataset(mut self, dataset: impl Into<String>) -> Self {
        self.datasets.push(dataset.into());
        self
    }

    fn check(&self) -> Result<(), Error> {
        ziwo_core::days::check(self.from_date, self.to_date)
    }

    fn to_query(&self) -> Query {
        let mut query = Query::new();
        ziwo_core::days::push(&mut query, self.from_date, self.to_date);
        query.push_array("agents", &self.agents);
        query.push_array("numbers", &self.numbers);
        query.push_opt("contactNumber", self.contact_number.as_ref());
        query.push_array("dataset", &self.datasets);
        query
    }
}

/// The call history; from [`Client::calls`](crate::Client::calls).
#[derive(Debug, Clone)]
pub struct Calls {
    pub(crate) transport: Transport,
}

impl Calls {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            transport: transport.clone(),
        }
    }

    /// One page of CDRs (`GET /callHistory`).
    pub async fn list(
        &self,
        options: &ListOptions,
        filter: &CallFilter,
    ) -> Result<Page<Cdr>, Error> {
        options.check()?;
        filter.check()?;
        pages::list(
            &self.transport,
            CALLS_LIST.request(),
            options,
            &filter.to_query(),
            None,
        )
        .await
    }

    /// Every CDR, page after page, fetched lazily.
    pub fn list_all(&self, options: &ListOptions, filter: &CallFilter) -> Listing<Cdr> {
        if let Err(error) = filter.check() {
            return Listing::failed(error);
        }
        pages::list_all(
            &self.transport,
            || CALLS_LIST.request(),
            options.clone(),
            filter.to_query(),
        )
    }

    /// Streams the MP3 recording of `call_id` (the CDR's `callID`) into `writer`
    /// (`GET /surveillance/recordings/{callID}.mp3`), whatever its size, with bounded memory.
    /// Returns the number of bytes written. A JSON failure instead of audio is an error.
    pub async fn download_recording<W>(&self, call_id: &str, writer: &mut W) -> Result<u64, Error>
    where
        W: AsyncWrite + Unpin + Send + ?Sized,
    {
        self.transport.download(recording(call_id), writer).await
    }

    /// [`download_recording`](Self::download_recording) into a file (created or truncated).
    pub async fn download_recording_to_file(
        &self,
        call_id: &str,
        path: &Path,
    ) -> Result<u64, Error> {
        self.transport
            .download_to_file(recording(call_id), path)
            .await
    }
}

fn recording(call_id: &str) -> Operation {
    RECORDINGS_DOWNLOAD.request().path_param("callID", call_id)
}
