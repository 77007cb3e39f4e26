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

/// The offline source bundle builds on a machine that cannot reach the network: `scripts/dist`
/// makes it (that step downloads every platform's crates once), then it is unpacked and built
/// with an empty `CARGO_HOME` (no registry cache to fall back on), `--offline`, and, where the
/// kernel allows an unprivileged network namespace, with no network at all (`unshare -rn`).
/// Unoptimised and without debug info (3 minutes on 2 cores; the release build compiles the same
/// sources), then the binary it made builds the archive shipped in the bundle.
#[test]
fn issue_16_the_vendored_source_bundle_builds_with_the_network_off() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join(".git").exists() {
        eprintln!("SKIPPED: the bundle is made from git (`git archive HEAD`); no .git here");
        return;
    }
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("vendored-bundle");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(work.join("home")).expect("create the work folder");
    let made = Command::new(root.join("scripts/dist"))
        .env("SKIP_BINARY", "1")
        .env("DIST_DIR", &work)
        .output()
        .expect("run scripts/dist");
    assert!(
        made.status.success(),
        "scripts/dist failed:\n{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let untar = Command::new("tar")
        .arg("-xzf")
        .arg(work.join("annals-src-vendored.tar.gz"))
        .arg("-C")
        .arg(&work)
        .status()
        .expect("run tar");
    assert!(untar.success(), "tar could not unpack the bundle");
    let src = work.join("annals-src");
    assert!(
        src.join("third-party").is_dir() && src.join(".cargo/config.toml").is_file(),
        "the bundle carries its crates and the config that uses them"
    );

    let no_network = Command::new("unshare")
        .args(["-rn", "true"])
        .status()
        .is_ok_and(|s| s.success());
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut build = if no_network {
        let mut c = Command::new("unshare");
        c.args(["-rn", &cargo]);
        c
    } else {
        eprintln!(
            "NOTE: no network namespace here; building with --offline and an empty CARGO_HOME only"
        );
        Command::new(&cargo)
    };
    let built = build
        .args(["build", "--offline", "--locked"])
        .args(["--config", "profile.dev.package.\"*\".opt-level=0"])
        .current_dir(&src)
        .env("CARGO_HOME", work.join("home"))
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .env_remove("RUSTC_WRAPPER")
        .output()
        .expect("run cargo");
    assert!(
        built.status.success(),
        "the bundle did not build offline:\n{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let annals = work.join("target/debug/annals");
    let site = Command::new(&annals)
        .args(["build", "--output"])
        .arg(work.join("public"))
        .current_dir(&src)
        .output()
        .expect("run the bundle's annals");
    assert!(
        site.status.success(),
        "the bundle's annals could not build its archive:\n{}",
        String::from_utf8_lossy(&site.stderr)
    );
    assert!(work.join("public/index.html").is_file());
    let _ = std::fs::remove_dir_all(&work);
}
