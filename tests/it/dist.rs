//! The binary for intranet machines: `scripts/dist` links it against glibc 2.17, so it runs on
//! CentOS 7, Kylin V10 and UOS 20, whose glibc is older than the build machine's.

use std::path::Path;
use std::process::Command;

/// The newest `GLIBC_2.N` symbol version an ELF file names (its version needs).
fn newest_glibc(binary: &[u8]) -> Option<(u32, u32)> {
    let needle = b"GLIBC_2.";
    let mut newest = None;
    let mut i = 0;
    while let Some(at) = binary[i..].windows(needle.len()).position(|w| w == needle) {
        let start = i + at + needle.len();
        let digits: String = binary[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .map(|b| *b as char)
            .collect();
        if let Ok(minor) = digits.parse::<u32>() {
            newest = newest.max(Some((2, minor)));
        }
        i = start;
    }
    newest
}

#[test]
fn newest_glibc_is_read_from_version_names() {
    assert_eq!(
        newest_glibc(b"\0GLIBC_2.2.5\0GLIBC_2.17\0GLIBC_2.3\0"),
        Some((2, 17))
    );
    assert_eq!(newest_glibc(b"no versions"), None);
}

/// Builds the whole binary with zig for the new target (15 minutes on 2 cores, even
/// unoptimised: too long for CI's budget), so it runs on demand: `cargo test -- --ignored
/// dist`. It needs zig (PyPI `ziglang`) and cargo-zigbuild, as `scripts/dist` does, which
/// fails by itself when the binary needs a newer glibc.
#[test]
#[ignore = "builds the binary with zig for 15 minutes; run with `cargo test -- --ignored dist`"]
fn issue_16_the_intranet_binary_needs_glibc_2_17_at_most() {
    let have = |cmd: &str, args: &[&str]| {
        Command::new(cmd)
            .args(args)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !(have("cargo-zigbuild", &["--version"]) && have("python3", &["-m", "ziglang", "version"])) {
        assert!(
            std::env::var_os("CI").is_none(),
            "the dist test needs zig and cargo-zigbuild (pip install ziglang; cargo install cargo-zigbuild; .ci/run does)"
        );
        eprintln!("SKIPPED: no zig or cargo-zigbuild here");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Its own target folder: the test run holds the usual one.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dist-target");
    let out = Command::new(root.join("scripts/dist"))
        .env("SKIP_SOURCE", "1")
        // Unoptimised: the same glibc symbols as the release build, in far less CI time.
        .env("PROFILE", "dev")
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("run scripts/dist");
    assert!(
        out.status.success(),
        "scripts/dist failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let binary = std::fs::read(root.join("dist/annals-x86_64-linux-glibc2.17-dev/annals"))
        .expect("the binary");
    assert!(binary.starts_with(b"\x7fELF"), "not an ELF file");
    let newest = newest_glibc(&binary).expect("a glibc binary names versions");
    assert!(
        newest <= (2, 17),
        "it needs GLIBC_{}.{}",
        newest.0,
        newest.1
    );
    let version = Command::new(root.join("dist/annals-x86_64-linux-glibc2.17-dev/annals"))
        .arg("--version")
        .output()
        .expect("run the binary");
    assert!(version.status.success(), "the binary runs here too");
}
