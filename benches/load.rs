//! Load on `annals serve` over loopback: N client threads (default 64) for S seconds (default
//! 60) over a mix of pages, search pages and JSON searches, while a document is edited every
//! 10 s: its title (so `serve` rebuilds and swaps the whole site under the load), then its
//! text (so `serve` replaces its page and index entry in place), in turn. Prints throughput,
//! p50/p99, the rebuilds and updates that happened and every non-200 answer. Bounded in time, 127.0.0.1
//! only. The edited document is restored at the end.
//!
//!     cargo bench --bench load -- SITE_ROOT [SECONDS] [CONNECTIONS]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn get(port: u16, path: &str) -> Option<u16> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    s.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    String::from_utf8_lossy(&raw[..raw.len().min(16)])
        .split(' ')
        .nth(1)?
        .parse()
        .ok()
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(root) = args.first() else {
        eprintln!("usage: cargo bench --bench load -- SITE_ROOT [SECONDS] [CONNECTIONS]");
        return;
    };
    let seconds: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(60);
    let conns: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(64);
    let (mut child, port, lines) = common::serve(std::path::Path::new(root));
    let rebuilds = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let updates = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (counted, counted_updates) = (rebuilds.clone(), updates.clone());
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            if line.starts_with("rebuilt in ") {
                counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            } else if line.starts_with("updated ") {
                counted_updates.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
        }
    });
    let paths = [
        "/",
        "/2025/index.html",
        "/ledger/index.html",
        "/assets/annals.css",
        "/search?q=%E6%96%87%E7%A8%BF%E8%B5%B7%E8%8D%89%E4%B8%8D%E6%B7%B1%E5%85%A5",
        "/api/search?q=%E8%B0%88%E5%BF%83%E8%B0%88%E8%AF%9D",
    ];
    let end = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..conns)
        .map(|t| {
            std::thread::spawn(move || {
                let (mut times, mut errors) = (Vec::new(), Vec::new());
                let mut i = t;
                while Instant::now() < end {
                    let path = paths[i % paths.len()];
                    let t0 = Instant::now();
                    match get(port, path) {
                        Some(200) => times.push(t0.elapsed().as_secs_f64() * 1e3),
                        other => errors.push(format!("{path}: {other:?}")),
                    }
                    i += 1;
                }
                (times, errors)
            })
        })
        .collect();
    // Edits during the load: a new title (a full rebuild, the site swapped), then new text
    // (the page and index entry replaced in place), in turn.
    let edited = common::newest_document(std::path::Path::new(root));
    let original = std::fs::read_to_string(&edited).expect("read the document to edit");
    let mut edits = 0;
    let mut text = original.clone();
    while Instant::now() + Duration::from_secs(10) < end {
        std::thread::sleep(Duration::from_secs(10));
        text = if edits % 2 == 0 {
            text.lines()
                .map(|l| match l.starts_with("title:") {
                    true => format!("title: 负载测试第{edits}次修改的标题"),
                    false => l.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            format!("{text}\n\n负载测试第{edits}次修改。\n")
        };
        std::fs::write(&edited, &text).expect("edit");
        edits += 1;
    }
    let (mut times, mut errors) = (Vec::new(), Vec::new());
    for w in workers {
        let (t, e) = w.join().expect("worker");
        times.extend(t);
        errors.extend(e);
    }
    let elapsed = started.elapsed().as_secs_f64();
    std::fs::write(&edited, &original).expect("restore the edited document");
    let _ = child.kill();
    let _ = child.wait();
    times.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| {
        times
            .get(((times.len().max(1) - 1) as f64 * p) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    println!(
        "{conns} connections, {elapsed:.1} s: {} answers ({:.0}/s), {} errors; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        times.len() as f64 / elapsed,
        errors.len(),
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
    println!(
        "{edits} edits of {} during the load: {} full rebuilds swapped in, {} in-place updates",
        edited.display(),
        rebuilds.load(std::sync::atomic::Ordering::SeqCst),
        updates.load(std::sync::atomic::Ordering::SeqCst)
    );
    for e in errors.iter().take(10) {
        println!("  error {e}");
    }
}
