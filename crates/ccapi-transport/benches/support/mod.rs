//! A minimal HTTP/1.1 keep-alive server for the overhead benches (this crate's and cc-voice's):
//! it answers every `GET` with the same JSON body, so what is measured is the client.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Serves the same response to every request on every connection, keep-alive.
pub async fn serve(listener: TcpListener, body: String) {
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{}",
        body.len(),
        body
    )
    .into_bytes();
    loop {
        let Ok((mut socket, _)) = listener.accept().await else {
            return;
        };
        let response = response.clone();
        tokio::spawn(async move {
            let mut buffer = vec![0u8; 8192];
            let mut filled = 0;
            loop {
                let Ok(read) = socket.read(&mut buffer[filled..]).await else {
                    return;
                };
                if read == 0 {
                    return;
                }
                filled += read;
                // GET requests have no body: each header block ends one request.
                while let Some(end) = find_end(&buffer[..filled]) {
                    if socket.write_all(&response).await.is_err() {
                        return;
                    }
                    buffer.copy_within(end..filled, 0);
                    filled -= end;
                }
                if filled == buffer.len() {
                    buffer.resize(buffer.len() * 2, 0);
                }
            }
        });
    }
}

fn find_end(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| p + 4)
}
