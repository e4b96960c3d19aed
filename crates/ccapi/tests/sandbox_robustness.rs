//! The sandbox under hostile and careless clients, on 127.0.0.1, bounded in time: numbers that
//! overflow, bodies far over the limit (announced or chunked, to unknown and to real routes),
//! headers that never finish, idle keep-alive connections, and more idle connections than the
//! process has descriptors. Every case gets a bounded, correct answer; the sandbox's memory
//! stays small and a normal request keeps being served, during and after.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ccapi_sandbox::{credentials, Options, Sandbox};

const IADVIZE_VISITORS: &str = "/iadvize/api/2/visitor";

fn connect(address: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect_timeout(&address, Duration::from_secs(2)).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("a read timeout");
    stream
        .set_write_timeout(Some(Duration::from_secs(5)))
        .expect("a write timeout");
    stream
}

/// Sends `head` (and `body`, stopping quietly if the server closes the connection first), then
/// reads one response: its status and body.
fn exchange(stream: &mut TcpStream, head: &str, body: &[u8]) -> (u16, String) {
    stream.write_all(head.as_bytes()).expect("the head is sent");
    for chunk in body.chunks(64 * 1024) {
        if stream.write_all(chunk).is_err() {
            break;
        }
    }
    read_response(stream)
}

fn read_response(stream: &mut TcpStream) -> (u16, String) {
    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).expect("a status line");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not a status line: {status_line:?}"));
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("a header line");
        if line.trim().is_empty() {
            break;
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).expect("the body");
    (status, String::from_utf8_lossy(&body).into_owned())
}

fn get(path: &str, credentials: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: sandbox\r\n{credentials}\r\n")
}

fn iadvize_key() -> String {
    format!("X-API-Key: {}\r\n", credentials::IADVIZE_API_KEY)
}

/// Whether the server closed `stream` (EOF or reset) within `within`.
fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    stream
        .set_read_timeout(Some(within))
        .expect("a read timeout");
    let mut byte = [0u8; 1];
    match stream.read(&mut byte) {
        Ok(0) => true,
        Ok(_) => false,
        Err(error) => !matches!(
            error.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    }
}

#[test]
fn hostile_requests_get_bounded_correct_answers() {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let sandbox = runtime
        .block_on(Sandbox::start_with(Options {
            header_read_timeout: Duration::from_millis(500),
            idle_timeout: Duration::from_millis(800),
            ..Options::default()
        }))
        .expect("a sandbox");
    let address = sandbox.address();

    // Numbers that overflow page arithmetic: the provider's own 400, not a closed connection.
    let (status, body) = exchange(
        &mut connect(address),
        &get(
            &format!("{IADVIZE_VISITORS}?page=18446744073709551615&limit=100"),
            &iadvize_key(),
        ),
        b"",
    );
    assert_eq!(
        (status, body.contains(r#""status":"fail""#)),
        (400, true),
        "{body}"
    );
    let (status, _) = exchange(
        &mut connect(address),
        &get(
            "/vbc/t/vbc.prod/telephony/v3/cc/accounts/1234/calls?page=9223372036854775808",
            "",
        ),
        b"",
    );
    assert_eq!(status, 401, "no credentials: refused before anything else");

    // A gigabyte announced to an unknown route: 404 at once, the body never read.
    let started = Instant::now();
    let (status, _) = exchange(
        &mut connect(address),
        "POST /nowhere HTTP/1.1\r\nHost: sandbox\r\nContent-Length: 1000000000\r\n\r\n",
        &[b'x'; 64 * 1024],
    );
    assert_eq!(status, 404);
    assert!(started.elapsed() < Duration::from_secs(5));

    // 300 MB announced to a real route: 413 in iAdvize's shape, before reading.
    let (status, body) = exchange(
        &mut connect(address),
        &format!(
            "POST {IADVIZE_VISITORS} HTTP/1.1\r\nHost: sandbox\r\n{}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 300000000\r\n\r\n",
            iadvize_key()
        ),
        &[b'x'; 64 * 1024],
    );
    assert_eq!(status, 413, "{body}");
    assert!(body.contains(r#""meta":{"status":"fail""#), "{body}");

    // The same, chunked (no length announced): refused once 1 MiB has been read.
    let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, "x".repeat(64 * 1024));
    let chunked: Vec<u8> = chunk.repeat(40).into_bytes();
    let (status, body) = exchange(
        &mut connect(address),
        &format!(
            "POST {IADVIZE_VISITORS} HTTP/1.1\r\nHost: sandbox\r\n{}Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n",
            iadvize_key()
        ),
        &chunked,
    );
    assert_eq!(status, 413, "{body}");

    // Without credentials, a real route refuses before reading the body.
    let (status, body) = exchange(
        &mut connect(address),
        &format!(
            "POST {IADVIZE_VISITORS} HTTP/1.1\r\nHost: sandbox\r\nContent-Length: 500000\r\n\r\n"
        ),
        &[],
    );
    assert_eq!((status, body.contains("Forbidden")), (403, true), "{body}");

    // Headers that never finish: closed after the header-read timeout.
    let mut slow = connect(address);
    slow.write_all(b"GET /iadvize/api/2/visitor HTTP/1.1\r\nHost: sand")
        .expect("a partial head");
    assert!(
        closed_within(&mut slow, Duration::from_secs(3)),
        "slow headers are cut off"
    );

    // An idle keep-alive connection: closed after the idle timeout; a busy one keeps working.
    let mut idle = connect(address);
    let (status, _) = exchange(&mut idle, &get(IADVIZE_VISITORS, &iadvize_key()), b"");
    assert_eq!(status, 200);
    assert!(
        closed_within(&mut idle, Duration::from_secs(3)),
        "idle connections are closed"
    );

    let (status, _) = exchange(
        &mut connect(address),
        &get(IADVIZE_VISITORS, &iadvize_key()),
        b"",
    );
    assert_eq!(status, 200, "still serving");
    drop(sandbox);
}

/// The `ccapi sandbox` process, started with at most `descriptors` open files.
struct ChildSandbox {
    child: Child,
    address: SocketAddr,
}

impl ChildSandbox {
    fn start(descriptors: u32) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -n {descriptors} && exec \"$0\" sandbox --port {port}"
            ))
            .arg(env!("CARGO_BIN_EXE_ccapi"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the sandbox starts");
        let address: SocketAddr = format!("127.0.0.1:{port}").parse().expect("an address");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
            assert!(Instant::now() < deadline, "the sandbox did not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { child, address }
    }

    /// Resident memory, from `/proc`.
    fn rss_kib(&self) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|status| {
                status
                    .lines()
                    .find_map(|line| line.strip_prefix("VmRSS:"))
                    .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
            })
            .expect("VmRSS")
    }

    /// CPU time used so far (user + system), in clock ticks.
    fn cpu_ticks(&self) -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id()))
            .expect("/proc/PID/stat");
        // Fields after the command name (which may hold spaces) start after the last ')'.
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map(|(_, rest)| rest.split_whitespace().collect())
            .unwrap_or_default();
        // utime and stime are fields 14 and 15 of the file, 12 and 13 after the name.
        fields[11].parse::<u64>().unwrap_or(0) + fields[12].parse::<u64>().unwrap_or(0)
    }
}

impl Drop for ChildSandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn timed_health_check(stream: &mut TcpStream) -> Duration {
    let started = Instant::now();
    let (status, _) = exchange(stream, &get(IADVIZE_VISITORS, &iadvize_key()), b"");
    assert_eq!(status, 200);
    started.elapsed()
}

#[test]
fn out_of_descriptors_it_backs_off_keeps_serving_and_stays_small() {
    let sandbox = ChildSandbox::start(128);
    // A client with a keep-alive connection, opened before the flood.
    let mut regular = connect(sandbox.address);
    timed_health_check(&mut regular);

    // Big bodies first: none of them may grow the process.
    let (status, _) = exchange(
        &mut connect(sandbox.address),
        "POST /nowhere HTTP/1.1\r\nHost: sandbox\r\nContent-Length: 1000000000\r\n\r\n",
        &[b'x'; 256 * 1024],
    );
    assert_eq!(status, 404);
    let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, "x".repeat(64 * 1024));
    let (status, _) = exchange(
        &mut connect(sandbox.address),
        &format!(
            "POST {IADVIZE_VISITORS} HTTP/1.1\r\nHost: sandbox\r\n{}Transfer-Encoding: chunked\r\n\r\n",
            iadvize_key()
        ),
        chunk.repeat(64).as_bytes(),
    );
    assert_eq!(status, 413);

    // More idle connections than the sandbox has descriptors.
    let flood: Vec<TcpStream> = (0..246)
        .filter_map(|_| TcpStream::connect_timeout(&sandbox.address, Duration::from_secs(1)).ok())
        .collect();
    assert!(flood.len() > 128, "{} connections", flood.len());
    std::thread::sleep(Duration::from_millis(300));
    let ticks_before = sandbox.cpu_ticks();
    let mut during = Vec::new();
    for _ in 0..5 {
        during.push(timed_health_check(&mut regular));
        std::thread::sleep(Duration::from_millis(200));
    }
    let ticks_spent = sandbox.cpu_ticks().saturating_sub(ticks_before);
    during.sort();
    eprintln!("health checks during the flood: {during:?}; CPU ticks over ~1 s: {ticks_spent}");
    assert!(
        during[2] < Duration::from_millis(100),
        "the median health check took {:?}",
        during[2]
    );
    // A spinning accept loop burns a whole core: about 100 ticks a second.
    assert!(
        ticks_spent < 50,
        "{ticks_spent} ticks: the accept loop spins"
    );
    let rss = sandbox.rss_kib();
    eprintln!("sandbox RSS during the flood: {rss} KiB");
    assert!(rss < 64 * 1024, "{rss} KiB");

    // After the flood, a new client is served promptly.
    drop(flood);
    std::thread::sleep(Duration::from_millis(200));
    let mut fresh = connect(sandbox.address);
    let after = timed_health_check(&mut fresh);
    eprintln!("health check on a new connection after the flood: {after:?}");
    assert!(after < Duration::from_millis(100), "{after:?}");
    assert!(sandbox.rss_kib() < 64 * 1024);
}
