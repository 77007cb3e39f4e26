//! Search latency in process: opens a built index and runs every query of a queries file
//! (one a line) several times, printing p50/p99/max. Run through `scripts/bench`:
//!
//!     cargo bench --bench search_latency -- SITE_ROOT QUERIES_FILE [ROUNDS]

use annals::search::{Request, SearchIndex};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let (Some(root), Some(queries)) = (args.first(), args.get(1)) else {
        eprintln!("usage: cargo bench --bench search_latency -- SITE_ROOT QUERIES_FILE [ROUNDS]");
        return;
    };
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let opened = Instant::now();
    let index = SearchIndex::open(&annals::search::index_dir(std::path::Path::new(root)))
        .unwrap_or_else(|f| panic!("open: {:?}", f.0));
    let open_ms = opened.elapsed().as_secs_f64() * 1e3;
    let text = std::fs::read_to_string(queries).expect("queries file");
    let queries: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // One warm-up pass, then timed rounds.
    for q in &queries {
        index.search(&Request::new(q)).expect("search");
    }
    let mut times = Vec::with_capacity(queries.len() * rounds);
    let mut slowest: Vec<(f64, &str, usize)> = Vec::new();
    let mut total_hits = 0usize;
    for _ in 0..rounds {
        for q in &queries {
            let t = Instant::now();
            let r = index.search(&Request::new(q)).expect("search");
            let ms = t.elapsed().as_secs_f64() * 1e3;
            times.push(ms);
            slowest.push((ms, q, r.total));
            total_hits += r.total;
        }
    }
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut seen = std::collections::HashSet::new();
    slowest.retain(|s| seen.insert(s.1));
    times.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!("index open (jieba loads with the first query, in the warm-up): {open_ms:.1} ms");
    println!(
        "queries: {} x {rounds} rounds, mean hits {:.0}; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        queries.len(),
        total_hits as f64 / times.len() as f64,
        pct(0.50),
        pct(0.99),
        times[times.len() - 1]
    );
    let worst: Vec<String> = slowest
        .iter()
        .take(5)
        .map(|(ms, q, n)| format!("{q} ({n} hits, {ms:.1} ms)"))
        .collect();
    println!("slowest: {}", worst.join(", "));
}
