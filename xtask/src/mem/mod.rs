//! `cargo xtask mem`: peak memory of the release command line and sandbox, measured the way a
//! user meets them (issue 13's targets):
//!
//! 1. `ccapi iadvize-rest visitor list --limit 100 --all --ndjson` over 1,000, 100,000 and
//!    1,000,000 visitors served by a local page server: peak RSS must not grow with the item
//!    count (target < 32 MiB);
//! 2. `ccapi iadvize-rest visitor get` answered with 400 MB of JSON, announced by
//!    `Content-Length` and streamed without one: a typed error as soon as the 32 MiB limit is
//!    passed, and a small peak RSS;
//! 3. `ccapi sandbox` under a 300 MB form upload (answered 413 without being read) and under 64
//!    keep-alive clients for 30 s: peak RSS (target < 64 MiB); after 300 `PUT`s of 1 MB (target
//!    < 64 MiB); after 20,000 creates, with the get by id of the last; and a `GET` behind 300
//!    clients trickling their bodies (target < 1 s): [`sandbox`].
//!
//! Peak RSS is the kernel's own figure: `ru_maxrss` as GNU time (`/usr/bin/time`, Debian
//! package `time`) reports it for a command that ends, `VmHWM` from `/proc/<pid>/status` for the
//! sandbox, which keeps running.

pub mod sandbox;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

const PAGE_SIZE: u64 = 100;
const BIG_ANSWER: u64 = 400 * 1024 * 1024;
pub(crate) const UPLOAD: u64 = 300 * 1024 * 1024;
const KEY: &str = "mem-bench-key";

/// One `--all` listing.
#[derive(Debug)]
pub struct Listed {
    /// Items served.
    pub items: u64,
    /// Lines printed.
    pub lines: u64,
    /// Peak RSS, KiB.
    pub peak_kib: u64,
    /// Wall time, seconds.
    pub seconds: f64,
}

/// One 400 MB answer.
#[derive(Debug)]
pub struct BigAnswer {
    /// `Content-Length` or `chunked`.
    pub how: &'static str,
    /// The exit code.
    pub code: i32,
    /// The last line of stderr.
    pub message: String,
    /// Peak RSS, KiB.
    pub peak_kib: u64,
}

/// What one run measured.
#[derive(Debug)]
pub struct Report {
    /// Per listing size.
    pub listings: Vec<Listed>,
    /// With and without `Content-Length`.
    pub big_answers: Vec<BigAnswer>,
    /// The sandbox.
    pub sandbox: sandbox::SandboxPeaks,
}

/// Cargo's target directory for the workspace at `root`, as `cargo metadata` reports it: it
/// follows `CARGO_TARGET_DIR`, `build.target-dir` in a cargo config, and the default `target/`.
pub fn target_directory(root: &Path) -> Result<std::path::PathBuf, String> {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(root)
        .output()
        .map_err(|err| format!("cargo metadata: {err}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|err| format!("cargo metadata printed no JSON: {err}"))?;
    metadata["target_directory"]
        .as_str()
        .map(std::path::PathBuf::from)
        .ok_or_else(|| "cargo metadata names no target_directory".to_owned())
}

/// Builds the release `ccapi` and measures; `seconds` is how long the 64 clients run.
pub fn measure(root: &Path, seconds: u64, largest: u64) -> Result<Report, String> {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--locked", "-p", "ccapi"])
        .current_dir(root)
        .status()
        .map_err(|err| format!("cargo build: {err}"))?;
    if !status.success() {
        return Err("cargo build --release -p ccapi failed".into());
    }
    let ccapi = target_directory(root)?.join("release/ccapi");
    let server = PageServer::start()?;
    let mut listings = Vec::new();
    for items in [1_000, 100_000, largest] {
        listings.push(listing(&ccapi, &server, items)?);
    }
    let mut big_answers = Vec::new();
    for (how, id) in [("Content-Length", "1"), ("chunked", "2")] {
        big_answers.push(big_answer(&ccapi, &server, how, id)?);
    }
    Ok(Report {
        listings,
        big_answers,
        sandbox: sandbox::measure(&ccapi, seconds)?,
    })
}

/// Serves iAdvize-shaped pages of generated visitors (`/api/2/visitor?page=N&limit=100`, the
/// total in `/total/<n>` before it) and 400 MB answers (`/api/2/visitor/1` and `/2`).
struct PageServer {
    port: u16,
}

impl PageServer {
    fn start() -> Result<Self, String> {
        let listener = TcpListener::bind("127.0.0.1:0").map_err(|err| err.to_string())?;
        let port = listener.local_addr().map_err(|err| err.to_string())?.port();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                std::thread::spawn(move || serve(stream));
            }
        });
        Ok(Self { port })
    }

    fn base_url(&self, total: u64) -> String {
        format!("http://127.0.0.1:{}/total/{total}/api/2", self.port)
    }
}

fn serve(stream: TcpStream) {
    // Each answer goes out in one write; without this, Nagle's algorithm and the client's
    // delayed acknowledgements add 40 ms to every page.
    let _ = stream.set_nodelay(true);
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(clone) => clone,
        Err(_) => return,
    });
    let mut stream = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        // GET requests carry no body.
        if read_headers(&mut reader).is_none() {
            return;
        }
        let target = request_line.split(' ').nth(1).unwrap_or("/");
        let written = if let Some(id) = target.split("/api/2/visitor/").nth(1) {
            big(&mut stream, id.starts_with('1'))
        } else {
            page(&mut stream, target)
        };
        if written.is_err() {
            return;
        }
    }
}

/// Reads header lines up to the blank one; returns the `Content-Length` (0 without one), or
/// `None` when the connection ends first.
pub(crate) fn read_headers(reader: &mut impl BufRead) -> Option<usize> {
    let mut length = 0;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 {
            return None;
        }
        if header == "\r\n" {
            return Some(length);
        }
        if let Some(value) = header.to_ascii_lowercase().strip_prefix("content-length:") {
            length = value.trim().parse().unwrap_or(0);
        }
    }
}

fn page(stream: &mut TcpStream, target: &str) -> std::io::Result<()> {
    let total: u64 = target
        .split('/')
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let number: u64 = target
        .split(['?', '&'])
        .find_map(|pair| pair.strip_prefix("page="))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let pages = total.div_ceil(PAGE_SIZE);
    let first = (number - 1) * PAGE_SIZE;
    let visitors: Vec<String> = (first..(first + PAGE_SIZE).min(total))
        .map(|id| {
            format!(
                r#"{{"id":{id},"unique_id":"u-{id:08}","external_id":"ext-{id}","website_id":4242,"first_name":"Visitor","last_name":"Number {id}","country":"FR","created_at":"2024-05-01 10:00:00"}}"#
            )
        })
        .collect();
    let body = format!(
        r#"{{"meta":{{"status":"success"}},"data":[{}],"pagination":{{"page":{number},"pages":{pages},"limit":{PAGE_SIZE},"count":{total}}}}}"#,
        visitors.join(",")
    );
    let answer = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(answer.as_bytes())
}

/// 400 MB of JSON, with its length announced (visitor 1) or chunked (visitor 2); stops when the
/// client hangs up.
fn big(stream: &mut TcpStream, announced: bool) -> std::io::Result<()> {
    let chunk = vec![b'x'; 64 * 1024];
    let head = br#"{"meta":{"status":"success"},"data":{"id":1,"pad":""#;
    if announced {
        write!(
            stream,
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {BIG_ANSWER}\r\n\r\n"
        )?;
        stream.write_all(head)?;
        let mut sent = head.len() as u64;
        while sent < BIG_ANSWER {
            stream.write_all(&chunk)?;
            sent += chunk.len() as u64;
        }
    } else {
        write!(
            stream,
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
        )?;
        let mut sent = 0;
        while sent < BIG_ANSWER {
            write!(stream, "{:x}\r\n", chunk.len())?;
            stream.write_all(&chunk)?;
            stream.write_all(b"\r\n")?;
            sent += chunk.len() as u64;
        }
        stream.write_all(b"0\r\n\r\n")?;
    }
    Err(std::io::Error::other("one big answer per connection"))
}

/// GNU time, which reports a finished command's peak RSS (`%M`, from the kernel's
/// `ru_maxrss`) without this crate calling into libc.
const GNU_TIME: &str = "/usr/bin/time";

/// Runs `ccapi` with `args` to its end under GNU time, stdout counted (not kept); returns the
/// exit code, the lines of stdout, the last line of ccapi's stderr and the peak RSS in KiB.
fn run_measured(
    ccapi: &Path,
    args: &[&str],
    env: (&str, &str),
) -> Result<(i32, u64, String, u64), String> {
    let mut child: Child = Command::new(GNU_TIME)
        .args(["-f", "peak-rss-kib=%M"])
        .arg(ccapi)
        .args(args)
        .env(env.0, env.1)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| format!("{GNU_TIME} (Debian package `time`): {err}"))?;
    let mut stdout = child.stdout.take().ok_or("no stdout")?;
    let mut stderr = child.stderr.take().ok_or("no stderr")?;
    let lines = std::thread::spawn(move || {
        let mut buffer = vec![0u8; 64 * 1024];
        let mut lines = 0u64;
        while let Ok(read) = stdout.read(&mut buffer) {
            if read == 0 {
                break;
            }
            lines += buffer[..read].iter().filter(|b| **b == b'\n').count() as u64;
        }
        lines
    });
    let mut text = String::new();
    let _ = stderr.read_to_string(&mut text);
    let status = child.wait().map_err(|err| err.to_string())?;
    let lines = lines.join().map_err(|_| "stdout reader")?;
    let mut peak = None;
    let mut last_error = String::new();
    for line in text.lines() {
        // GNU time may append its line to ccapi's last one when that has no newline.
        match line.split_once("peak-rss-kib=") {
            Some((before, kib)) => {
                peak = kib.trim().parse().ok();
                if !before.trim().is_empty() {
                    last_error = before.trim().to_owned();
                }
            }
            None if line.starts_with("Command exited with non-zero status") => {}
            None => last_error = line.to_owned(),
        }
    }
    let peak = peak.ok_or_else(|| format!("no peak RSS from {GNU_TIME}: {text}"))?;
    // GNU time exits with the command's own code.
    Ok((status.code().unwrap_or(-1), lines, last_error, peak))
}

fn listing(ccapi: &Path, server: &PageServer, items: u64) -> Result<Listed, String> {
    let base_url = server.base_url(items);
    let args = [
        "--base-url",
        &base_url,
        "iadvize-rest",
        "visitor",
        "list",
        "--limit",
        "100",
        "--all",
        "--ndjson",
    ];
    let started = Instant::now();
    let (code, lines, error, rss) = run_measured(ccapi, &args, ("IADVIZE_API_KEY", KEY))?;
    if code != 0 || lines != items {
        return Err(format!(
            "{items} items: exit {code}, {lines} lines printed ({error})"
        ));
    }
    Ok(Listed {
        items,
        lines,
        peak_kib: rss,
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn big_answer(
    ccapi: &Path,
    server: &PageServer,
    how: &'static str,
    id: &str,
) -> Result<BigAnswer, String> {
    let base_url = server.base_url(0);
    let args = [
        "--base-url",
        &base_url,
        "iadvize-rest",
        "visitor",
        "get",
        id,
    ];
    let (code, _, error, rss) = run_measured(ccapi, &args, ("IADVIZE_API_KEY", KEY))?;
    Ok(BigAnswer {
        how,
        code,
        message: error,
        peak_kib: rss,
    })
}

/// The sandbox's `VmHWM` (peak resident set) in KiB.
pub(crate) fn peak_rss(pid: u32) -> Result<u64, String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .map_err(|err| format!("/proc/{pid}/status: {err}"))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches(" kB").trim().parse().ok())
        .ok_or_else(|| "no VmHWM".to_owned())
}
