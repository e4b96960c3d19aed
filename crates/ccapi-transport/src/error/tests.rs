use bytes::Bytes;
use reqwest::StatusCode;

use super::*;

#[test]
fn raw_body_is_bounded_and_says_so() {
    let body = RawBody::new(Bytes::from(vec![b'a'; RawBody::LIMIT + 10]));
    assert_eq!(body.as_bytes().len(), RawBody::LIMIT);
    assert_eq!(body.total_len(), RawBody::LIMIT + 10);
    assert!(body.is_truncated());
    assert!(body.excerpt().ends_with('…'));
}

#[test]
fn display_names_field_and_status() {
    let err = Error::invalid_input("name", "longer than 128 characters");
    assert_eq!(
        err.to_string(),
        "invalid input for `name`: longer than 128 characters"
    );
    let err = Error::Http {
        status: StatusCode::NOT_FOUND,
        message: Some("Account not found".into()),
        code: Some("404".into()),
        body: RawBody::new(Bytes::from_static(b"{}")),
        retry_after: None,
        attempts: 1,
    };
    assert_eq!(err.to_string(), "HTTP 404 Not Found: Account not found");
    assert!(err.is_not_found());
    assert!(!err.is_retryable());
}

#[test]
fn refusals_of_credentials_are_told_apart() {
    let http = |status: StatusCode| Error::Http {
        status,
        message: None,
        code: None,
        body: RawBody::new(Bytes::new()),
        retry_after: None,
        attempts: 1,
    };
    let forbidden = http(StatusCode::FORBIDDEN);
    assert!(forbidden.is_forbidden() && !forbidden.is_unauthorized());
    let auth = Error::Auth {
        status: Some(StatusCode::UNAUTHORIZED),
        message: "token expired".into(),
        body: None,
    };
    assert!(auth.is_unauthorized() && !auth.is_forbidden());
    assert!(http(StatusCode::UNAUTHORIZED).is_unauthorized());
    assert!(!http(StatusCode::NOT_FOUND).is_unauthorized());
}
