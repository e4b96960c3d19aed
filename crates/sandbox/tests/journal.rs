//! The request journal, as a downstream service's test uses it: what the service sent, with
//! every credential redacted.

use ccapi_sandbox::journal::REDACTED;
use ccapi_sandbox::{credentials, Options, Sandbox};

#[tokio::test]
async fn the_journal_shows_what_a_service_sent_without_its_credentials() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let iadvize = iadvize_rest::Client::with_config(
        iadvize_rest::ClientConfig::new(&sandbox.iadvize_url(), "my-service/1.0").expect("a URL"),
        iadvize_rest::Credentials::api_key(credentials::IADVIZE_API_KEY.into()),
    )
    .expect("a client");
    iadvize
        .visitors()
        .list(
            &iadvize_rest::query::VisitorQuery::new()
                .limit(2)
                .website_id(4242),
        )
        .await
        .expect("a page");

    let requests = sandbox.requests();
    assert_eq!(requests.len(), 1);
    let sent = &requests[0];
    assert_eq!(sent.header("x-api-key"), Some(REDACTED));
    assert_eq!(sent.header("user-agent"), Some("my-service/1.0"));
    // Sorted: whether serde_json keeps insertion order depends on which crates are built
    // together (the `preserve_order` feature).
    insta::with_settings!({ sort_maps => true }, {
        insta::assert_json_snapshot!("iadvize_visitor_list", sent.to_json());
    });

    // A token request: the client's secret and the user's password stay out.
    sandbox.clear_requests();
    let vbc = cc_voice::Client::with_config(
        cc_voice::ClientConfig::new(&sandbox.vbc_url(), "my-service/1.0").expect("a URL"),
        cc_voice::Credentials::password_at(
            &sandbox.vbc_token_url(),
            credentials::VBC_CLIENT_ID,
            credentials::VBC_CLIENT_SECRET.into(),
            credentials::VBC_USERNAME,
            credentials::VBC_PASSWORD.into(),
        )
        .expect("credentials"),
    )
    .expect("a client");
    vbc.calls(credentials::VBC_ACCOUNT_ID)
        .list(&cc_voice::ListFilter::new())
        .await
        .expect("calls");
    let requests = sandbox.requests();
    let journal = format!("{requests:?}");
    for secret in [
        credentials::VBC_CLIENT_SECRET,
        credentials::VBC_PASSWORD,
        credentials::IADVIZE_API_KEY,
    ] {
        assert!(!journal.contains(secret), "{secret} in the journal");
    }
    let methods_and_paths: Vec<(&str, &str, u16)> = requests
        .iter()
        .map(|entry| (entry.method.as_str(), entry.path.as_str(), entry.status))
        .collect();
    assert_eq!(
        methods_and_paths,
        [
            ("POST", "/vbc/token", 200),
            (
                "GET",
                "/vbc/t/vbc.prod/telephony/v3/cc/accounts/1234/calls",
                200
            )
        ]
    );
    let token_form = requests[0].form();
    assert!(token_form.contains(&("password".to_owned(), REDACTED.to_owned())));
    assert!(token_form.contains(&("grant_type".to_owned(), "password".to_owned())));
    assert_eq!(
        requests[1].header("authorization"),
        Some(REDACTED),
        "the bearer token"
    );
}

#[tokio::test]
async fn the_journal_is_bounded_and_can_be_turned_off() {
    let sandbox = Sandbox::start_with(Options {
        journal_entries: 3,
        ..Options::default()
    })
    .await
    .expect("a sandbox");
    let http = reqwest::Client::new();
    for n in 0..5 {
        http.get(format!("{}/nowhere/{n}", sandbox.url()))
            .send()
            .await
            .expect("an answer");
    }
    let paths: Vec<String> = sandbox.requests().into_iter().map(|e| e.path).collect();
    assert_eq!(paths, ["/nowhere/2", "/nowhere/3", "/nowhere/4"]);
    assert_eq!(sandbox.requests_dropped(), 2);
    assert!(sandbox.requests().iter().all(|entry| entry.status == 404));

    let silent = Sandbox::start_with(Options {
        journal_entries: 0,
        ..Options::default()
    })
    .await
    .expect("a sandbox");
    http.get(format!("{}/nowhere", silent.url()))
        .send()
        .await
        .expect("an answer");
    assert!(silent.requests().is_empty());
}
