//! A minimal W3C WebDriver client (JSON over HTTP) for Debian's chromedriver driving Debian's
//! headless Chromium: enough to open pages, type, click, run a script and take screenshots.

use super::http::request;
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The element key of the W3C protocol.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver process with one browser session; both end when dropped.
pub(crate) struct Browser {
    driver: Child,
    port: u16,
    session: String,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

impl Browser {
    /// Starts chromedriver and a fresh headless Chromium (own user-data-dir, no network
    /// services, no sandbox since CI runs as root).
    ///
    /// Without Chromium it returns `None` on a developer's machine (the test says it skipped),
    /// but fails under CI (`CI` set), where `.ci/run` installs it.
    pub(crate) fn start(profile: &std::path::Path) -> Option<Browser> {
        let driver_bin =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let present =
            std::path::Path::new(&driver_bin).exists() && std::path::Path::new(&chromium).exists();
        if !present {
            assert!(
                std::env::var_os("CI").is_none(),
                "the browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)"
            );
            eprintln!(
                "SKIPPED: no chromium/chromedriver here (apt-get install chromium chromium-driver)"
            );
            return None;
        }
        let port = free_port();
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--no-first-run", "--disable-sync", "--disable-quic", "--window-size=1280,1000",
                     format!("--user-data-dir={}", profile.display())]
        }}}});
        let mut b = Browser {
            driver,
            port,
            session: String::new(),
        };
        let v = b.call("POST", "/session", Some(caps));
        b.session = v["sessionId"].as_str().expect("session id").to_string();
        Some(b)
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string().into_bytes());
        let r = request(self.port, method, path, &[], body.as_deref());
        let v: Value = serde_json::from_slice(&r.body)
            .unwrap_or_else(|_| panic!("webdriver {path}: {}", r.text()));
        assert!(
            r.status == 200,
            "webdriver {method} {path}: {} {}",
            r.status,
            v
        );
        v["value"].clone()
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    pub(crate) fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }

    pub(crate) fn url(&self) -> String {
        self.cmd("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub(crate) fn find(&self, css: &str) -> String {
        let v = self.cmd(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}"))
            .to_string()
    }

    pub(crate) fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.cmd(
            "POST",
            &format!("/element/{e}/value"),
            Some(json!({ "text": text })),
        );
    }

    pub(crate) fn click(&self, css: &str) {
        let e = self.find(css);
        self.cmd("POST", &format!("/element/{e}/click"), Some(json!({})));
    }

    /// Runs `script` (a function body) in the page and returns its value.
    pub(crate) fn eval(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    /// Runs `script` (a function body whose last argument is a callback) in the page and
    /// returns what it passes to the callback, waiting up to `seconds`.
    pub(crate) fn eval_async(&self, script: &str, seconds: u64) -> Value {
        self.cmd(
            "POST",
            "/timeouts",
            Some(json!({ "script": seconds * 1000 })),
        );
        self.cmd(
            "POST",
            "/execute/async",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    pub(crate) fn set_size(&self, width: u32, height: u32) {
        self.cmd(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        );
    }

    /// A PNG screenshot of the viewport.
    pub(crate) fn screenshot(&self) -> Vec<u8> {
        let b64 = self.cmd("GET", "/screenshot", None);
        decode_base64(b64.as_str().expect("base64"))
    }

    /// The page printed to PDF on A4, as the browser's print dialog would (W3C WebDriver print).
    pub(crate) fn print_pdf(&self) -> Vec<u8> {
        let b64 = self.cmd(
            "POST",
            "/print",
            Some(json!({ "page": { "width": 21.0, "height": 29.7 }, "background": true })),
        );
        decode_base64(b64.as_str().expect("base64"))
    }

    /// Waits until `script` returns true.
    pub(crate) fn wait_for(&self, script: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.eval(script) != Value::Bool(true) {
            assert!(Instant::now() < deadline, "timed out waiting for: {script}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = request(
                self.port,
                "DELETE",
                &format!("/session/{}", self.session),
                &[],
                None,
            );
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn decode_base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = s
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
        .collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, c)| acc | (val(*c) as u32) << (18 - 6 * i));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}
