//! Edit-to-reload latency of `annals serve`: starts it on a site, listens to the live-reload
//! event stream as an open page does, then edits one document's text N times and measures
//! from the write to the moment the page, fetched after its `reload` event, shows the edit.
//! The document is restored at the end. Loopback only.
//!
//!     cargo bench --bench reload -- SITE_ROOT [EDITS]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    String::from_utf8_lossy(&raw).into_owned()
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(root) = args.first() else {
        eprintln!("usage: cargo bench --bench reload -- SITE_ROOT [EDITS]");
        return;
    };
    let edits: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20);
    let root = std::path::PathBuf::from(root);
    let started = Instant::now();
    let (mut child, port, lines) = common::serve(&root);
    println!(
        "serve ready (first build included) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let (tx, log) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });

    // The document: the first of the newest year, as a URL and a file.
    let file = common::newest_document(&root);
    let year = file.parent().expect("a year folder");
    let url = format!(
        "/{}/{}.html",
        year.file_name().unwrap().to_string_lossy(),
        percent_encoding::utf8_percent_encode(
            &file.file_stem().unwrap().to_string_lossy(),
            percent_encoding::NON_ALPHANUMERIC
        )
    );
    let original = std::fs::read_to_string(&file).expect("read the document");

    // An open page's event stream.
    let mut events = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    events
        .write_all(b"GET /__annals/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .expect("subscribe");
    events
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    let mut events = BufReader::new(events);
    let mut times = Vec::new();
    let mut reported = Vec::new();
    for n in 0..edits {
        std::thread::sleep(Duration::from_millis(300));
        let marker = format!("重载测试第{n}次修改");
        let t0 = Instant::now();
        std::fs::write(&file, format!("{original}\n\n{marker}。\n")).expect("edit");
        let mut line = String::new();
        loop {
            line.clear();
            events.read_line(&mut line).expect("event stream");
            if line.trim() == "event: reload" {
                break;
            }
        }
        let page = get(port, &url);
        let ms = t0.elapsed().as_secs_f64() * 1e3;
        assert!(page.contains(&marker), "the page does not show edit {n}");
        times.push(ms);
        while let Ok(l) = log.try_recv() {
            if l.starts_with("updated") || l.starts_with("rebuilt") {
                reported.push(l);
            }
        }
    }
    std::fs::write(&file, &original).expect("restore the document");
    std::thread::sleep(Duration::from_millis(500));
    let _ = child.kill();
    let _ = child.wait();
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{edits} edits of {}: write -> reload event -> page with the edit: p50 {:.1} ms, max {:.1} ms",
        file.display(),
        times[times.len() / 2],
        times[times.len() - 1]
    );
    if let Some(l) = reported.last() {
        println!("server: {l}");
    }
}
