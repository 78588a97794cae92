//! The graph of managers while planning: each row's manager found in the
//! file or the directory, and the loops a file would create.

use crate::text::FastMap as HashMap;

use super::{Node, Planner};
use crate::ingest::records::Row;

pub(super) fn node_of(alive: &[(Row, Option<usize>)], pos: usize) -> Node {
    match alive[pos].1 {
        Some(t) => Node::Stored(t),
        None => Node::New(pos),
    }
}

/// Which alive row (if any) updates each stored person.
pub(super) fn rows_by_target(alive: &[(Row, Option<usize>)]) -> HashMap<usize, usize> {
    alive.iter().enumerate().filter_map(|(pos, (_, t))| t.map(|t| (t, pos))).collect()
}

pub(super) fn row_of(by_target: &HashMap<usize, usize>, node: Node) -> Option<usize> {
    match node {
        Node::New(pos) => Some(pos),
        Node::Stored(t) => by_target.get(&t).copied(),
    }
}

pub(super) fn node_name(
    pl: &Planner,
    alive: &[(Row, Option<usize>)],
    by_target: &HashMap<usize, usize>,
    node: Node,
) -> String {
    match row_of(by_target, node) {
        Some(pos) => alive[pos].0.record.full_name.clone(),
        None => match node {
            Node::Stored(t) => pl.snap.people[t].fields.full_name.clone(),
            Node::New(_) => String::new(),
        },
    }
}

/// Managers found for the alive rows, and the references that failed.
pub(super) struct Resolved {
    /// Each alive row's manager, if its file gave one that could be found.
    pub managers: Vec<Option<Node>>,
    /// (row number, reference) of managers found nowhere.
    pub unknown: Vec<(usize, String)>,
    /// (row number, reference) of rows naming themselves as manager.
    pub selves: Vec<(usize, String)>,
}

pub(super) fn resolve_managers(pl: &Planner, alive: &[(Row, Option<usize>)]) -> Resolved {
    let mut in_file: HashMap<&str, usize> = HashMap::with_capacity_and_hasher(alive.len(), Default::default());
    for (pos, (row, _)) in alive.iter().enumerate() {
        if let Some(ext) = &row.record.external_id {
            in_file.insert(ext, pos);
        }
        for e in &row.record.emails {
            in_file.insert(e, pos);
        }
    }
    let mut out = Resolved { managers: Vec::with_capacity(alive.len()), unknown: Vec::new(), selves: Vec::new() };
    for (pos, (row, _)) in alive.iter().enumerate() {
        let Some(key) = &row.record.manager_ref else {
            out.managers.push(None);
            continue;
        };
        let lookup = if key.contains('@') { key.to_lowercase() } else { key.clone() };
        let found = match in_file.get(lookup.as_str()) {
            Some(&p) => Some(node_of(alive, p)),
            None => {
                pl.by_ext.get(lookup.as_str()).or_else(|| pl.by_email.get(lookup.as_str())).map(|&t| Node::Stored(t))
            }
        };
        match found {
            Some(node) if node == node_of(alive, pos) => {
                out.selves.push((row.number, key.clone()));
                out.managers.push(None);
            }
            Some(node) => out.managers.push(Some(node)),
            None => {
                out.unknown.push((row.number, key.clone()));
                out.managers.push(None);
            }
        }
    }
    out
}

/// Manager loops that pass through at least one row of the file, each as the
/// list of people in order.
pub(super) fn find_cycles(pl: &Planner, alive: &[(Row, Option<usize>)], managers: &[Option<Node>]) -> Vec<Vec<Node>> {
    // Nodes as dense indices: stored people first, then new rows.
    let stored = pl.snap.people.len();
    let index = |node: Node| match node {
        Node::Stored(i) => i,
        Node::New(pos) => stored + pos,
    };
    let node_at = |i: usize| if i < stored { Node::Stored(i) } else { Node::New(i - stored) };
    let n = stored + alive.len();
    let mut next: Vec<Option<usize>> = vec![None; n];
    for (i, p) in pl.snap.people.iter().enumerate() {
        next[i] = p.manager_id.and_then(|id| pl.by_id.get(&id)).copied();
    }
    let mut from_file = vec![false; n];
    for (pos, m) in managers.iter().enumerate() {
        let node = index(node_of(alive, pos));
        from_file[node] = true;
        match m {
            Some(m) => next[node] = Some(index(*m)),
            None if node >= stored => next[node] = None,
            None => {} // the stored manager stays
        }
    }
    let mut state = vec![0u8; n]; // 0 unseen, 1 on the current path, 2 done
    let mut cycles = Vec::new();
    for start in (0..n).filter(|&i| from_file[i]) {
        let mut path: Vec<usize> = Vec::new();
        let mut cur = start;
        loop {
            match state[cur] {
                2 => break,
                1 => {
                    let at = path.iter().position(|&x| x == cur).unwrap_or(0);
                    if path[at..].iter().any(|&x| from_file[x]) {
                        cycles.push(path[at..].iter().map(|&x| node_at(x)).collect());
                    }
                    break;
                }
                _ => {}
            }
            state[cur] = 1;
            path.push(cur);
            match next[cur] {
                Some(m) => cur = m,
                None => break,
            }
        }
        for x in path {
            state[x] = 2;
        }
    }
    cycles
}
