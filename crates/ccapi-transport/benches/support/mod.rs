//! What the overhead benches (this crate's and cc-voice's) share: a minimal HTTP/1.1 keep-alive
//! server that answers every `GET` with the same JSON body, so what is measured is the client,
//! and sampling that interleaves the two sides.

use std::future::Future;
use std::time::{Duration, Instant};

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

/// `samples` timings of each of `sides` sides: `run(side)` is one sample of that side. The
/// side that goes first rotates from one sample to the next, so that none always gets the
/// warmer cache.
pub async fn interleaved<F>(
    samples: usize,
    sides: usize,
    mut run: impl FnMut(usize) -> F,
) -> Vec<Vec<Duration>>
where
    F: Future,
{
    let mut times = vec![Vec::with_capacity(samples); sides];
    for i in 0..samples {
        for k in 0..sides {
            let side = (i + k) % sides;
            let started = Instant::now();
            std::hint::black_box(run(side).await);
            times[side].push(started.elapsed());
        }
    }
    times
}

/// The median of `samples`.
pub fn median(samples: &mut [Duration]) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

/// `BENCH_SAMPLES`, or 2000.
pub fn samples() -> usize {
    std::env::var("BENCH_SAMPLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000)
}

/// The runtime the benches measure on: two workers, as on the 2-core machines.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

/// Starts [`serve`] with `body` on a free port; returns its base URL.
pub async fn start(body: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(serve(listener, body));
    format!("http://{address}")
}
