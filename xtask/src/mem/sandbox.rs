//! The sandbox's scenarios of `cargo xtask mem`, each against the release `ccapi sandbox`:
//! - a 300 MB form upload (answered 413 without being read), then 64 keep-alive clients;
//! - 300 `PUT`s of 1 MB bodies: the journal keeps its limit, not the bodies (target < 64 MiB);
//! - 20,000 creates: the peak RSS, and how long a get by id of the last one takes;
//! - 300 clients trickling their bodies (a byte every 5 s): how long a normal `GET` waits
//!   (target < 1 s).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ccapi_sandbox::credentials;

use super::{peak_rss, read_headers, UPLOAD};

/// The sandbox under load.
#[derive(Debug)]
pub struct SandboxPeaks {
    /// The status line answered to the upload, and how much was sent.
    pub upload: String,
    /// Peak RSS after the upload, KiB.
    pub after_upload_kib: u64,
    /// Answers the 64 clients received.
    pub answered: u64,
    /// Peak RSS after the clients, KiB.
    pub after_clients_kib: u64,
    /// Peak RSS before and after 300 `PUT`s of 1 MB, KiB.
    pub puts_kib: (u64, u64),
    /// Peak RSS after 20,000 creates, KiB.
    pub creates_kib: u64,
    /// The median get by id of the last created record, over 100 gets.
    pub get_after_creates: Duration,
    /// How long a normal `GET` waited behind 300 trickling clients.
    pub get_behind_tricklers: Duration,
    /// How many of the tricklers the sandbox had answered (408) or closed when the `GET` ran.
    pub tricklers_closed: u64,
}

/// Kills the sandbox when the measurement ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `ccapi sandbox` with `args`; returns it and its address once it listens.
fn start(ccapi: &Path, args: &[&str]) -> Result<(Running, String), String> {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map_err(|err| err.to_string())?
        .port();
    let child = Command::new(ccapi)
        .args(["sandbox", "--port", &port.to_string()])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|err| format!("ccapi sandbox: {err}"))?;
    let sandbox = Running(child);
    let address = format!("127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(&address).is_err() {
        if Instant::now() > deadline {
            return Err("the sandbox did not start listening".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok((sandbox, address))
}

/// Every sandbox scenario.
pub fn measure(ccapi: &Path, seconds: u64) -> Result<SandboxPeaks, String> {
    let (sandbox, address) = start(ccapi, &[])?;
    let upload = upload(&address)?;
    let after_upload_kib = peak_rss(sandbox.0.id())?;
    let answered = clients(&address, seconds);
    let after_clients_kib = peak_rss(sandbox.0.id())?;
    drop(sandbox);

    let (sandbox, address) = start(ccapi, &[])?;
    let before = peak_rss(sandbox.0.id())?;
    puts(&address, 300, 1_000_000)?;
    let puts_kib = (before, peak_rss(sandbox.0.id())?);
    drop(sandbox);

    let (sandbox, address) = start(ccapi, &["--max-records", "30000"])?;
    let last = creates(&address, 20_000)?;
    let creates_kib = peak_rss(sandbox.0.id())?;
    let get_after_creates = median_get(&address, &last, 100)?;
    drop(sandbox);

    let (sandbox, address) = start(ccapi, &[])?;
    let (get_behind_tricklers, tricklers_closed) = behind_tricklers(&address, 300)?;
    drop(sandbox);

    Ok(SandboxPeaks {
        upload,
        after_upload_kib,
        answered,
        after_clients_kib,
        puts_kib,
        creates_kib,
        get_after_creates,
        get_behind_tricklers,
        tricklers_closed,
    })
}

/// Sends one request on a new connection and reads the whole answer; returns the status line
/// and the body.
fn exchange(address: &str, head: &str, body: &[u8]) -> Result<(String, Vec<u8>), String> {
    let stream = TcpStream::connect(address).map_err(|err| err.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|err| err.to_string())?;
    let mut writer = stream.try_clone().map_err(|err| err.to_string())?;
    writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.write_all(body))
        .map_err(|err| err.to_string())?;
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader
        .read_line(&mut status)
        .map_err(|err| format!("no answer: {err}"))?;
    let length = read_headers(&mut reader).ok_or("no headers")?;
    let mut answer = vec![0u8; length];
    reader
        .read_exact(&mut answer)
        .map_err(|err| err.to_string())?;
    Ok((status.trim().to_owned(), answer))
}

/// `count` `PUT`s of a `size`-byte form to a Ziwo eavesdrop call, whose handler reads one field
/// of it (each answered 200, so each body was read): what grows is the journal's copy, if
/// anything.
fn puts(address: &str, count: usize, size: usize) -> Result<(), String> {
    let key = credentials::ZIWO_API_KEY;
    let position = b"positionName=agent-1001";
    let head = format!(
        "POST /ziwo/live/calls/eavesdrop/1001 HTTP/1.1\r\nhost: {address}\r\napi_key: {key}\r\n\
         content-type: application/x-www-form-urlencoded\r\ncontent-length: {}\r\n\
         connection: close\r\n\r\n",
        position.len()
    );
    let (status, answer) = exchange(address, &head, position)?;
    let created: serde_json::Value =
        serde_json::from_slice(&answer).map_err(|err| format!("{status}: {err}"))?;
    let call = created["content"]["callID"]
        .as_str()
        .ok_or_else(|| format!("no eavesdrop call: {status}"))?
        .to_owned();
    let mut body = b"whisper=agent&pad=".to_vec();
    body.resize(size, b'a');
    for n in 0..count {
        let head = format!(
            "PUT /ziwo/live/calls/eavesdrop/{call} HTTP/1.1\r\nhost: {address}\r\napi_key: {key}\r\n\
             content-type: application/x-www-form-urlencoded\r\ncontent-length: {}\r\n\
             connection: close\r\n\r\n",
            body.len()
        );
        let (status, _) = exchange(address, &head, &body)?;
        if !status.contains(" 200 ") {
            return Err(format!("PUT {n}: {status}"));
        }
    }
    Ok(())
}

/// `count` iAdvize visitors created; returns the last one's id.
fn creates(address: &str, count: usize) -> Result<String, String> {
    let mut last = String::new();
    for n in 0..count {
        let body = format!("firstname=Visitor&lastname=N{n}");
        let head = format!(
            "POST /iadvize/api/2/visitor HTTP/1.1\r\nhost: {address}\r\nx-api-key: {}\r\n\
             content-type: application/x-www-form-urlencoded\r\ncontent-length: {}\r\n\
             connection: close\r\n\r\n",
            credentials::IADVIZE_API_KEY,
            body.len()
        );
        let (status, answer) = exchange(address, &head, body.as_bytes())?;
        if !status.contains(" 200 ") {
            return Err(format!("create {n}: {status}"));
        }
        let created: serde_json::Value =
            serde_json::from_slice(&answer).map_err(|err| err.to_string())?;
        last = created["data"]["id"].to_string();
    }
    Ok(last)
}

/// The median time of `count` gets of visitor `id`.
fn median_get(address: &str, id: &str, count: usize) -> Result<Duration, String> {
    let head = format!(
        "GET /iadvize/api/2/visitor/{id} HTTP/1.1\r\nhost: {address}\r\nx-api-key: {}\r\n\
         connection: close\r\n\r\n",
        credentials::IADVIZE_API_KEY
    );
    let mut times = Vec::with_capacity(count);
    for _ in 0..count {
        let start = Instant::now();
        let (status, _) = exchange(address, &head, b"")?;
        times.push(start.elapsed());
        if !status.contains(" 200 ") {
            return Err(format!("get {id}: {status}"));
        }
    }
    times.sort();
    Ok(times[count / 2])
}

/// `count` clients that send a request head and then one body byte every 5 s; after a second,
/// one normal `GET`. Returns how long the `GET` took and how many tricklers were closed by then.
fn behind_tricklers(address: &str, count: usize) -> Result<(Duration, u64), String> {
    let stop = Arc::new(AtomicBool::new(false));
    let closed = Arc::new(AtomicU64::new(0));
    let threads: Vec<_> = (0..count)
        .map(|_| {
            let (stop, closed, address) = (stop.clone(), closed.clone(), address.to_owned());
            std::thread::spawn(move || {
                let Ok(mut stream) = TcpStream::connect(&address) else {
                    return;
                };
                let head = format!(
                    "POST /iadvize/api/2/visitor HTTP/1.1\r\nhost: {address}\r\nx-api-key: {}\r\n\
                     content-type: application/x-www-form-urlencoded\r\ncontent-length: 1000\r\n\r\n",
                    credentials::IADVIZE_API_KEY
                );
                if stream.write_all(head.as_bytes()).is_err() {
                    return;
                }
                let _ = stream.set_read_timeout(Some(Duration::from_millis(100)));
                let mut answer = [0u8; 512];
                let mut next_byte = Instant::now();
                while !stop.load(Ordering::Relaxed) {
                    if Instant::now() >= next_byte {
                        if stream.write_all(b"a").is_err() {
                            break;
                        }
                        next_byte = Instant::now() + Duration::from_secs(5);
                    }
                    match stream.read(&mut answer) {
                        Ok(0) => break,
                        Ok(_) => break,
                        Err(err)
                            if matches!(
                                err.kind(),
                                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                            ) => {}
                        Err(_) => break,
                    }
                }
                if !stop.load(Ordering::Relaxed) {
                    closed.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(1));
    let head = format!(
        "GET /iadvize/api/2/visitor?limit=10 HTTP/1.1\r\nhost: {address}\r\nx-api-key: {}\r\n\
         connection: close\r\n\r\n",
        credentials::IADVIZE_API_KEY
    );
    let start = Instant::now();
    let answered = exchange(address, &head, b"");
    let waited = start.elapsed();
    let closed_by_then = closed.load(Ordering::Relaxed);
    stop.store(true, Ordering::Relaxed);
    for thread in threads {
        let _ = thread.join();
    }
    let (status, _) = answered?;
    if !status.contains(" 200 ") {
        return Err(format!("the GET behind the tricklers: {status}"));
    }
    Ok((waited, closed_by_then))
}

/// Sends a 300 MB form to `POST /iadvize/api/2/visitor` until the sandbox answers or hangs up;
/// returns its status line.
fn upload(address: &str) -> Result<String, String> {
    let mut stream = TcpStream::connect(address).map_err(|err| err.to_string())?;
    let key = ccapi_sandbox::credentials::IADVIZE_API_KEY;
    write!(
        stream,
        "POST /iadvize/api/2/visitor HTTP/1.1\r\nhost: {address}\r\nx-api-key: {key}\r\n\
         content-type: application/x-www-form-urlencoded\r\ncontent-length: {UPLOAD}\r\n\r\n"
    )
    .map_err(|err| err.to_string())?;
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0;
    // The sandbox answers before the body is read; writing then fails or stalls, so write
    // with a timeout and read the answer whatever happened.
    stream
        .set_write_timeout(Some(Duration::from_secs(2)))
        .map_err(|err| err.to_string())?;
    while sent < UPLOAD && stream.write_all(&chunk).is_ok() {
        sent += chunk.len() as u64;
    }
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|err| err.to_string())?;
    let mut line = String::new();
    BufReader::new(stream)
        .read_line(&mut line)
        .map_err(|err| format!("no answer to the upload: {err}"))?;
    Ok(format!(
        "{} after {} MiB sent",
        line.trim(),
        sent / 1024 / 1024
    ))
}

/// 64 keep-alive clients listing visitors for `seconds`; returns the answers received.
fn clients(address: &str, seconds: u64) -> u64 {
    let answered = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let key = ccapi_sandbox::credentials::IADVIZE_API_KEY;
    let threads: Vec<_> = (0..64)
        .map(|_| {
            let (answered, stop, address) = (answered.clone(), stop.clone(), address.to_owned());
            std::thread::spawn(move || {
                let Ok(stream) = TcpStream::connect(&address) else {
                    return;
                };
                let Ok(clone) = stream.try_clone() else {
                    return;
                };
                let (mut writer, mut reader) = (stream, BufReader::new(clone));
                while !stop.load(Ordering::Relaxed) {
                    let request = format!(
                        "GET /iadvize/api/2/visitor?limit=10 HTTP/1.1\r\nhost: {address}\r\nx-api-key: {key}\r\n\r\n"
                    );
                    if writer.write_all(request.as_bytes()).is_err() {
                        return;
                    }
                    let mut status = String::new();
                    if reader.read_line(&mut status).unwrap_or(0) == 0 {
                        return;
                    }
                    let Some(length) = read_headers(&mut reader) else {
                        return;
                    };
                    let mut body = vec![0u8; length];
                    if reader.read_exact(&mut body).is_err() {
                        return;
                    }
                    answered.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(seconds));
    stop.store(true, Ordering::Relaxed);
    for thread in threads {
        let _ = thread.join();
    }
    answered.load(Ordering::Relaxed)
}
