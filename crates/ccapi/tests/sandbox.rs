//! The sandbox as a downstream service's tests use it: issued tokens expire and the crates'
//! refresh paths recover; each provider's not-found comes in its own shape.

use std::time::Duration;

use ccapi_sandbox::{credentials as sandbox, Options, Sandbox};
use ccapi_transport::ClientConfig;

fn config(url: &str) -> ClientConfig {
    ClientConfig::new(url, "sandbox-tests").expect("a valid URL")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_tokens_are_renewed_by_the_clients() {
    let sandbox = Sandbox::start_with(Options {
        token_ttl: Duration::from_secs(1),
        ..Options::default()
    })
    .await
    .expect("a sandbox");

    let ziwo = ziwo_admin::Client::with_config(
        config(&sandbox.ziwo_url()),
        ziwo_admin::Credentials::login(sandbox::ZIWO_USERNAME, sandbox::ZIWO_PASSWORD.into()),
    )
    .expect("a client");
    ziwo.calls().get("46").await.expect("logged in");

    let session = cc_voice::auth::oauth2_at(
        sandbox.vbc_token_url().parse().expect("a URL"),
        ccapi_transport::auth::Grant::Password {
            username: "sandbox".into(),
            password: sandbox::VBC_PASSWORD.into(),
        },
        sandbox::VBC_CLIENT_ID,
        sandbox::VBC_CLIENT_SECRET.into(),
    )
    .build()
    .expect("a session");
    let voice = cc_voice::Client::with_config(
        config(&sandbox.vbc_url()),
        cc_voice::Credentials::oauth2(session),
    )
    .expect("a client");
    voice
        .devices("1234")
        .get("79-5C-7D-28-1B-B3")
        .await
        .expect("a device");

    // Past the tokens' lifetime: Ziwo answers 401 and the session logs in again; the VBC
    // session renews with its single-use refresh token.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    ziwo.calls().get("46").await.expect("logged in again");
    voice
        .devices("1234")
        .get("79-5C-7D-28-1B-B3")
        .await
        .expect("renewed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_credentials_get_each_providers_auth_error() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let agendize = agendize_calls::Client::with_config(
        config(&sandbox.agendize_url()),
        agendize_calls::Credentials::api_key("wrong".into(), "wrong".into()),
    )
    .expect("a client");
    let error = agendize.call_trackings().list().await.expect_err("refused");
    assert!(
        matches!(error, ccapi_transport::Error::Auth { .. }),
        "{error:?}"
    );

    let iadvize = iadvize_rest::Client::with_config(
        config(&sandbox.iadvize_url()),
        iadvize_rest::Credentials::api_key("wrong".into()),
    )
    .expect("a client");
    let error = iadvize.clients().get(1).await.expect_err("refused");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403));
    assert_eq!(error.provider_message(), Some("Forbidden"));

    let cti = ziwo_cti::Client::with_config(
        config(&sandbox.ziwo_url()),
        ziwo_cti::Credentials::ApiKey("wrong".into()),
    )
    .expect("a client");
    let error = cti.agent("5555").login().await.expect_err("refused");
    assert!(
        matches!(error, ccapi_transport::Error::Auth { .. }),
        "{error:?}"
    );

    let session = cc_voice::auth::oauth2_at(
        sandbox.vbc_token_url().parse().expect("a URL"),
        ccapi_transport::auth::Grant::Password {
            username: "sandbox".into(),
            password: "wrong".into(),
        },
        sandbox::VBC_CLIENT_ID,
        sandbox::VBC_CLIENT_SECRET.into(),
    )
    .build()
    .expect("a session");
    let voice = cc_voice::Client::with_config(
        config(&sandbox.vbc_url()),
        cc_voice::Credentials::oauth2(session),
    )
    .expect("a client");
    let error = voice
        .calls("1234")
        .list(&Default::default())
        .await
        .expect_err("refused");
    assert!(
        matches!(error, ccapi_transport::Error::Auth { .. }),
        "{error:?}"
    );
}
