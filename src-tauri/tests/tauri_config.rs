//! The Tauri configuration check (issue 10's security suite): a strict
//! content security policy, no remote URL the webview could load, one
//! capability for the one window, and no developer tools in a release build
//! (Tauri turns them on only in debug builds or with its `devtools` feature,
//! which nothing here enables).
//!
//! The capability's exact list of commands is checked in
//! `src/commands.rs` (`the_capability_grants_exactly_the_listed_commands`);
//! this file checks everything around it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn config() -> Value {
    json(&manifest_dir().join("tauri.conf.json"))
}

/// The CSP as directive → sources.
fn csp() -> BTreeMap<String, Vec<String>> {
    let cfg = config();
    let csp = cfg["app"]["security"]["csp"]
        .as_object()
        .expect("app.security.csp is an object of directives");
    csp.iter()
        .map(|(k, v)| {
            let sources = v
                .as_str()
                .expect("each directive is a string")
                .split_whitespace()
                .map(str::to_string)
                .collect();
            (k.clone(), sources)
        })
        .collect()
}

/// Every string in a JSON value, with its path.
fn strings(v: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) => out.push((at.to_string(), s.clone())),
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                strings(x, &format!("{at}[{i}]"), out);
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                strings(x, &format!("{at}.{k}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_csp_allows_only_the_app_itself_and_its_ipc() {
    let csp = csp();
    let expect = |directive: &str, sources: &[&str]| {
        assert_eq!(
            csp.get(directive)
                .unwrap_or_else(|| panic!("the CSP has no {directive}")),
            &sources.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "{directive}"
        );
    };
    expect("default-src", &["'self'"]);
    expect("script-src", &["'self'"]);
    expect("object-src", &["'none'"]);
    expect("base-uri", &["'none'"]);
    expect("form-action", &["'none'"]);
    expect("frame-ancestors", &["'none'"]);
    expect("connect-src", &["ipc:", "http://ipc.localhost"]);
    for (directive, sources) in &csp {
        for s in sources {
            assert!(
                !s.contains("unsafe") && !s.contains('*'),
                "{directive} allows {s}"
            );
            let scheme_only = s.ends_with(':') && !s.contains('/');
            let allowed = s.starts_with('\'')
                || s == "http://ipc.localhost"
                || (scheme_only && ["ipc:", "data:"].contains(&s.as_str()));
            assert!(allowed, "{directive} allows a source outside the app: {s}");
            if s == "data:" {
                assert!(
                    directive == "img-src",
                    "data: is allowed only for images, not {directive}"
                );
            }
        }
    }
}

#[test]
fn the_config_names_no_remote_url() {
    let cfg = config();
    let mut all = Vec::new();
    strings(&cfg, "", &mut all);
    for (at, s) in all {
        if !(s.contains("://")) {
            continue;
        }
        let allowed = at == ".$schema"
            || (at == ".build.devUrl" && s.starts_with("http://localhost:"))
            || s == "http://ipc.localhost"
            || s.contains("ipc: http://ipc.localhost");
        assert!(allowed, "{at} names a URL: {s}");
    }
    // The bundled UI is a local folder; windows are made in Rust from it.
    assert_eq!(cfg["build"]["frontendDist"], "../ui/dist");
    assert_eq!(cfg["app"]["windows"], Value::Array(vec![]));
    let lib = read(&manifest_dir().join("src/lib.rs"));
    assert!(
        lib.contains("WebviewUrl::App(\"index.html\".into())"),
        "the main window loads the bundled UI"
    );
    assert!(!lib.contains("WebviewUrl::External"), "no remote page");
    assert_eq!(cfg["app"]["withGlobalTauri"], false);
    assert_eq!(cfg["app"]["security"]["freezePrototype"], true);
    assert!(
        cfg["app"]["security"]
            .get("dangerousDisableAssetCspModification")
            .is_none(),
        "Tauri's CSP nonces stay on"
    );
}

#[test]
fn one_capability_for_the_one_local_window() {
    let cfg = config();
    assert_eq!(
        cfg["app"]["security"]["capabilities"],
        serde_json::json!(["main"])
    );
    let dir = manifest_dir().join("capabilities");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .expect("capabilities folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, vec!["main.json".to_string()], "no other capability");
    let cap = json(&dir.join("main.json"));
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(cap.get("remote").is_none(), "no remote origin gets the IPC");
    assert!(cap.get("webviews").is_none());
    for p in cap["permissions"].as_array().expect("permissions") {
        let p = p.as_str().expect("a permission is a name");
        assert!(
            p.starts_with("allow-")
                || [
                    "core:event:allow-listen",
                    "core:event:allow-unlisten",
                    "core:window:allow-destroy"
                ]
                .contains(&p),
            "the capability grants {p}"
        );
        assert!(!p.contains("fs:") && !p.contains("shell:") && !p.contains("http:"));
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn release_builds_have_no_developer_tools() {
    let root = manifest_dir().join("..");
    for manifest in [root.join("Cargo.toml"), manifest_dir().join("Cargo.toml")] {
        let text = read(&manifest);
        for line in text.lines().filter(|l| l.trim_start().starts_with("tauri")) {
            assert!(!line.contains("devtools"), "{}: {line}", manifest.display());
        }
    }
    let mut sources = Vec::new();
    rust_files(&manifest_dir().join("src"), &mut sources);
    assert!(sources.len() > 5, "the adapter's sources were found");
    for file in sources {
        let text = read(&file);
        for needle in ["open_devtools", ".devtools(", "WebviewUrl::External"] {
            assert!(!text.contains(needle), "{} calls {needle}", file.display());
        }
    }
}
