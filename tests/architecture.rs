//! The map of the house, checked: every `use` and path of the core, the CLI
//! and the desktop shell is read (with `syn`, so groups, nested modules and
//! `#[cfg(test)]` code are understood), and the rules of ARCHITECTURE.md are
//! enforced on the production code. A failure names the file, the line and
//! the rule; there is no exception list.
//!
//! The rules:
//! 1. The shell (`src-tauri/src`) and the CLI (`src/bin`) never reach the
//!    store: they call `app` (which re-exports the `Db` handle).
//! 2. The store knows only model types: never `app`, `report`, `charts`,
//!    `network` or `champions` (what it keeps for them lives in `model`,
//!    `privacy` and the pure areas below them: `activity`, `directory`,
//!    `ingest`, `segments`).
//! 3. Only `app` (and the store itself) speak to the store: readers,
//!    measures, charts, decks and every pure area never do.
//! 4. No cycle among the top-level modules of the core.
//! 5. No area of `app` imports another; they share the layer's base only
//!    (`app` itself, `app::export` — the one door files leave by —,
//!    `app::import` — the one pipeline activity comes in by — and
//!    `app::load`, what several use cases read).
//! 6. Files are written by the export door (`app::export`) alone, and the
//!    database's folder by the store.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// Where a file's code sits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    /// A module of the core library, by its path (`["app", "network"]`).
    Core(Vec<String>),
    Cli,
    Shell,
}

/// One reference from a place in the code to a module of the core.
#[derive(Debug, Clone)]
struct Edge {
    file: PathBuf,
    line: usize,
    from: Unit,
    to: Vec<String>,
}

/// A call that writes a file.
#[derive(Debug, Clone)]
struct Write {
    file: PathBuf,
    line: usize,
    from: Unit,
    what: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The unit a file of `src/` or `src-tauri/src` belongs to.
fn unit_of(file: &Path) -> Unit {
    let rel = file.strip_prefix(root()).unwrap();
    let parts: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    match parts[0].as_str() {
        "src-tauri" => Unit::Shell,
        "src" if parts[1] == "bin" => Unit::Cli,
        "src" => {
            let mut m: Vec<String> = parts[1..].to_vec();
            let last = m.pop().unwrap();
            let stem = last.trim_end_matches(".rs");
            if stem != "mod" && stem != "lib" {
                m.push(stem.to_owned());
            }
            Unit::Core(m)
        }
        other => panic!("unexpected folder {other}"),
    }
}

fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg") && a.parse_args::<syn::Meta>().is_ok_and(|m| m.path().is_ident("test"))
            || a.path().is_ident("test")
    })
}

struct Reader<'a> {
    file: &'a Path,
    unit: Unit,
    /// The module the code being read is in (inline `mod` blocks pushed).
    module: Vec<String>,
    edges: Vec<Edge>,
    writes: Vec<Write>,
}

impl Reader<'_> {
    /// Resolves a path's leading segments to a module of the core, if it names one.
    fn resolve(&self, segments: &[String]) -> Option<Vec<String>> {
        let first = segments.first()?;
        let mut base = match (first.as_str(), &self.unit) {
            ("crate", Unit::Core(_)) => Vec::new(),
            ("chorus", Unit::Cli | Unit::Shell) => Vec::new(),
            ("super", Unit::Core(_)) => {
                let mut m = self.module.clone();
                let mut rest = segments;
                while rest.first().is_some_and(|s| s == "super") {
                    m.pop();
                    rest = &rest[1..];
                }
                m.extend(rest.iter().cloned());
                return Some(m);
            }
            ("self", Unit::Core(_)) => self.module.clone(),
            _ => return None,
        };
        base.extend(segments[1..].iter().cloned());
        Some(base)
    }

    fn add(&mut self, segments: Vec<String>, line: usize) {
        if let Some(to) = self.resolve(&segments) {
            self.edges.push(Edge { file: self.file.to_owned(), line, from: self.unit_here(), to });
        }
    }

    /// The unit with the inline module path (for `app` areas written as one file).
    fn unit_here(&self) -> Unit {
        match self.unit {
            Unit::Core(_) => Unit::Core(self.module.clone()),
            ref u => u.clone(),
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree, line: usize) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree, line);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let mut full = prefix.clone();
                if n.ident != "self" {
                    full.push(n.ident.to_string());
                }
                self.add(full, line);
            }
            syn::UseTree::Rename(r) => {
                let mut full = prefix.clone();
                if r.ident != "self" {
                    full.push(r.ident.to_string());
                }
                self.add(full, line);
            }
            syn::UseTree::Glob(_) => self.add(prefix.clone(), line),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(prefix, t, line);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for Reader<'_> {
    fn visit_item(&mut self, i: &'ast syn::Item) {
        let attrs = match i {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Impl(x) => &x.attrs,
            syn::Item::Use(u) => &u.attrs,
            syn::Item::Struct(s) => &s.attrs,
            syn::Item::Enum(e) => &e.attrs,
            syn::Item::Const(c) => &c.attrs,
            syn::Item::Static(s) => &s.attrs,
            syn::Item::Trait(t) => &t.attrs,
            _ => return syn::visit::visit_item(self, i),
        };
        if is_test_only(attrs) {
            return;
        }
        syn::visit::visit_item(self, i);
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if m.content.is_some() {
            self.module.push(m.ident.to_string());
            syn::visit::visit_item_mod(self, m);
            self.module.pop();
        }
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let line = u.use_token.span.start().line;
        self.use_tree(&mut Vec::new(), &u.tree, line);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segments: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        let line = p.segments.first().map_or(0, |s| s.ident.span().start().line);
        let joined = segments.join("::");
        let wrapped = format!("::{joined}::");
        for w in ["fs::write", "File::create", "fs::rename", "OpenOptions", "fs::copy", "create_dir_all"] {
            if wrapped.contains(&format!("::{w}::")) {
                self.writes.push(Write {
                    file: self.file.to_owned(),
                    line,
                    from: self.unit_here(),
                    what: joined.clone(),
                });
            }
        }
        if p.leading_colon.is_none() && segments.len() > 1 {
            self.add(segments, line);
        }
        syn::visit::visit_path(self, p);
    }

    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}
}

struct Map {
    edges: Vec<Edge>,
    writes: Vec<Write>,
    /// The core's top-level modules, from `src/lib.rs`.
    modules: BTreeSet<String>,
    /// The areas of `app` (its child modules).
    app_children: BTreeSet<String>,
}

fn read_map() -> Map {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    rust_files(&root().join("src-tauri/src"), &mut files);
    let (mut edges, mut writes) = (Vec::new(), Vec::new());
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let ast = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let unit = unit_of(file);
        let module = match &unit {
            Unit::Core(m) => m.clone(),
            _ => Vec::new(),
        };
        let mut r = Reader { file, unit, module, edges: Vec::new(), writes: Vec::new() };
        r.visit_file(&ast);
        edges.extend(r.edges);
        writes.extend(r.writes);
    }
    let children = |path: &Path| -> BTreeSet<String> {
        let ast = syn::parse_file(&std::fs::read_to_string(path).unwrap()).unwrap();
        ast.items
            .iter()
            .filter_map(|i| match i {
                syn::Item::Mod(m) if !is_test_only(&m.attrs) => Some(m.ident.to_string()),
                _ => None,
            })
            .collect()
    };
    Map {
        edges,
        writes,
        modules: children(&root().join("src/lib.rs")),
        app_children: children(&root().join("src/app/mod.rs")),
    }
}

/// The app layer's shared base: what every area may use.
const APP_BASE: [&str; 3] = ["export", "import", "load"];

fn top(path: &[String], modules: &BTreeSet<String>) -> Option<String> {
    path.first().filter(|m| modules.contains(*m)).cloned()
}

fn shown(e: &Edge) -> String {
    let rel = e.file.strip_prefix(root()).unwrap_or(&e.file);
    format!("{}:{}: {:?} → {}", rel.display(), e.line, e.from, e.to.join("::"))
}

/// Every broken rule, in words.
fn violations(map: &Map) -> Vec<String> {
    let mut out = Vec::new();
    let pure_of_store = ["app", "report", "charts", "network", "champions"];
    for e in &map.edges {
        let Some(to) = top(&e.to, &map.modules) else { continue };
        match &e.from {
            Unit::Cli | Unit::Shell if to == "store" => {
                out.push(format!("{} — rule 1: the CLI and the shell call app, never the store", shown(e)))
            }
            Unit::Core(from) => {
                let Some(f) = top(from, &map.modules) else { continue };
                if f == "store" && pure_of_store.contains(&to.as_str()) {
                    out.push(format!("{} — rule 2: the store depends on model types only", shown(e)));
                }
                if to == "store" && f != "store" && f != "app" && f != "error" {
                    out.push(format!("{} — rule 3: only app speaks to the store", shown(e)));
                }
                if f == "app" && to == "app" {
                    let (a, b) = (from.get(1), e.to.get(1).filter(|b| map.app_children.contains(*b)));
                    if let (Some(a), Some(b)) = (a, b)
                        && a != b
                        && !APP_BASE.contains(&b.as_str())
                    {
                        out.push(format!("{} — rule 5: app areas share only app's base, not each other", shown(e)));
                    }
                }
            }
            _ => {}
        }
    }
    // Rule 4: cycles among top-level modules.
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut witness: BTreeMap<(String, String), String> = BTreeMap::new();
    for e in &map.edges {
        let (Unit::Core(from), Some(to)) = (&e.from, top(&e.to, &map.modules)) else { continue };
        let Some(f) = top(from, &map.modules) else { continue };
        if f != to {
            graph.entry(f.clone()).or_default().insert(to.clone());
            witness.entry((f, to)).or_insert_with(|| shown(e));
        }
    }
    for (a, targets) in &graph {
        for b in targets {
            if a < b && reaches(&graph, b, a) {
                out.push(format!(
                    "rule 4: {a} and {b} depend on each other — {} and a path back from {b}",
                    witness[&(a.clone(), b.clone())]
                ));
            }
        }
    }
    // Rule 6: who writes files.
    for w in &map.writes {
        let ok = match &w.from {
            Unit::Core(m) => {
                m.first().is_some_and(|s| s == "app") && m.get(1).is_some_and(|s| s == "export")
                    || m.first().is_some_and(|s| s == "store") && w.what.ends_with("create_dir_all")
            }
            _ => false,
        };
        if !ok {
            let rel = w.file.strip_prefix(root()).unwrap_or(&w.file);
            out.push(format!(
                "{}:{}: {:?} calls {} — rule 6: files leave by the export door (app::export)",
                rel.display(),
                w.line,
                w.from,
                w.what
            ));
        }
    }
    out
}

fn reaches(graph: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_owned()];
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if seen.insert(n.clone()) {
            stack.extend(graph.get(&n).into_iter().flatten().cloned());
        }
    }
    false
}

#[test]
fn the_code_keeps_the_map_of_architecture_md() {
    let map = read_map();
    assert!(map.modules.contains("store") && map.modules.contains("app"), "src/lib.rs was read: {:?}", map.modules);
    assert!(map.edges.len() > 500, "the reader found the code's references: {}", map.edges.len());
    let v = violations(&map);
    assert!(v.is_empty(), "{} broken rule(s) of ARCHITECTURE.md:\n{}", v.len(), v.join("\n"));
}

/// The checker itself catches what it is for: each rule broken on purpose
/// in a small piece of code.
#[test]
fn the_checker_sees_each_kind_of_broken_rule() {
    let read = |unit: Unit, code: &str| {
        let ast = syn::parse_file(code).unwrap();
        let file = root().join("virtual.rs");
        let module = match &unit {
            Unit::Core(m) => m.clone(),
            _ => Vec::new(),
        };
        let mut r = Reader { file: &file, unit, module, edges: Vec::new(), writes: Vec::new() };
        r.visit_file(&ast);
        (r.edges, r.writes)
    };
    let modules: BTreeSet<String> =
        ["app", "store", "network", "segments", "report"].iter().map(|s| s.to_string()).collect();
    let app_children: BTreeSet<String> = ["network", "segments", "export"].iter().map(|s| s.to_string()).collect();
    let check = |unit: Unit, code: &str| {
        let (edges, writes) = read(unit, code);
        violations(&Map { edges, writes, modules: modules.clone(), app_children: app_children.clone() })
    };
    let core = |p: &str| Unit::Core(p.split("::").map(str::to_owned).collect());
    assert_eq!(check(Unit::Shell, "use chorus::store::Override;").len(), 1, "shell → store");
    assert_eq!(check(Unit::Cli, "fn f() { chorus::store::Db::open(); }").len(), 1, "CLI → store in a path");
    assert_eq!(check(core("store::settings"), "use crate::{report::Deck, text};").len(), 1, "store → report");
    assert!(check(core("store::segments"), "use crate::segments::Override;").is_empty(), "a pure area's type");
    assert_eq!(check(core("network::leiden"), "use crate::store::Db;").len(), 1, "pure → store");
    assert_eq!(check(core("app::network"), "use super::segments::facts;").len(), 1, "area → area via super");
    assert!(check(core("app::network"), "use crate::app::export::write;").is_empty(), "the door is shared");
    assert!(
        check(core("network"), "#[cfg(test)] mod tests { use crate::store::Db; }").is_empty(),
        "test code may build fixtures"
    );
    assert_eq!(check(core("report"), "fn f() { std::fs::write(p, b); }").len(), 1, "a write outside the door");
    let (mut edges, _) = read(core("network"), "use crate::report::esc;");
    edges.extend(read(core("report"), "use crate::network::Graph;").0);
    let v = violations(&Map { edges, writes: Vec::new(), modules: modules.clone(), app_children });
    assert!(v.iter().any(|m| m.contains("rule 4")), "a cycle is seen: {v:?}");
}
