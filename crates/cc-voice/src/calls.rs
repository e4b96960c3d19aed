//! Active calls: `calls.list`, `create`, `get`, `update` (answer, transfer, park) and `delete`.

use ccapi_transport::paginate::{Listing, PageCursor};
use ccapi_transport::{Endpoint, Error, Operation, Transport};

use crate::models::{Call, CallChange, CallPage, CallState, CallUpdate, Contact, NewCall};
use crate::operations::{CALLS_CREATE, CALLS_LIST, CALLS_UPDATE};
use crate::pages::{into_page, ListFilter};

/// The active calls of one account; from [`Client::calls`](crate::Client::calls).
#[derive(Debug, Clone)]
pub struct Calls {
    pub(crate) transport: Transport,
    pub(crate) account_id: String,
}

impl Calls {
    pub(crate) fn new(transport: Transport, account_id: &str) -> Self {
        Self {
            transport,
            account_id: account_id.to_owned(),
        }
    }

    /// One page of active calls (`GET /cc/accounts/{account_id}/calls`). Completed calls are in
    /// the Reports API, not here.
    pub async fn list(&self, filter: &ListFilter) -> Result<CallPage, Error> {
        filter.check()?;
        self.fetch(filter, &filter.first_cursor()).await
    }

    /// Every active call, page after page, fetched lazily: `.take(n)` stops early.
    pub fn list_all(&self, filter: &ListFilter) -> Listing<Call> {
        if let Err(error) = filter.check() {
            return Listing::failed(error);
        }
        let (calls, filter) = (self.clone(), filter.clone());
        self.transport.listing(filter.first_cursor(), move |at| {
            let (calls, filter) = (calls.clone(), filter.clone());
            async move {
                let answer = calls.fetch(&filter, &at).await?;
                let path = format!("/cc/accounts/{}/calls", calls.account_id);
                Ok(into_page(answer, &path, &at))
            }
        })
    }

    async fn fetch(&self, filter: &ListFilter, at: &PageCursor) -> Result<CallPage, Error> {
        self.transport
            .execute(
                CALLS_LIST
                    .request()
                    .path_param("account_id", &self.account_id)
                    .query(filter.query_at(at)),
            )
            .await
    }

    /// Places a call (`POST /cc/accounts/{account_id}/calls`) and returns its id.
    pub async fn create(&self, call: &NewCall) -> Result<String, Error> {
        self.transport
            .execute_text(
                CALLS_CREATE
                    .request()
                    .path_param("account_id", &self.account_id)
                    .json(call),
            )
            .await
    }

    /// Answers a ringing call on `device` (`PUT …/calls/{call_id}` with `state: active`).
    pub async fn answer(&self, call_id: &str, device: Contact) -> Result<CallChange, Error> {
        let body = CallUpdate {
            state: Some(CallState::Active),
            to: Some(device),
            from: None,
            extra: Default::default(),
        };
        self.update(call_id, &body).await
    }

    /// Transfers a call from one party to another (`PUT …/calls/{call_id}` with `from` and `to`,
    /// no state).
    pub async fn transfer(
        &self,
        call_id: &str,
        from: Contact,
        to: Contact,
    ) -> Result<CallChange, Error> {
        let body = CallUpdate {
            state: None,
            to: Some(to),
            from: Some(from),
            extra: Default::default(),
        };
        self.update(call_id, &body).await
    }

    /// Parks a call held by `from` (`PUT …/calls/{call_id}` with `state: parked`).
    pub async fn park(&self, call_id: &str, from: Contact) -> Result<CallChange, Error> {
        let body = CallUpdate {
            state: Some(CallState::Parked),
            to: None,
            from: Some(from),
            extra: Default::default(),
        };
        self.update(call_id, &body).await
    }

    /// Sends a `calls.update` body as given (`PUT …/calls/{call_id}`), members this crate does
    /// not model included, once it is one of the documented changes: answer
    /// (`{"state": "active", "to": …}`), transfer (`{"from": …, "to": …}`) or park
    /// (`{"state": "parked", "from": …}`).
    pub async fn update_body(&self, call_id: &str, body: &CallUpdate) -> Result<CallChange, Error> {
        let documented = matches!(
            (&body.state, &body.from, &body.to),
            (Some(CallState::Active), None, Some(_))
                | (None, Some(_), Some(_))
                | (Some(CallState::Parked), Some(_), None)
        );
        if !documented {
            return Err(Error::invalid_input(
                "body",
                "answer is {\"state\": \"active\", \"to\": …}, transfer {\"from\": …, \"to\": …}, \
                 park {\"state\": \"parked\", \"from\": …}",
            ));
        }
        self.update(call_id, body).await
    }

    async fn update(&self, call_id: &str, body: &CallUpdate) -> Result<CallChange, Error> {
        self.transport
            .execute(self.call(&CALLS_UPDATE, call_id).json(body))
            .await
    }

    fn call(&self, row: &Endpoint, call_id: &str) -> Operation {
        row.request()
            .path_param("account_id", &self.account_id)
            .path_param("call_id", call_id)
    }
}
