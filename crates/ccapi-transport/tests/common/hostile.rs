//! A scripted hostile server on 127.0.0.1, for the cases httpmock cannot play: answers that
//! hang, trickle, or echo what they were sent.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A server on 127.0.0.1 running `script` for each connection, counting the requests it read.
pub struct Hostile {
    pub base: String,
    requests: Arc<AtomicUsize>,
}

impl Hostile {
    pub async fn start<F, Fut>(script: F) -> Self
    where
        F: Fn(TcpStream, String) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let address = listener.local_addr().expect("an address");
        let requests = Arc::new(AtomicUsize::new(0));
        let counted = requests.clone();
        let script = Arc::new(script);
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let script = script.clone();
                let counted = counted.clone();
                tokio::spawn(async move {
                    let mut head = vec![0u8; 8192];
                    let read = stream.read(&mut head).await.unwrap_or(0);
                    if read == 0 {
                        return;
                    }
                    counted.fetch_add(1, Ordering::SeqCst);
                    let head = String::from_utf8_lossy(&head[..read]).into_owned();
                    script(stream, head).await;
                });
            }
        });
        Self {
            base: format!("http://{address}"),
            requests,
        }
    }

    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

/// Answers `status` with a JSON body, closing the connection.
pub async fn answer(mut stream: TcpStream, status: &str, extra: &str, body: &str) {
    let text = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Connection: close\r\n{extra}\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(text.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// Holds the connection open without answering.
pub async fn hang(stream: TcpStream) {
    tokio::time::sleep(Duration::from_secs(60)).await;
    drop(stream);
}
