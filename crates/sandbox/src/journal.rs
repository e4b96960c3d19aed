//! The request journal: every request the sandbox received, for a downstream service's own
//! tests to assert what it sent ([`Sandbox::requests`](crate::Sandbox::requests)).
//!
//! Credentials never enter it: the credential headers and query parameters of the four APIs,
//! and credential members of JSON and form bodies (passwords, client secrets, tokens, codes),
//! are replaced with [`REDACTED`]. It is bounded: the newest
//! [`Options::journal_entries`](crate::Options::journal_entries) requests are kept (older ones
//! are dropped and counted), each body cut at
//! [`Options::journal_body_bytes`](crate::Options::journal_body_bytes).

use std::collections::VecDeque;
use std::sync::Mutex;

use serde_json::{json, Value};

/// What replaces a credential in the journal.
pub const REDACTED: &str = "** redacted **";

/// Header names the four APIs read credentials from, shown in [`Recorded::to_json`] (their
/// values redacted, as every header [`is_credential_member`] names).
const CREDENTIAL_HEADERS: &[&str] = &[
    "authorization",
    "apikey",
    "token",
    "access_token",
    "api_key",
    "x-api-key",
    "cookie",
];

/// The transport's one rule ([`ccapi_transport::redact::is_credential_name`]), restated here
/// because the sandbox does not depend on the transport (an HTTP server needs no HTTP client);
/// a unit test holds the two lists equal.
const SECRET_WORDS: &[&str] = &[
    "password", "passwd", "secret", "token", "key", "jwt", "cookie", "session", "passcode", "auth",
    "bearer",
];
/// See [`SECRET_WORDS`].
const NOT_SECRET: &[&str] = &[
    "tokencount",
    "accesstokenurl",
    "authurl",
    "cryptokeyids",
    "myidkey",
    "basicauth",
    "oauth2auth",
];
/// A token request's fields that are credentials without a secret word in their names.
const GRANT_FORM_CREDENTIALS: &[&str] = &["code", "code_verifier"];

/// Whether a header, query, form or JSON member holds a credential: the transport's one rule,
/// and a token request's `code` and `code_verifier`.
fn is_credential_member(name: &str) -> bool {
    let normalized: String = name
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    (SECRET_WORDS.iter().any(|word| normalized.contains(word))
        && !NOT_SECRET.contains(&normalized.as_str()))
        || GRANT_FORM_CREDENTIALS.contains(&name)
}

/// One request as the sandbox received it, credentials redacted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Recorded {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path from the server's root (`/iadvize/api/2/visitor`), as sent (not decoded).
    pub path: String,
    /// The query pairs, decoded, in order.
    pub query: Vec<(String, String)>,
    /// The headers, in order, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body as text (invalid UTF-8 replaced), cut at the journal's body limit.
    pub body: String,
    /// Whether the body was longer than what is kept (or was not read: over the size limit).
    pub body_truncated: bool,
    /// The status the sandbox answered.
    pub status: u16,
    /// The query parameters the API's document does not declare, which the sandbox ignored as
    /// the real service would ([`Options::strict_parameters`](crate::Options::strict_parameters)
    /// refuses them instead): a test asserts this is empty to catch a misspelt key.
    pub ignored_parameters: Vec<String>,
}

impl Recorded {
    /// A header's value, by name (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The body as JSON, when it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_str(&self.body).ok()
    }

    /// The body as form pairs, decoded, in order.
    pub fn form(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(self.body.as_bytes())
            .into_owned()
            .collect()
    }

    /// The entry as JSON, for snapshots: method, path, query, the headers that matter to the
    /// APIs (not `host`, `user-agent`, `content-length`, `accept`, ...), body and status.
    pub fn to_json(&self) -> Value {
        const SHOWN: &[&str] = &["content-type"];
        let headers: serde_json::Map<String, Value> = self
            .headers
            .iter()
            .filter(|(name, _)| {
                SHOWN.contains(&name.as_str()) || CREDENTIAL_HEADERS.contains(&name.as_str())
            })
            .map(|(name, value)| (name.clone(), Value::from(value.as_str())))
            .collect();
        let query: Vec<Value> = self
            .query
            .iter()
            .map(|(name, value)| json!([name, value]))
            .collect();
        let mut entry = json!({
            "method": self.method,
            "path": self.path,
            "query": query,
            "headers": headers,
            "body": self.json().unwrap_or_else(|| Value::from(self.body.as_str())),
            "status": self.status,
        });
        if !self.ignored_parameters.is_empty() {
            entry["ignored_parameters"] = json!(self.ignored_parameters);
        }
        entry
    }
}

/// The bounded, redacted log of requests a sandbox keeps.
#[derive(Debug)]
pub(crate) struct Journal {
    entries: Mutex<Kept>,
    capacity: usize,
    body_bytes: usize,
    /// Where each entry is also appended as a JSON line.
    file: Option<Mutex<std::fs::File>>,
}

#[derive(Debug, Default)]
struct Kept {
    recent: VecDeque<Recorded>,
    dropped: u64,
}

impl Journal {
    /// A journal of `capacity` entries, each body cut at `body_bytes`, also appended to `file`.
    pub(crate) fn new(
        capacity: usize,
        body_bytes: usize,
        file: Option<&std::path::Path>,
    ) -> std::io::Result<Self> {
        let file = match file {
            Some(path) => Some(Mutex::new(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .map_err(|err| {
                        std::io::Error::new(err.kind(), format!("{}: {err}", path.display()))
                    })?,
            )),
            None => None,
        };
        Ok(Self {
            entries: Mutex::new(Kept::default()),
            capacity,
            body_bytes,
            file,
        })
    }

    fn kept(&self) -> std::sync::MutexGuard<'_, Kept> {
        // A test that panicked while holding the lock leaves a journal still worth reading.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Records one request: `body` is `None` when it was not read.
    pub(crate) fn record(
        &self,
        method: &hyper::Method,
        uri: &hyper::Uri,
        headers: &hyper::HeaderMap,
        body: Option<&[u8]>,
        status: u16,
        ignored_parameters: Vec<String>,
    ) {
        if self.capacity == 0 && self.file.is_none() {
            return;
        }
        let query = url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
            .map(|(name, value)| {
                let value = if is_credential_member(&name) {
                    REDACTED.to_owned()
                } else {
                    value.into_owned()
                };
                (name.into_owned(), value)
            })
            .collect();
        let content_type = headers
            .get(hyper::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_ascii_lowercase);
        let headers = headers
            .iter()
            .map(|(name, value)| {
                let name = name.as_str().to_owned();
                let value = if is_credential_member(&name) {
                    REDACTED.to_owned()
                } else {
                    // A header keeps what a body would: its memory is the journal's limit.
                    let bytes = value.as_bytes();
                    String::from_utf8_lossy(&bytes[..bytes.len().min(self.body_bytes)]).into_owned()
                };
                (name, value)
            })
            .collect();
        let (body, body_truncated) = match body {
            None => (String::new(), true),
            Some(bytes) => {
                let redacted = redact_body(bytes, content_type.as_deref());
                let truncated = redacted.len() > self.body_bytes;
                let mut kept = redacted;
                if truncated {
                    let mut end = self.body_bytes;
                    while !kept.is_char_boundary(end) {
                        end -= 1;
                    }
                    kept.truncate(end);
                    // What the journal keeps is its limit, not the body's whole buffer.
                    kept.shrink_to_fit();
                }
                (kept, truncated)
            }
        };
        let entry = Recorded {
            method: method.to_string(),
            path: uri.path().to_owned(),
            query,
            headers,
            body,
            body_truncated,
            status,
            ignored_parameters,
        };
        if let Some(file) = &self.file {
            use std::io::Write as _;
            let mut file = file.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            // A journal file that cannot be written is not the request's failure.
            let _ = writeln!(file, "{}", entry.to_json());
        }
        if self.capacity == 0 {
            return;
        }
        let mut kept = self.kept();
        if kept.recent.len() == self.capacity {
            kept.recent.pop_front();
            kept.dropped += 1;
        }
        kept.recent.push_back(entry);
    }

    pub(crate) fn requests(&self) -> Vec<Recorded> {
        self.kept().recent.iter().cloned().collect()
    }

    pub(crate) fn dropped(&self) -> u64 {
        self.kept().dropped
    }

    pub(crate) fn clear(&self) {
        let mut kept = self.kept();
        kept.recent.clear();
        kept.dropped = 0;
    }
}

/// The body as text with its credential members replaced: JSON members at any depth, form
/// fields by name. A body that is not JSON is read as a form whatever its `Content-Type` says
/// (the sandbox reads unlabelled forms, so the journal must redact them): when a field names a
/// credential, the form is written back redacted; other text is kept as sent.
fn redact_body(bytes: &[u8], content_type: Option<&str>) -> String {
    let labelled_form =
        content_type.is_some_and(|kind| kind.starts_with("application/x-www-form-urlencoded"));
    if !labelled_form {
        if let Ok(mut value) = serde_json::from_slice::<Value>(bytes) {
            redact_json(&mut value);
            return value.to_string();
        }
    }
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(bytes).into_owned().collect();
    if labelled_form || pairs.iter().any(|(name, _)| is_credential_member(name)) {
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in &pairs {
            let value = if is_credential_member(name) {
                REDACTED
            } else {
                value
            };
            form.append_pair(name, value);
        }
        return form.finish();
    }
    String::from_utf8_lossy(bytes).into_owned()
}

fn redact_json(value: &mut Value) {
    match value {
        Value::Object(members) => {
            for (name, member) in members.iter_mut() {
                if is_credential_member(name) && !member.is_null() {
                    *member = Value::from(REDACTED);
                } else {
                    redact_json(member);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_journal_redacts_by_the_transports_one_rule() {
        use ccapi_transport::redact;
        assert_eq!(SECRET_WORDS, redact::SECRET_WORDS);
        assert_eq!(NOT_SECRET, redact::NOT_SECRET);
        assert_eq!(GRANT_FORM_CREDENTIALS, redact::GRANT_FORM_CREDENTIALS);
        for name in [
            "sipPassword",
            "sessionId",
            "X-API-Key",
            "tokenCount",
            "authUrl",
            "id",
        ] {
            assert_eq!(
                is_credential_member(name),
                redact::is_credential_name(name),
                "{name}"
            );
        }
    }

    fn record(journal: &Journal, uri: &str, headers: &[(&str, &str)], body: &[u8]) {
        let mut map = hyper::HeaderMap::new();
        for (name, value) in headers {
            map.append(
                hyper::header::HeaderName::from_bytes(name.as_bytes()).expect("a name"),
                value.parse().expect("a value"),
            );
        }
        journal.record(
            &hyper::Method::POST,
            &uri.parse().expect("a URI"),
            &map,
            Some(body),
            200,
            Vec::new(),
        );
    }

    #[test]
    fn credentials_are_redacted_in_headers_queries_and_bodies() {
        let journal = Journal::new(10, 1024, None).expect("a journal");
        record(
            &journal,
            "/vbc/token?client_id=app&code=c-1",
            &[
                ("content-type", "application/x-www-form-urlencoded"),
                ("authorization", "Basic c2VjcmV0"),
            ],
            b"grant_type=password&username=jane&password=hunter2&client_secret=s",
        );
        record(
            &journal,
            "/ziwo/auth/login?key=k",
            &[("content-type", "application/json"), ("access_token", "t")],
            br#"{"username": "jane", "password": "hunter2", "nested": {"refresh_token": "r"}}"#,
        );
        let [token, login] = &journal.requests()[..] else {
            panic!("two entries");
        };
        assert_eq!(token.header("Authorization"), Some(REDACTED));
        assert_eq!(
            token.query,
            [
                ("client_id".to_owned(), "app".to_owned()),
                ("code".to_owned(), REDACTED.to_owned())
            ]
        );
        assert_eq!(
            token.form(),
            [
                ("grant_type".to_owned(), "password".to_owned()),
                ("username".to_owned(), "jane".to_owned()),
                ("password".to_owned(), REDACTED.to_owned()),
                ("client_secret".to_owned(), REDACTED.to_owned()),
            ]
        );
        assert_eq!(login.header("access_token"), Some(REDACTED));
        assert_eq!(
            login.json(),
            Some(
                json!({"username": "jane", "password": REDACTED, "nested": {"refresh_token": REDACTED}})
            )
        );
        let everything = format!("{:?}", journal.requests());
        for secret in ["hunter2", "c2VjcmV0", "\"t\"", "c-1", "\"r\""] {
            assert!(!everything.contains(secret), "{secret} in {everything}");
        }
    }

    #[test]
    fn a_form_without_its_content_type_is_redacted_too_and_other_text_kept() {
        let journal = Journal::new(10, 1024, None).expect("a journal");
        record(
            &journal,
            "/ziwo/auth/login",
            &[],
            b"username=jane&password=hunter2",
        );
        record(
            &journal,
            "/vbc/token",
            &[("content-type", "application/json")],
            b"grant_type=client_credentials&client_secret=s3cret",
        );
        record(
            &journal,
            "/note",
            &[("content-type", "text/plain")],
            b"hello world",
        );
        let [login, token, note] = &journal.requests()[..] else {
            panic!("three entries");
        };
        assert_eq!(
            login.body,
            format!("username=jane&password={}", "**+redacted+**")
        );
        assert!(!token.body.contains("s3cret"), "{}", token.body);
        assert_eq!(note.body, "hello world");
    }

    #[test]
    fn the_journal_keeps_the_newest_entries_and_cut_bodies() {
        let journal = Journal::new(2, 8, None).expect("a journal");
        for path in ["/a", "/b", "/c"] {
            record(&journal, path, &[], b"0123456789");
        }
        let kept = journal.requests();
        let paths: Vec<&str> = kept.iter().map(|entry| entry.path.as_str()).collect();
        assert_eq!(paths, ["/b", "/c"]);
        assert_eq!(journal.dropped(), 1);
        assert_eq!(kept[0].body, "01234567");
        assert!(kept[0].body_truncated);
        journal.clear();
        assert!(journal.requests().is_empty());
        assert_eq!(journal.dropped(), 0);

        let off = Journal::new(0, 8, None).expect("a journal");
        record(&off, "/a", &[], b"");
        assert!(off.requests().is_empty());
    }
}
