//! The network leaves Chorus for Gephi: GEXF (dynamic, one snapshot per
//! quarter) and GraphML, read back by NetworkX (`.venv`, made by `make
//! test`), with the same sizes and measures as `chorus network metrics`,
//! no names unless asked for, and never the not-yet-engaged label.

use std::path::Path;
use std::process::Command;

fn chorus(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_chorus"));
    c.arg("--db").arg(db);
    c
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?} does not run ({e}): `make test` installs it"));
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn gexf_and_graphml_are_read_back_by_networkx_with_our_measures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    run(chorus(&db).args(["demo", "--people", "250", "--seed", "4", "--as-of", "2026-11-01"]));
    let gexf = dir.path().join("net.gexf");
    let graphml = dir.path().join("net.graphml");
    run(chorus(&db).args(["network", "export", "--snapshots", "quarter", "--count", "3", "--gexf"]).arg(&gexf));
    run(chorus(&db).args(["network", "export", "--days", "365", "--graphml"]).arg(&graphml));
    let py = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/read_network.py");
    let read: serde_json::Value =
        serde_json::from_str(&run(Command::new(py).arg(script).arg(&gexf).arg(&graphml))).unwrap();
    let metrics: serde_json::Value =
        serde_json::from_str(&run(chorus(&db).args(["--json", "network", "metrics", "--days", "365"]))).unwrap();
    let g = &read["graphml"];
    assert_eq!(g["nodes"], metrics["nodes"]);
    assert_eq!(g["edges"], metrics["ties"]);
    assert_eq!(
        g["weight"].as_f64().unwrap(),
        metrics["interactions"].as_f64().unwrap(),
        "weights are interaction counts"
    );
    for p in metrics["people"].as_array().unwrap().iter().filter(|p| p["person_id"].is_number()) {
        let id = format!("p{}", p["person_id"]);
        let theirs = g["pagerank"][&id].as_f64().unwrap();
        assert!((theirs - p["pagerank"].as_f64().unwrap()).abs() < 1e-12, "{id}");
    }
    let segs: Vec<&str> = g["segments"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert!(segs.contains(&"opinion-leader") && !segs.contains(&"not-yet-engaged"), "{segs:?}");
    let x = &read["gexf"];
    assert_eq!((x["mode"].as_str(), x["directed"].as_bool()), (Some("dynamic"), Some(true)));
    assert_eq!(x["spells"].as_array().unwrap().len(), 3, "one spell per quarter: {}", x["spells"]);
    assert!(
        x["labels"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l.as_str().unwrap().starts_with("Person ") || l.as_str().unwrap().starts_with("Account "))
    );
    // No name, no e-mail in either file.
    let text = std::fs::read_to_string(&gexf).unwrap() + &std::fs::read_to_string(&graphml).unwrap();
    for p in metrics["people"].as_array().unwrap().iter().take(50) {
        assert!(!text.contains(p["name"].as_str().unwrap()), "{} is named", p["name"]);
    }
    assert!(!text.contains('@'), "no e-mail address in a file without names");
    // The export is in the log.
    let log = run(chorus(&db).args(["exports"]));
    assert!(log.contains("network GEXF") && log.contains("network GraphML"), "{log}");
}
