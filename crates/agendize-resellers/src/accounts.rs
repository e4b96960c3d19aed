//! The reseller's client accounts: `accounts.list`, `get`, `insert`, `update`, `patch`, `delete`
//! and `watch` from the seed; `change`, `enable`, `disable` and `change_plan` on the `POST` route
//! the official Node client uses (`agendize/nodejs-module`, `api/reseller.js`).

use std::fmt::Display;

use agendize_core::validate::{max_chars, required, web_color};
use ccapi_transport::{Endpoint, Error, ExposeSecret, Query, SecretString, Transport};
use chrono::{DateTime, SecondsFormat, TimeZone};

use crate::models::{
    Account, AccountPatch, AccountStatus, AccountUpdate, Currency, Items, NewAccount, PlanRef,
    Preferences, TagInput, Tool, Watch, WhiteLabel,
};
use crate::operations::{
    ACCOUNTS_CHANGE, ACCOUNTS_CHANGE_PLAN, ACCOUNTS_DISABLE, ACCOUNTS_ENABLE, ACCOUNTS_INSERT,
    ACCOUNTS_LIST, ACCOUNTS_PATCH, ACCOUNTS_UPDATE, ACCOUNTS_WATCH,
};

/// Names, e-mail addresses, tags and white-label texts.
const LONG_TEXT: usize = 255;
/// Passwords, display names and domains.
const SHORT_TEXT: usize = 63;

/// The reseller's client accounts; from [`Client::accounts`](crate::Client::accounts).
#[derive(Clone, Copy)]
pub struct Accounts<'a> {
    pub(crate) transport: &'a Transport,
}

impl<'a> Accounts<'a> {
    pub(crate) fn new(transport: &'a Transport) -> Self {
        Self { transport }
    }

    /// Returns the accounts matching `filter` (`GET /resellers/accounts`; not paged).
    /// `AccountFilter::new()` lists them all.
    pub async fn list(&self, filter: &AccountFilter) -> Result<Vec<Account>, Error> {
        let list: Items<Account> = self
            .transport
            .execute(ACCOUNTS_LIST.request().query(filter.to_query()))
            .await?;
        Ok(list.items)
    }

    /// Whether an account has the user name `user_name` (its e-mail address), as Agendize's Node
    /// module asks before creating one (`api/reseller.js`, `checkIfAccountExist`:
    /// `GET /resellers/accounts?userName=…`): the account when it is the reseller's,
    /// [`AccountLookup::Absent`] on Agendize's `404`, [`AccountLookup::OtherReseller`] on its
    /// `403` (the name is taken, by an account of another reseller). The module reads the
    /// error's `code` whatever the HTTP status: so does this. Any other failure is an error.
    /// Agendize documents no other meaning of a `403` here, but a refused credential could
    /// answer one too, which neither the module nor this can tell apart: a first call of
    /// another operation (`list`) shows whether the credentials are good.
    ///
    /// `hostname` is the reseller's host name, which the module sends with the user name.
    pub async fn lookup(
        &self,
        user_name: &str,
        hostname: Option<&str>,
    ) -> Result<AccountLookup, Error> {
        required("userName", user_name)?;
        let mut filter = AccountFilter::new().user_name(user_name);
        if let Some(hostname) = hostname {
            filter = filter.hostname(hostname);
        }
        match self.list(&filter).await {
            // Only the account of that name: a service that ignored the filter answers others.
            Ok(accounts) => Ok(accounts
                .into_iter()
                .find(|account| {
                    [&account.user_name, &account.email]
                        .into_iter()
                        .flatten()
                        .any(|name| name.eq_ignore_ascii_case(user_name))
                })
                .map_or(AccountLookup::Absent, |account| {
                    AccountLookup::Found(Box::new(account))
                })),
            Err(error) => {
                let code = error
                    .provider_code()
                    .and_then(|code| code.parse::<u16>().ok())
                    .or(error.status().map(|status| status.as_u16()));
                match code {
                    Some(404) => Ok(AccountLookup::Absent),
                    Some(403) => Ok(AccountLookup::OtherReseller),
                    _ => Err(error),
                }
            }
        }
    }

    /// Creates an account (`POST /resellers/accounts`) and returns it.
    pub async fn insert(&self, account: &NewAccount) -> Result<Account, Error> {
        check_new_account(account)?;
        self.transport
            .execute(ACCOUNTS_INSERT.request().json(account))
            .await
    }

    /// Replaces the given members of an account (`PUT /resellers/accounts/{accountId}`) and
    /// returns it.
    pub async fn update(
        &self,
        account_id: &str,
        changes: &AccountUpdate,
    ) -> Result<Account, Error> {
        self.send_changes(&ACCOUNTS_UPDATE, account_id, changes)
            .await
    }

    /// Changes the given members of an account with `POST /resellers/accounts/{accountId}`, the
    /// route the official Node client uses for every change (the seed documents `PUT`:
    /// [`Accounts::update`]). Returns the account.
    pub async fn change(
        &self,
        account_id: &str,
        changes: &AccountUpdate,
    ) -> Result<Account, Error> {
        self.send_changes(&ACCOUNTS_CHANGE, account_id, changes)
            .await
    }

    /// `changes` to one account with `row`: PUT (the seed) or POST (the official client).
    async fn send_changes(
        &self,
        row: &Endpoint,
        account_id: &str,
        changes: &AccountUpdate,
    ) -> Result<Account, Error> {
        check_update(changes)?;
        self.transport
            .execute(
                row.request()
                    .path_param("accountId", account_id)
                    .json(changes),
            )
            .await
    }

    /// Enables a suspended account (`POST …/{accountId}` with `{"status": "enabled"}`, as the
    /// official client's `activeAccount`).
    pub async fn enable(&self, account_id: &str) -> Result<Account, Error> {
        let enabled = status_change(AccountStatus::Enabled);
        self.send_changes(&ACCOUNTS_ENABLE, account_id, &enabled)
            .await
    }

    /// Suspends an account (`POST …/{accountId}` with `{"status": "disabled"}`, as the official
    /// client's `desactiveAccount`).
    pub async fn disable(&self, account_id: &str) -> Result<Account, Error> {
        let disabled = status_change(AccountStatus::Disabled);
        self.send_changes(&ACCOUNTS_DISABLE, account_id, &disabled)
            .await
    }

    /// Moves an account to the Agendize plan `plan_id` (`POST …/{accountId}` with
    /// `{"profile": {"nativePlan": true, "id": plan_id}}`, as the official client's
    /// `changePlan`).
    pub async fn change_plan(&self, account_id: &str, plan_id: &str) -> Result<Account, Error> {
        required("profile.id", plan_id)?;
        let changes = AccountUpdate {
            profile: Some(PlanRef {
                native_plan: Some(true),
                id: plan_id.to_owned(),
                extra: Default::default(),
            }),
            ..AccountUpdate::default()
        };
        self.send_changes(&ACCOUNTS_CHANGE_PLAN, account_id, &changes)
            .await
    }

    /// Adds values to an account's arrays (`PATCH /resellers/accounts/{accountId}`): tags by
    /// identifier, with their colour. Returns the account.
    pub async fn patch(
        &self,
        account_id: &str,
        additions: &AccountPatch,
    ) -> Result<Account, Error> {
        for (index, tag) in additions.tags.iter().flatten().enumerate() {
            if let Some(id) = &tag.id {
                required(&format!("tags[{index}].id"), id)?;
            }
            if let Some(color) = &tag.color {
                web_color(&format!("tags[{index}].color"), color)?;
            }
        }
        self.transport
            .execute(
                ACCOUNTS_PATCH
                    .request()
                    .path_param("accountId", account_id)
                    .json(additions),
            )
            .await
    }

    /// Watches for changes to accounts (`POST /resellers/accounts/watch`): Agendize then
    /// delivers each created or updated account to `watch.address`. Returns the watch.
    pub async fn watch(&self, watch: &Watch) -> Result<Watch, Error> {
        agendize_core::validate::watch(watch)?;
        self.transport
            .execute(ACCOUNTS_WATCH.request().json(watch))
            .await
    }
}

/// What [`Accounts::lookup`] found for a user name.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum AccountLookup {
    /// The reseller's account of that name.
    Found(Box<Account>),
    /// No account has the name (Agendize's `404`).
    Absent,
    /// An account of another reseller has it (Agendize's `403`).
    OtherReseller,
}

/// The documented filters of `accounts.list`; every one is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountFilter {
    search: Option<String>,
    tools: Vec<Tool>,
    status: Option<AccountStatus>,
    created_start_date: Option<String>,
    created_end_date: Option<String>,
    user_name: Option<String>,
    hostname: Option<String>,
}

impl AccountFilter {
    /// No filter: every account.
    pub fn new() -> Self {
        Self::default()
    }

    /// Accounts whose first name, last name, phone number or e-mail address contains `text`
    /// (incomplete values match).
    pub fn search(mut self, text: impl Into<String>) -> Self {
        self.search = Some(text.into());
        self
    }

    /// Accounts with `tool` activated; call again to require several (sent comma-separated).
    pub fn tool(mut self, tool: Tool) -> Self {
        self.tools.push(tool);
        self
    }

    /// Accounts with this status.
    pub fn status(mut self, status: AccountStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Accounts created after `at` (`createdStartDate`, RFC 3339).
    pub fn created_start_date<Tz: TimeZone>(mut self, at: DateTime<Tz>) -> Self
    where
        Tz::Offset: Display,
    {
        self.created_start_date = Some(at.to_rfc3339_opts(SecondsFormat::AutoSi, true));
        self
    }

    /// Accounts created before `at` (`createdEndDate`, RFC 3339).
    pub fn created_end_date<Tz: TimeZone>(mut self, at: DateTime<Tz>) -> Self
    where
        Tz::Offset: Display,
    {
        self.created_end_date = Some(at.to_rfc3339_opts(SecondsFormat::AutoSi, true));
        self
    }

    /// The account whose user name (its e-mail address) is `user_name` (`userName`), as
    /// Agendize's Node module asks (`api/reseller.js`, `checkIfAccountExist`). Agendize then
    /// answers that one account, or a `404` error when no account has the name (a `403` when it
    /// belongs to another reseller): [`Error::status`] tells them apart.
    pub fn user_name(mut self, user_name: impl Into<String>) -> Self {
        self.user_name = Some(user_name.into());
        self
    }

    /// The reseller's host name (`hostname`), which the Node module sends with `userName`.
    pub fn hostname(mut self, hostname: impl Into<String>) -> Self {
        self.hostname = Some(hostname.into());
        self
    }

    fn to_query(&self) -> Query {
        let mut query = Query::new();
        query.push_opt("search", self.search.as_ref());
        if !self.tools.is_empty() {
            let tools: Vec<&str> = self.tools.iter().map(Tool::as_str).collect();
            query.push("tools", tools.join(","));
        }
        query.push_opt("status", self.status.as_ref());
        query.push_opt("createdStartDate", self.created_start_date.as_ref());
        query.push_opt("createdEndDate", self.created_end_date.as_ref());
        query.push_opt("userName", self.user_name.as_ref());
        query.push_opt("hostname", self.hostname.as_ref());
        query
    }
}

fn status_change(status: AccountStatus) -> AccountUpdate {
    AccountUpdate {
        status: Some(status),
        ..AccountUpdate::default()
    }
}

fn check_new_account(account: &NewAccount) -> Result<(), Error> {
    required("email", &account.email)?;
    required("profile.id", &account.profile.id)?;
    max_chars("email", &account.email, LONG_TEXT)?;
    check_common(&CommonMembers {
        first_name: account.first_name.as_deref(),
        last_name: account.last_name.as_deref(),
        password: account.password.as_ref(),
        currency: account.currency.as_ref(),
        preferences: account.preferences.as_ref(),
        tags: account.tags.as_deref(),
    })?;
    if let Some(domain) = &account.domain {
        max_chars("domain", domain, SHORT_TEXT)?;
    }
    check_white_label(account.white_label.as_ref())
}

fn check_white_label(white_label: Option<&WhiteLabel>) -> Result<(), Error> {
    let Some(white_label) = white_label else {
        return Ok(());
    };
    for (field, text) in [
        ("whiteLabel.logoURL", &white_label.logo_url),
        ("whiteLabel.emailAddress", &white_label.email_address),
    ] {
        if let Some(text) = text {
            max_chars(field, text, LONG_TEXT)?;
        }
    }
    Ok(())
}

fn check_update(changes: &AccountUpdate) -> Result<(), Error> {
    if let Some(email) = &changes.email {
        required("email", email)?;
        max_chars("email", email, LONG_TEXT)?;
    }
    if let Some(domain) = &changes.domain {
        max_chars("domain", domain, SHORT_TEXT)?;
    }
    if let Some(profile) = &changes.profile {
        required("profile.id", &profile.id)?;
    }
    check_white_label(changes.white_label.as_ref())?;
    check_common(&CommonMembers {
        first_name: changes.first_name.as_deref(),
        last_name: changes.last_name.as_deref(),
        password: changes.password.as_ref(),
        currency: changes.currency.as_ref(),
        preferences: changes.preferences.as_ref(),
        tags: changes.tags.as_deref(),
    })
}

/// The members insert and update share, checked the same way.
struct CommonMembers<'a> {
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    password: Option<&'a SecretString>,
    currency: Option<&'a Currency>,
    preferences: Option<&'a Preferences>,
    tags: Option<&'a [TagInput]>,
}

fn check_common(members: &CommonMembers<'_>) -> Result<(), Error> {
    if let Some(first_name) = members.first_name {
        max_chars("firstName", first_name, LONG_TEXT)?;
    }
    if let Some(last_name) = members.last_name {
        max_chars("lastName", last_name, LONG_TEXT)?;
    }
    if let Some(password) = members.password {
        // The message carries the length only, never the password.
        max_chars("password", password.expose_secret(), SHORT_TEXT)?;
    }
    if let Some(Currency::Unknown(other)) = members.currency {
        return Err(Error::invalid_input(
            "currency",
            format!("`{other}` is not one of {}", Currency::KNOWN.join(", ")),
        ));
    }
    if let Some(display_name) = members
        .preferences
        .and_then(|preferences| preferences.display_name.as_deref())
    {
        max_chars("preferences.displayName", display_name, SHORT_TEXT)?;
    }
    for (index, tag) in members.tags.unwrap_or_default().iter().enumerate() {
        if let Some(text) = &tag.tag {
            max_chars(&format!("tags[{index}].tag"), text, LONG_TEXT)?;
        }
        if let Some(color) = &tag.color {
            web_color(&format!("tags[{index}].color"), color)?;
        }
    }
    Ok(())
}
