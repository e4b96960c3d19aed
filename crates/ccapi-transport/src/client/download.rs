//! Downloads: a response body streamed to a writer or a file, never held whole.
//!
//! A failure of the writer (a full disk, a closed pipe) is [`Error::LocalIo`]: nothing the
//! provider did, and never worth sending the request again.

use std::path::Path;

use bytes::Bytes;
use reqwest::header::CONTENT_TYPE;
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tracing::Instrument;

use super::{provider_error, request_span, AttemptLimit, Read, Received, Transport};
use crate::error::{Error, RawBody};
use crate::request::Operation;

impl Transport {
    /// Sends `op` and streams the response body into `writer`, never holding it whole.
    /// Returns the number of bytes written.
    ///
    /// [`ClientConfig::total_timeout`](crate::ClientConfig::total_timeout) bounds the whole
    /// download, body included; the per-attempt timeout bounds each wait for the next chunk.
    ///
    /// A JSON answer (a provider failure instead of the file) is read through the envelope
    /// first, so `{"result": false, …}` becomes an error rather than the file's content.
    pub async fn download<W>(&self, op: Operation, writer: &mut W) -> Result<u64, Error>
    where
        W: AsyncWrite + Unpin + Send + ?Sized,
    {
        let span = request_span(&self.inner, &op);
        async {
            let deadline = self.deadline();
            let (mut response, sent) = match self.send(&op, Read::Stream, deadline).await? {
                (Received::Streaming(response), sent) => (response, sent),
                (Received::Buffered { .. }, _) => unreachable!("downloads are not buffered"),
            };
            let status = response.status();
            let is_json = response
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|ct| ct.starts_with("application/json"));
            let mut written = 0u64;
            let mut json_head = Vec::new();
            loop {
                let next = match AttemptLimit::new(self.inner.attempt_timeout, deadline) {
                    AttemptLimit::Unbounded => response.chunk().await,
                    AttemptLimit::PerAttempt(limit) => {
                        tokio::time::timeout(limit, response.chunk())
                            .await
                            .map_err(|_| {
                                Error::timeout(
                                    1,
                                    format!(
                                        "the download stalled: no data for {} (the per-attempt \
                                         timeout, ClientConfig::attempt_timeout)",
                                        crate::error::humantime_secs(limit)
                                    ),
                                )
                            })?
                    }
                    AttemptLimit::Deadline(left) => tokio::time::timeout(left, response.chunk())
                        .await
                        .map_err(|_| {
                            self.deadline_error(
                                1,
                                &format!("after {written} bytes of the download"),
                            )
                        })?,
                };
                let Some(chunk) = next.map_err(|err| Error::from_reqwest(err, 1))? else {
                    break;
                };
                if is_json && json_head.len() < RawBody::LIMIT {
                    json_head.extend_from_slice(&chunk);
                    continue;
                }
                if !json_head.is_empty() {
                    write_all(writer, &json_head).await?;
                    written += json_head.len() as u64;
                    json_head.clear();
                }
                write_all(writer, &chunk).await?;
                written += chunk.len() as u64;
            }
            if !json_head.is_empty() {
                let body = Bytes::from(json_head);
                self.inner.envelope.open(status, &body).map_err(|failure| {
                    super::scrubbed(&sent, &op, provider_error(status, &body, failure))
                })?;
                write_all(writer, &body).await?;
                written += body.len() as u64;
            }
            writer.flush().await.map_err(write_error)?;
            Ok(written)
        }
        .instrument(span)
        .await
    }

    /// Streams the response body of `op` into a new file at `path` (removed again if the
    /// download fails). Returns the number of bytes written.
    pub async fn download_to_file(&self, op: Operation, path: &Path) -> Result<u64, Error> {
        let file = tokio::fs::File::create(path).await.map_err(write_error)?;
        let mut writer = tokio::io::BufWriter::new(file);
        let result = self.download(op, &mut writer).await;
        if result.is_err() {
            drop(writer);
            let _ = tokio::fs::remove_file(path).await;
        }
        result
    }
}

async fn write_all<W: AsyncWrite + Unpin + Send + ?Sized>(
    writer: &mut W,
    bytes: &[u8],
) -> Result<(), Error> {
    writer.write_all(bytes).await.map_err(write_error)
}

fn write_error(err: std::io::Error) -> Error {
    Error::local_io("writing the download", err)
}
