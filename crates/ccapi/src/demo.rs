//! `ccapi demo`: starts the sandbox and, for each of the seven crates, performs a real sequence
//! of operations through the crate's public API, printing what it did and the typed results.

use std::io::Write;

use agendize_resellers::accounts::AccountFilter;
use agendize_resellers::models::{AccountUpdate, NewAccount, ProfileRef, TagInput};
use ccapi_sandbox::{credentials as sandbox, Sandbox};
use ccapi_transport::ClientConfig;
use futures::TryStreamExt;

use crate::clients::USER_AGENT;
use crate::invocation::Failure;

/// What `ccapi sandbox` prints: the base URLs and the credentials.
pub fn sandbox_banner(sandbox: &Sandbox) -> String {
    format!(
        "ccapi sandbox on {root}\n\
         \n  agendize-calls, agendize-resellers  {agendize}   apiKey={ak} token={at}\
         \n  ziwo-admin, ziwo-crm, ziwo-cti       {ziwo}   login {zu} / {zp}, api_key={zk}\
         \n  iadvize-rest                         {iadvize}   X-API-Key={ik}\
         \n  cc-voice                             {vbc}\
         \n                                       token {token}   client {vi} / {vs}, user {vu} / {vp}, account {va}\
         \n\nFor the command line (state persists between commands):\
         \n  export CCAPI_SANDBOX_URL={root}\
         \n  ccapi iadvize-rest visitor list\
         \n\nFor the crates' Client::from_env() and their examples:\
         \n  export AGENDIZE_BASE_URL={agendize} AGENDIZE_API_KEY={ak} AGENDIZE_TOKEN={at}\
         \n  export ZIWO_BASE_URL={ziwo} ZIWO_USERNAME={zu} ZIWO_PASSWORD={zp} ZIWO_API_KEY={zk}\
         \n  export IADVIZE_BASE_URL={iadvize} IADVIZE_API_KEY={ik}\
         \n  export VBC_BASE_URL={vbc} VBC_TOKEN_URL={token} VBC_CLIENT_ID={vi} VBC_CLIENT_SECRET={vs} VBC_USERNAME={vu} VBC_PASSWORD={vp}\
         \nCtrl-C stops it.",
        root = sandbox.url(),
        agendize = sandbox.agendize_url(),
        ak = sandbox::AGENDIZE_API_KEY,
        at = sandbox::AGENDIZE_TOKEN,
        ziwo = sandbox.ziwo_url(),
        zu = sandbox::ZIWO_USERNAME,
        zp = sandbox::ZIWO_PASSWORD,
        zk = sandbox::ZIWO_API_KEY,
        iadvize = sandbox.iadvize_url(),
        ik = sandbox::IADVIZE_API_KEY,
        vbc = sandbox.vbc_url(),
        token = sandbox.vbc_token_url(),
        vi = sandbox::VBC_CLIENT_ID,
        vs = sandbox::VBC_CLIENT_SECRET,
        vu = sandbox::VBC_USERNAME,
        vp = sandbox::VBC_PASSWORD,
        va = sandbox::VBC_ACCOUNT_ID,
    )
}

/// Runs the tour against a fresh in-process sandbox.
pub async fn run(out: &mut impl Write) -> Result<(), Failure> {
    let sandbox = Sandbox::start()
        .await
        .map_err(|err| Failure::Broken(format!("the sandbox cannot start: {err}")))?;
    let _ = writeln!(
        out,
        "sandbox started on {} (no network, no account)\n",
        sandbox.url()
    );
    tour(&sandbox, out).await
}

fn config(url: &str) -> Result<ClientConfig, Failure> {
    Ok(ClientConfig::new(url, USER_AGENT)?)
}

macro_rules! say {
    ($out:expr, $($arg:tt)*) => {
        let _ = writeln!($out, $($arg)*);
    };
}

/// The tour: one real sequence per crate.
pub async fn tour(sandbox: &Sandbox, out: &mut impl Write) -> Result<(), Failure> {
    // agendize-calls
    say!(out, "agendize-calls (apiKey + token headers)");
    let calls = agendize_calls::Client::with_config(
        config(&sandbox.agendize_url())?,
        agendize_calls::Credentials::api_key(
            sandbox::AGENDIZE_API_KEY.into(),
            sandbox::AGENDIZE_TOKEN.into(),
        ),
    )?;
    let trackings = calls.call_trackings().list().await?;
    say!(
        out,
        "  calltrackings.list   → {} call tracking numbers",
        trackings.len()
    );
    if let Some(first) = trackings.first() {
        let one = calls.call_trackings().get(&first.id).await?;
        say!(
            out,
            "  calltrackings.get    → {} {:?} → {:?}",
            one.id,
            one.name,
            one.tracking_phone_number
        );
        calls.call_trackings().delete(&first.id).await?;
        let gone = calls
            .call_trackings()
            .get(&first.id)
            .await
            .map(|_| ())
            .unwrap_err_or_default();
        say!(out, "  calltrackings.delete → then get: {gone}");
    }
    let watch = agendize_calls::models::Watch {
        address: "https://hooks.example.com/agendize".into(),
        name: Some("demo".into()),
        ..Default::default()
    };
    let watch = calls.call_trackings().watch(&watch).await?;
    say!(
        out,
        "  calltrackings.watch  → watching, deliveries to {}\n",
        watch.address
    );

    // agendize-resellers
    say!(out, "agendize-resellers");
    let resellers = agendize_resellers::Client::with_config(
        config(&sandbox.agendize_url())?,
        agendize_resellers::Credentials::api_key(
            sandbox::AGENDIZE_API_KEY.into(),
            sandbox::AGENDIZE_TOKEN.into(),
        ),
    )?;
    let accounts = resellers.accounts();
    let created = accounts
        .insert(&NewAccount {
            email: "demo.client@example.com".into(),
            first_name: Some("Demo".into()),
            profile: ProfileRef {
                id: "pro".into(),
                extra: Default::default(),
            },
            password: Some("demo-password".into()),
            tags: Some(vec![TagInput {
                tag: Some("demo".into()),
                color: Some("#3366ff".into()),
                extra: Default::default(),
            }]),
            ..Default::default()
        })
        .await?;
    say!(
        out,
        "  accounts.insert      → {} ({:?})",
        created.id,
        created.user_name
    );
    let found = accounts.list(&AccountFilter::new().search("demo")).await?;
    say!(
        out,
        "  accounts.list        → {} account(s) matching \"demo\"",
        found.len()
    );
    let by_email = accounts.get("demo.client@example.com").await?;
    say!(
        out,
        "  accounts.get         → by user name: {}",
        by_email.id
    );
    let updated = accounts
        .update(
            &created.id,
            &AccountUpdate {
                last_name: Some("Client".into()),
                ..Default::default()
            },
        )
        .await?;
    say!(
        out,
        "  accounts.update      → last name {:?}",
        updated.last_name
    );
    accounts.delete(&created.id).await?;
    let gone = accounts
        .get(&created.id)
        .await
        .map(|_| ())
        .unwrap_err_or_default();
    say!(out, "  accounts.delete      → then get: {gone}\n");

    // ziwo-admin
    say!(out, "ziwo-admin (login session)");
    let admin = ziwo_admin::Client::with_config(
        config(&sandbox.ziwo_url())?,
        ziwo_admin::Credentials::login(sandbox::ZIWO_USERNAME, sandbox::ZIWO_PASSWORD.into()),
    )?;
    let user = admin.auth().login().await?;
    say!(
        out,
        "  auth.login           → {:?} {:?} (token kept, redacted)",
        user.first_name,
        user.kind
    );
    let input: ziwo_admin::models::CallTrackerInput = serde_json::from_value(serde_json::json!({
        "name": "demo-tracker",
        "startRequestURL": "https://ct.example.com/start",
        "endRequestURL": "https://ct.example.com/end",
        "startRequestTimeout": 5000
    }))
    .map_err(|err| Failure::Broken(err.to_string()))?;
    let tracker = admin.call_trackers().create(&input).await?;
    say!(out, "  calltrackers.create  → id {:?}", tracker.id());
    admin.call_trackers().block("demo-tracker").await?;
    let status = admin.call_trackers().test("demo-tracker").await?;
    say!(
        out,
        "  calltrackers.block, test → {:?}",
        status.get("start")
    );
    let listed: Vec<_> = admin
        .call_trackers()
        .list_all(&ziwo_admin::pages::ListOptions::new().limit(1))
        .try_collect()
        .await?;
    say!(
        out,
        "  calltrackers.list    → {} trackers, fetched one per page",
        listed.len()
    );
    admin.call_trackers().delete("demo-tracker").await?;
    let cdrs = admin
        .calls()
        .list(
            &ziwo_admin::pages::ListOptions::new().limit(10),
            &Default::default(),
        )
        .await?;
    say!(
        out,
        "  calls.list           → {} CDR(s) (total {:?})",
        cdrs.items.len(),
        cdrs.total
    );
    if let Some(call_id) = cdrs.items.first().and_then(|c| c.call_id.clone()) {
        let mut sink = Vec::new();
        let bytes = admin
            .calls()
            .download_recording(&call_id, &mut sink)
            .await?;
        say!(
            out,
            "  recordings.download  → {bytes} bytes of MP3, streamed"
        );
    }
    admin.auth().logout().await?;
    say!(out, "  auth.logout          → session ended\n");

    // ziwo-cti
    say!(out, "ziwo-cti (api_key)");
    let cti = ziwo_cti::Client::with_config(
        config(&sandbox.ziwo_url())?,
        ziwo_cti::Credentials::ApiKey(sandbox::ZIWO_API_KEY.into()),
    )?;
    let agent = cti.agent("5555");
    agent.login().await?;
    agent
        .set_status(ziwo_cti::AgentStatus::Available, Some("demo"))
        .await?;
    agent.call("00971501234567", Some("demo call")).await?;
    let current = agent.current_call().await?;
    say!(
        out,
        "  agents.login, status, call, current_call → {:?}",
        current.queue_info.map(|q| format!(
            "{} {}",
            q.call_id.unwrap_or_default(),
            q.call_state.unwrap_or_default()
        ))
    );
    agent.logout().await?;
    say!(out, "  agents.logout\n");

    // ziwo-crm
    say!(out, "ziwo-crm");
    let crm = ziwo_crm::Client::with_config(
        config(&sandbox.ziwo_url())?,
        ziwo_crm::Credentials::login(sandbox::ZIWO_USERNAME, sandbox::ZIWO_PASSWORD.into()),
    )?;
    let profile = crm
        .profiles()
        .create(&ziwo_crm::models::Record::new().with("firstName", "Layla"))
        .await?;
    let number = crm
        .numbers()
        .create(&ziwo_crm::models::Record::new().with("number", "00971501234567"))
        .await?;
    let (profile_id, number_id) = (
        profile.id().unwrap_or_default(),
        number.id().unwrap_or_default(),
    );
    crm.profiles()
        .link(&profile_id, ziwo_crm::Entity::Number, &number_id)
        .await?;
    let customers = crm
        .customers()
        .search(&ziwo_crm::CustomerSearch::new().phone("00971501234567"))
        .await?;
    say!(
        out,
        "  profiles.create, numbers.create, link, customers.search → {} customer(s)",
        customers.items.len()
    );
    crm.profiles()
        .unlink(&profile_id, ziwo_crm::Entity::Number, &number_id)
        .await?;
    crm.profiles().delete(&profile_id).await?;
    say!(out, "  profiles.unlink, delete\n");

    // iadvize-rest
    say!(out, "iadvize-rest (X-API-Key)");
    let iadvize = iadvize_rest::Client::with_config(
        config(&sandbox.iadvize_url())?,
        iadvize_rest::Credentials::api_key(sandbox::IADVIZE_API_KEY.into()),
    )?;
    let visitor = iadvize
        .visitors()
        .create(&iadvize_rest::models::VisitorInput {
            firstname: Some("Hugo".into()),
            email: Some("hugo@example.org".into()),
            website_id: Some(1),
            ..Default::default()
        })
        .await?;
    say!(out, "  visitor.create       → id {}", visitor.id);
    let visitors: Vec<_> = iadvize
        .visitors()
        .list_all(&iadvize_rest::query::VisitorQuery::new().limit(1))
        .try_collect()
        .await?;
    say!(
        out,
        "  visitor.list         → {} visitors, one per page",
        visitors.len()
    );
    iadvize.visitors().delete(visitor.id).await?;
    let live = iadvize.operators().live(123).await?;
    say!(
        out,
        "  operator.live_get    → operator 123 connected: {:?}",
        live.connected
    );
    if let Some(conversation) = iadvize
        .conversations()
        .list(&iadvize_rest::query::ConversationQuery::new().limit(1))
        .await?
        .items
        .first()
    {
        let messages = conversation.history.as_ref().map_or(0, Vec::len);
        say!(
            out,
            "  conversation.list    → conversation {} with {messages} typed messages",
            conversation.id
        );
    }
    let rows = iadvize
        .statistics()
        .get(
            &iadvize_rest::query::StatisticQuery::new()
                .indicators([iadvize_rest::models::Indicator::ContactNumber]),
        )
        .await?;
    say!(
        out,
        "  statistic.get        → contact_number per row: {:?}\n",
        rows.iter()
            .map(|r| r.value(&iadvize_rest::models::Indicator::ContactNumber))
            .collect::<Vec<_>>()
    );

    // cc-voice
    say!(out, "cc-voice (OAuth2 password grant)");
    let session = cc_voice::auth::oauth2_at(
        sandbox
            .vbc_token_url()
            .parse()
            .map_err(|err| Failure::Broken(format!("{err}")))?,
        ccapi_transport::auth::Grant::Password {
            username: "sandbox".into(),
            password: sandbox::VBC_PASSWORD.into(),
        },
        sandbox::VBC_CLIENT_ID,
        sandbox::VBC_CLIENT_SECRET.into(),
    )
    .build()?;
    let voice = cc_voice::Client::with_config(
        config(&sandbox.vbc_url())?,
        cc_voice::Credentials::oauth2(session),
    )?;
    let account = sandbox::VBC_ACCOUNT_ID;
    let call_id = voice
        .calls(account)
        .create(&cc_voice::models::NewCall {
            from: cc_voice::models::Contact::extension("1001"),
            to: cc_voice::models::Contact::pstn("15551234567"),
            call_type: cc_voice::models::CallType::ClickToDial,
            extra: Default::default(),
        })
        .await?;
    say!(
        out,
        "  calls.create         → {call_id} (the user name got its @vbc.prod suffix)"
    );
    let call = voice.calls(account).get(&call_id).await?;
    let legs = call.legs.unwrap_or_default();
    say!(
        out,
        "  calls.get            → {:?} with {} legs",
        call.status,
        legs.len()
    );
    if let Some(leg) = legs.first() {
        voice
            .legs(account, &call_id)
            .update(&leg.leg_id, &cc_voice::models::LegAction::Hold)
            .await?;
        let again = voice
            .legs(account, &call_id)
            .update(&leg.leg_id, &cc_voice::models::LegAction::Hold)
            .await;
        say!(
            out,
            "  legs.update hold     → held; again → conflict: {}",
            again.err().is_some_and(|e| e.is_conflict())
        );
    }
    let answered = voice
        .calls(account)
        .answer(&call_id, cc_voice::models::Contact::device("1001"))
        .await?;
    say!(out, "  calls.update answer  → {:?}", answered.call_state);
    let all: Vec<_> = voice
        .calls(account)
        .list_all(&cc_voice::ListFilter::new().page_size(1))
        .try_collect()
        .await?;
    say!(
        out,
        "  calls.list           → {} active calls, one per page",
        all.len()
    );
    voice.calls(account).delete(&call_id).await?;
    let device = voice.devices(account).get("79-5C-7D-28-1B-B3").await?;
    say!(
        out,
        "  calls.delete; devices.get → {:?} last registered {:?}",
        device.mac_address,
        device.last_success.and_then(|t| t.utc())
    );
    say!(out, "\nEvery crate ran against the sandbox.");
    Ok(())
}

/// The error of a result expected to fail, as text for the tour.
trait ErrText {
    fn unwrap_err_or_default(self) -> String;
}

impl ErrText for Result<(), ccapi_transport::Error> {
    fn unwrap_err_or_default(self) -> String {
        match self {
            Ok(()) => "still there".to_owned(),
            Err(err) => format!(
                "{} ({})",
                err.provider_message().unwrap_or("refused"),
                err.status().map(|s| s.as_u16()).unwrap_or(0)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_tour_runs_every_crate_against_the_sandbox() {
        let mut out = Vec::new();
        super::run(&mut out)
            .await
            .unwrap_or_else(|failure| panic!("{}", failure.message()));
        let text = String::from_utf8(out).expect("text");
        for expected in [
            "calltrackings.delete → then get: Call tracking not found (404)",
            "accounts.delete      → then get: Account not found (404)",
            "auth.login",
            "recordings.download  → 262154 bytes",
            "current_call → Some(\"cti-5555-00971501234567 active\")",
            "customers.search → 1 customer(s)",
            "visitor.list         → 3 visitors, one per page",
            "again → conflict: true",
            "Every crate ran against the sandbox.",
        ] {
            assert!(text.contains(expected), "missing `{expected}` in:\n{text}");
        }
    }
}
