//! Printing results: JSON (pretty), one item per line, or a table; credentials redacted.

use std::io::Write;

use serde_json::Value;

use crate::invocation::Outcome;

/// How to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// A table instead of JSON.
    pub table: bool,
    /// One compact JSON item per line.
    pub ndjson: bool,
    /// Keep credentials found in answers.
    pub show_secrets: bool,
    /// Print a page's paging metadata to stderr (`--page-info`).
    pub page_info: bool,
}

/// What replaces a credential in printed answers.
pub const REDACTED: &str = "** redacted **";

/// The providers' own names for their secrets (`models::SECRET_MEMBERS`, emitted by codegen
/// from each crate's `api.toml`), redacted along with the transport's generic names.
fn provider_secret_names() -> &'static [&'static str] {
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        [
            agendize_calls::models::SECRET_MEMBERS,
            agendize_resellers::models::SECRET_MEMBERS,
            ziwo_core::models::SECRET_MEMBERS,
            ziwo_admin::models::SECRET_MEMBERS,
            ziwo_cti::models::SECRET_MEMBERS,
            ziwo_crm::models::SECRET_MEMBERS,
            iadvize_rest::models::SECRET_MEMBERS,
            cc_voice::models::SECRET_MEMBERS,
        ]
        .concat()
    })
}

/// The credential values this command may have sent: those of the providers' environment
/// variables (set there or by a profile) whose names the transport's one rule calls
/// credentials (`ZIWO_PASSWORD`, `AGENDIZE_API_KEY`, `VBC_CLIENT_SECRET`, ...), addresses
/// excepted (`VBC_TOKEN_URL`). Variables that are not UTF-8 are skipped (no provider
/// credential is; `std::env::vars` would panic on them).
fn sent_credentials() -> &'static [String] {
    static VALUES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    VALUES.get_or_init(|| {
        let mut values: Vec<String> = std::env::vars_os()
            .filter_map(|(name, value)| Some((name.into_string().ok()?, value.into_string().ok()?)))
            .filter(|(name, value)| {
                ["AGENDIZE_", "ZIWO_", "IADVIZE_", "VBC_"]
                    .iter()
                    .any(|prefix| name.starts_with(prefix))
                    && !name.ends_with("_URL")
                    && ccapi_transport::redact::is_credential_name(name)
                    && !value.is_empty()
            })
            .map(|(_, value)| value)
            .collect();
        values.sort_by_key(|value| std::cmp::Reverse(value.len()));
        values
    })
}

/// `message` (an error for stderr) with every credential value this command may have sent
/// replaced.
pub fn scrub_message(message: &str) -> String {
    let secrets: Vec<&str> = sent_credentials().iter().map(String::as_str).collect();
    ccapi_transport::redact::scrub(message, &secrets).into_owned()
}

/// A writer that replaces, line by line, every credential value this command may have sent
/// ([`sent_credentials`]) before it reaches `inner`: an answer can echo a credential under a
/// member name that does not say so, or in text that is not JSON.
pub struct Scrubbed<W: Write> {
    inner: W,
    secrets: Vec<&'static str>,
    line: Vec<u8>,
}

impl<W: Write> Scrubbed<W> {
    /// `inner`, scrubbed unless secrets are to be shown (`--show-secrets`).
    pub fn new(inner: W, show_secrets: bool) -> Self {
        Self::with(
            inner,
            if show_secrets {
                Vec::new()
            } else {
                sent_credentials().iter().map(String::as_str).collect()
            },
        )
    }

    fn with(inner: W, secrets: Vec<&'static str>) -> Self {
        Self {
            inner,
            secrets,
            line: Vec::new(),
        }
    }

    fn write_line(&mut self) -> std::io::Result<()> {
        let line = std::mem::take(&mut self.line);
        let text = String::from_utf8_lossy(&line);
        let clean = ccapi_transport::redact::scrub(&text, &self.secrets);
        self.inner.write_all(clean.as_bytes())
    }
}

impl<W: Write> Write for Scrubbed<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.secrets.is_empty() {
            return self.inner.write(bytes);
        }
        for piece in bytes.split_inclusive(|byte| *byte == b'\n') {
            self.line.extend_from_slice(piece);
            if piece.ends_with(b"\n") {
                self.write_line()?;
            }
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.line.is_empty() {
            self.write_line()?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Scrubbed<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Replaces every credential of `value` with [`REDACTED`], and every credential value this
/// command may have sent, wherever it is in a text, with the transport's placeholder (before a
/// table cuts long texts: a cut secret would no longer be found).
fn redact_secrets(value: &mut Value) {
    ccapi_transport::redact::redact_members(value, REDACTED, provider_secret_names());
    let secrets: Vec<&str> = sent_credentials().iter().map(String::as_str).collect();
    if !secrets.is_empty() {
        scrub_texts(value, &secrets);
    }
}

fn scrub_texts(value: &mut Value, secrets: &[&str]) {
    match value {
        Value::String(text) => {
            if let std::borrow::Cow::Owned(clean) = ccapi_transport::redact::scrub(text, secrets) {
                *text = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| scrub_texts(item, secrets)),
        Value::Object(members) => {
            for member in members.values_mut() {
                scrub_texts(member, secrets);
            }
        }
        _ => {}
    }
}

/// Prints `outcome` to `out` (stdout); progress and notes go to `err`.
pub fn print(
    outcome: Outcome,
    style: Style,
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::io::Result<()> {
    let redact = |mut value: Value| {
        if !style.show_secrets {
            redact_secrets(&mut value);
        }
        value
    };
    match outcome {
        Outcome::Nothing => Ok(()),
        // Text that is not JSON (a number too large, nesting too deep, a bare value) may
        // still hold `"token": "…"`: found by scanning.
        Outcome::Text(text) if !style.show_secrets => writeln!(
            out,
            "{}",
            ccapi_transport::redact::redact_text(&text, REDACTED, provider_secret_names())
        ),
        Outcome::Text(text) => writeln!(out, "{text}"),
        Outcome::Downloaded { bytes, path } => {
            writeln!(err, "wrote {bytes} bytes to {}", path.display())
        }
        Outcome::Value(value) => {
            let value = redact(value);
            if style.table {
                write_table(&[value], out)
            } else if style.ndjson {
                writeln!(out, "{value}")
            } else {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&value).unwrap_or_default()
                )
            }
        }
        Outcome::Page { items, info } => {
            if style.page_info {
                writeln!(err, "page: {}", redact(info))?;
            }
            print(Outcome::List(items), style, out, err)
        }
        Outcome::List(items) => {
            let items: Vec<Value> = items.into_iter().map(redact).collect();
            if style.table {
                write_table(&items, out)
            } else if style.ndjson {
                items.iter().try_for_each(|item| writeln!(out, "{item}"))
            } else {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_default()
                )
            }
        }
    }
}

/// A list printed item by item as its pages arrive (`--all`): one line per item with
/// `--ndjson`, a JSON array written as it goes otherwise (`[`, the items, `]`: valid JSON even
/// when an error stops the listing, since [`StreamedList::finish`] closes it), or tables of up
/// to [`TABLE_CHUNK`] rows. Nothing but the current table chunk is held in memory.
pub struct StreamedList<W: Write> {
    out: W,
    style: Style,
    written: usize,
    pending: Vec<Value>,
}

/// Rows per table when a list is streamed.
pub const TABLE_CHUNK: usize = 100;

impl<W: Write> StreamedList<W> {
    /// Starts the list on `out`.
    pub fn new(out: W, style: Style) -> Self {
        Self {
            out,
            style,
            written: 0,
            pending: Vec::new(),
        }
    }

    /// Prints one item (credentials redacted unless asked).
    pub fn item(&mut self, mut value: Value) -> std::io::Result<()> {
        if !self.style.show_secrets {
            redact_secrets(&mut value);
        }
        if self.style.table {
            self.pending.push(value);
            if self.pending.len() >= TABLE_CHUNK {
                write_table(&std::mem::take(&mut self.pending), &mut self.out)?;
            }
        } else if self.style.ndjson {
            writeln!(self.out, "{value}")?;
        } else {
            let pretty = serde_json::to_string_pretty(&value).unwrap_or_default();
            let separator = if self.written == 0 { "[\n" } else { ",\n" };
            write!(self.out, "{separator}  {}", pretty.replace('\n', "\n  "))?;
        }
        self.written += 1;
        if self.written.is_multiple_of(TABLE_CHUNK) {
            self.out.flush()?;
        }
        Ok(())
    }

    /// Ends the list: closes the JSON array, prints the last table rows, flushes.
    pub fn finish(mut self) -> std::io::Result<()> {
        if self.style.table {
            if !self.pending.is_empty() {
                write_table(&std::mem::take(&mut self.pending), &mut self.out)?;
            }
        } else if !self.style.ndjson {
            if self.written == 0 {
                writeln!(self.out, "[]")?;
            } else {
                writeln!(self.out, "\n]")?;
            }
        }
        self.out.flush()
    }

    /// How many items were printed.
    pub fn count(&self) -> usize {
        self.written
    }
}

fn cell(value: Option<&Value>) -> String {
    let text = match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    };
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(39).collect::<String>())
    } else {
        text
    }
}

/// Objects as rows under the union of their top-level member names; a single object as
/// name/value rows.
fn write_table(items: &[Value], out: &mut impl Write) -> std::io::Result<()> {
    if let [Value::Object(members)] = items {
        let width = members.keys().map(|k| k.chars().count()).max().unwrap_or(0);
        for (name, value) in members {
            writeln!(out, "{name:<width$}  {}", cell(Some(value)))?;
        }
        return Ok(());
    }
    let mut columns: Vec<&str> = Vec::new();
    for item in items {
        if let Value::Object(members) = item {
            for name in members.keys() {
                if !columns.contains(&name.as_str()) {
                    columns.push(name);
                }
            }
        }
    }
    if columns.is_empty() {
        for item in items {
            writeln!(out, "{}", cell(Some(item)))?;
        }
        return Ok(());
    }
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|item| columns.iter().map(|c| cell(item.get(*c))).collect())
        .collect();
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([c.chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<String>| {
        cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    writeln!(
        out,
        "{}",
        line(columns.iter().map(|c| (*c).to_owned()).collect())
    )?;
    for row in rows {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn printed(outcome: Outcome, style: Style) -> String {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        print(outcome, style, &mut out, &mut err).expect("printed");
        String::from_utf8(out).expect("text")
    }

    const JSON: Style = Style {
        table: false,
        ndjson: false,
        show_secrets: false,
        page_info: false,
    };

    #[test]
    fn credentials_are_redacted_unless_asked() {
        let account = json!({"id": "a1", "ssoToken": "live-token"});
        assert!(!printed(Outcome::Value(account.clone()), JSON).contains("live-token"));
        // The providers' own names (from their crates' codegen) and the generic ones.
        let mixed = json!({
            "startRequestAPIKey": "k1", "sso_key": "k2", "ccPassword": 1234,
            "access_token": "k3", "name": "visible"
        });
        let shown: Value =
            serde_json::from_str(&printed(Outcome::Value(mixed), JSON)).expect("JSON");
        assert_eq!(
            shown,
            json!({
                "startRequestAPIKey": REDACTED, "sso_key": REDACTED, "ccPassword": REDACTED,
                "access_token": REDACTED, "name": "visible"
            })
        );
        assert!(printed(
            Outcome::Value(account),
            Style {
                show_secrets: true,
                ..JSON
            }
        )
        .contains("live-token"));
    }

    #[test]
    fn lists_print_as_arrays_lines_or_tables() {
        let items = || {
            vec![
                json!({"id": 1, "name": "a"}),
                json!({"id": 2, "extra": true}),
            ]
        };
        assert_eq!(
            printed(
                Outcome::List(items()),
                Style {
                    ndjson: true,
                    ..JSON
                }
            ),
            "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"extra\":true}\n"
        );
        assert_eq!(
            printed(
                Outcome::List(items()),
                Style {
                    table: true,
                    ..JSON
                }
            ),
            "id  name  extra\n1   a\n2         true\n"
        );
        assert!(printed(Outcome::List(items()), JSON).starts_with("[\n"));
    }

    #[test]
    fn streamed_lists_are_valid_json_item_by_item_and_when_cut_short() {
        let stream = |style: Style, items: Vec<Value>| {
            let mut out = Vec::new();
            let mut list = StreamedList::new(&mut out, style);
            for item in items {
                list.item(item).expect("written");
            }
            list.finish().expect("closed");
            String::from_utf8(out).expect("text")
        };
        let items = || vec![json!({"id": 1, "token": "secret"}), json!({"id": 2})];
        let array = stream(JSON, items());
        let parsed: Value = serde_json::from_str(&array).expect("a JSON array");
        assert_eq!(parsed, json!([{"id": 1, "token": REDACTED}, {"id": 2}]));
        assert_eq!(stream(JSON, Vec::new()), "[]\n");
        let lines = stream(
            Style {
                ndjson: true,
                ..JSON
            },
            items(),
        );
        assert_eq!(lines.lines().count(), 2);
        // Cut short (an error after the first page): what was printed still parses.
        let cut = stream(JSON, vec![json!({"id": 1})]);
        assert_eq!(
            serde_json::from_str::<Value>(&cut).expect("JSON"),
            json!([{"id": 1}])
        );
    }

    #[test]
    fn paging_metadata_goes_to_stderr_on_request() {
        let page = || Outcome::Page {
            items: vec![json!({"id": 1})],
            info: json!({"page": 1, "pages": 3}),
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let asked = Style {
            ndjson: true,
            page_info: true,
            ..JSON
        };
        print(page(), asked, &mut out, &mut err).expect("printed");
        assert_eq!(String::from_utf8_lossy(&out), "{\"id\":1}\n");
        assert_eq!(
            String::from_utf8_lossy(&err),
            "page: {\"page\":1,\"pages\":3}\n"
        );
        let (mut out, mut err) = (Vec::new(), Vec::new());
        print(page(), JSON, &mut out, &mut err).expect("printed");
        assert!(err.is_empty(), "only on request");
    }
}
