//! Planning an import: given validated rows and what the directory already
//! holds, decide for each row whether it adds a person, updates one or
//! changes nothing, resolve managers across the file and the directory, and
//! find every reason a row must be rejected (duplicates, conflicts, manager
//! loops). Pure: no database, no clock.

use std::collections::BTreeSet;

use crate::text::FastMap as HashMap;

use super::records::Row;
use super::writes::{FieldChange, ManagerTarget, Snapshot, WriteRow};
use super::{RowProblem, Unit};
use crate::directory::{PersonFields, PersonId, PersonRecord, Stakeholder};

/// The outcome of planning: what to write and what to tell the user.
#[derive(Debug, Default)]
pub struct Plan {
    /// Rows to write (new or changed people), in file order.
    pub writes: Vec<WriteRow>,
    /// The file row number of each write.
    pub numbers: Vec<usize>,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// How many rows were rejected (each may have several problems).
    pub rejected: usize,
    pub problems: Vec<RowProblem>,
    pub warnings: Vec<RowProblem>,
}

/// A person in the graph of managers: already stored, or new in this file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Node {
    Stored(usize),
    New(usize),
}

struct Planner<'a> {
    file: &'a str,
    unit: Unit,
    snap: &'a Snapshot,
    by_ext: HashMap<&'a str, usize>,
    by_email: HashMap<&'a str, usize>,
    by_id: HashMap<PersonId, usize>,
    problems: Vec<RowProblem>,
    warnings: Vec<RowProblem>,
    rejected: BTreeSet<usize>,
}

impl Planner<'_> {
    fn report(&mut self, number: usize, column: Option<&str>, message: String, warning: bool) {
        let p = RowProblem {
            file: self.file.to_owned(),
            unit: self.unit,
            number,
            column: column.map(str::to_owned),
            message,
        };
        if warning {
            self.warnings.push(p);
        } else {
            self.rejected.insert(number);
            self.problems.push(p);
        }
    }

    fn describe(&self, idx: usize) -> String {
        let p = &self.snap.people[idx];
        match &p.fields.external_id {
            Some(ext) => format!("{} (external id {ext})", p.fields.full_name),
            None => format!("{} (#{})", p.fields.full_name, p.id),
        }
    }
}

/// Plans rows read from `file` against `snap`.
pub fn plan(file: &str, unit: Unit, rows: Vec<Result<Row, Vec<RowProblem>>>, snap: &Snapshot) -> Plan {
    let mut pl = Planner {
        file,
        unit,
        snap,
        by_ext: HashMap::default(),
        by_email: HashMap::default(),
        by_id: HashMap::default(),
        problems: Vec::new(),
        warnings: Vec::new(),
        rejected: BTreeSet::new(),
    };
    for (i, p) in snap.people.iter().enumerate() {
        if let Some(ext) = &p.fields.external_id {
            pl.by_ext.insert(ext, i);
        }
        for e in &p.fields.emails {
            pl.by_email.insert(e, i);
        }
        pl.by_id.insert(p.id, i);
    }

    let mut good: Vec<Row> = Vec::new();
    for r in rows {
        match r {
            Ok(row) => good.push(row),
            Err(problems) => {
                for p in problems {
                    pl.rejected.insert(p.number);
                    pl.problems.push(p);
                }
            }
        }
    }

    // Duplicates inside the file: the first occurrence wins.
    let mut seen_ext: HashMap<String, usize> = HashMap::default();
    let mut seen_email: HashMap<String, usize> = HashMap::default();
    let mut claimed: HashMap<usize, usize> = HashMap::default();
    let mut targets: Vec<Option<usize>> = Vec::with_capacity(good.len());
    for row in &good {
        let n = row.number;
        let rec = &row.record;
        let mut ok = true;
        if let Some(ext) = &rec.external_id
            && let Some(&first) = seen_ext.get(ext)
        {
            pl.report(n, None, format!("external id {ext:?} is also on {}", place(unit, first)), false);
            ok = false;
        }
        for e in &rec.emails {
            if let Some(&first) = seen_email.get(e) {
                pl.report(n, None, format!("email {e} is also on {}", place(unit, first)), false);
                ok = false;
            }
        }
        // Match against the directory: external id first, then email.
        let mut target = rec.external_id.as_deref().and_then(|x| pl.by_ext.get(x).copied());
        let email_owners: BTreeSet<usize> =
            rec.emails.iter().filter_map(|e| pl.by_email.get(e.as_str()).copied()).collect();
        match target {
            Some(t) => {
                for &owner in email_owners.iter().filter(|&&o| o != t) {
                    let email = rec.emails.iter().find(|e| pl.by_email.get(e.as_str()) == Some(&owner)).cloned();
                    let who = pl.describe(owner);
                    pl.report(n, None, format!("email {} already belongs to {who}", email.unwrap_or_default()), false);
                    ok = false;
                }
            }
            None if email_owners.len() > 1 => {
                let who: Vec<String> = email_owners.iter().map(|&o| pl.describe(o)).collect();
                pl.report(n, None, format!("the emails belong to different people: {}", who.join(" and ")), false);
                ok = false;
            }
            None => {
                target = email_owners.first().copied();
                if let (Some(t), Some(ext)) = (target, &rec.external_id)
                    && let Some(stored) = &snap.people[t].fields.external_id
                {
                    pl.report(
                        n,
                        None,
                        format!("matched {} by email; their external id stays {stored:?}, not {ext:?}", pl.describe(t)),
                        true,
                    );
                }
            }
        }
        if let Some(t) = target
            && let Some(&first) = claimed.get(&t)
        {
            pl.report(n, None, format!("{} is also matched on {}", pl.describe(t), place(unit, first)), false);
            ok = false;
        }
        if ok {
            if let Some(ext) = &rec.external_id {
                seen_ext.insert(ext.clone(), n);
            }
            for e in &rec.emails {
                seen_email.insert(e.clone(), n);
            }
            if let Some(t) = target {
                claimed.insert(t, n);
            }
        }
        targets.push(target);
    }
    let mut alive: Vec<(Row, Option<usize>)> =
        good.into_iter().zip(targets).filter(|(r, _)| !pl.rejected.contains(&r.number)).collect();

    // Managers: resolve, look for loops, drop looping rows, and again until
    // no loop is left (dropping rows can only remove loops, so this ends).
    let managers = loop {
        let resolved = resolve_managers(&pl, &alive);
        let cycles = find_cycles(&pl, &alive, &resolved.managers);
        if cycles.is_empty() && resolved.selves.is_empty() {
            for (n, key) in resolved.unknown {
                let msg =
                    format!("manager {key:?} is neither in this file nor in the directory; manager left unchanged");
                pl.report(n, None, msg, true);
            }
            break resolved.managers;
        }
        for (n, key) in resolved.selves {
            pl.report(n, None, format!("manager {key:?} is this person themself"), false);
        }
        let by_target = rows_by_target(&alive);
        for cycle in cycles {
            let names: Vec<String> =
                cycle.iter().chain(cycle.first()).map(|&node| node_name(&pl, &alive, &by_target, node)).collect();
            for node in &cycle {
                if let Some(pos) = row_of(&by_target, *node) {
                    let n = alive[pos].0.number;
                    pl.report(n, None, format!("manager cycle: {}", names.join(" → ")), false);
                }
            }
        }
        alive.retain(|(r, _)| !pl.rejected.contains(&r.number));
    };

    // Manager changes of updated people, named for their history, while
    // every row's record is still at hand.
    let by_target = rows_by_target(&alive);
    let manager_names: Vec<Option<FieldChange>> = alive
        .iter()
        .enumerate()
        .map(|(pos, (_, target))| {
            let b = &snap.people[(*target)?];
            let m = managers[pos]?;
            let old = b.manager_id.and_then(|id| pl.by_id.get(&id)).map(|&i| snap.people[i].fields.full_name.clone());
            let new = Some(node_name(&pl, &alive, &by_target, m));
            (old != new).then_some(FieldChange { field: "manager", old, new })
        })
        .collect();

    // Decide what each surviving row writes. New people take their record's
    // values as they are (moved, not copied).
    let mut plan = Plan::default();
    let mut merged: Vec<(PersonFields, Option<usize>)> = Vec::with_capacity(alive.len());
    let mut written: Vec<Option<usize>> = Vec::with_capacity(alive.len());
    for (pos, (row, target)) in alive.into_iter().enumerate() {
        let base = target.map(|t| &snap.people[t]);
        let (fields, changed) = match base {
            None => (fresh(row.record), true),
            Some(b) => {
                let f = merge(&b.fields, &row.record);
                let changed = b.fields != f || manager_names[pos].is_some();
                (f, changed)
            }
        };
        written.push(changed.then_some(plan.numbers.len()));
        if changed {
            plan.numbers.push(row.number);
        }
        merged.push((fields, target));
    }
    for (pos, ((fields, target), manager_change)) in merged.into_iter().zip(manager_names).enumerate() {
        if written[pos].is_none() {
            plan.unchanged += 1;
            continue;
        }
        let manager = match managers[pos] {
            None => ManagerTarget::Keep,
            Some(Node::Stored(m)) => ManagerTarget::Person(snap.people[m].id),
            Some(Node::New(p)) => match written[p] {
                Some(w) => ManagerTarget::Row(w),
                None => ManagerTarget::Keep, // a new row is always written
            },
        };
        let existing = target.map(|t| &snap.people[t]);
        let changes = match existing {
            None => {
                plan.added += 1;
                Vec::new()
            }
            Some(b) => {
                plan.updated += 1;
                let mut c = diff(&b.fields, &fields);
                c.extend(manager_change);
                c
            }
        };
        plan.writes.push(WriteRow { existing: existing.map(|b| b.id), fields, manager, changes });
    }
    plan.rejected = pl.rejected.len();
    plan.problems = pl.problems;
    plan.warnings = pl.warnings;
    plan.problems.sort_by_key(|p| p.number);
    plan.warnings.sort_by_key(|p| p.number);
    plan
}

fn place(unit: Unit, n: usize) -> String {
    match unit {
        Unit::Line => format!("line {n}"),
        Unit::Row => format!("row {n}"),
        Unit::Entry => format!("entry {n}"),
    }
}

fn node_of(alive: &[(Row, Option<usize>)], pos: usize) -> Node {
    match alive[pos].1 {
        Some(t) => Node::Stored(t),
        None => Node::New(pos),
    }
}

/// Which alive row (if any) updates each stored person.
fn rows_by_target(alive: &[(Row, Option<usize>)]) -> HashMap<usize, usize> {
    alive.iter().enumerate().filter_map(|(pos, (_, t))| t.map(|t| (t, pos))).collect()
}

fn row_of(by_target: &HashMap<usize, usize>, node: Node) -> Option<usize> {
    match node {
        Node::New(pos) => Some(pos),
        Node::Stored(t) => by_target.get(&t).copied(),
    }
}

fn node_name(pl: &Planner, alive: &[(Row, Option<usize>)], by_target: &HashMap<usize, usize>, node: Node) -> String {
    match row_of(by_target, node) {
        Some(pos) => alive[pos].0.record.full_name.clone(),
        None => match node {
            Node::Stored(t) => pl.snap.people[t].fields.full_name.clone(),
            Node::New(_) => String::new(),
        },
    }
}

/// Managers found for the alive rows, and the references that failed.
struct Resolved {
    /// Each alive row's manager, if its file gave one that could be found.
    managers: Vec<Option<Node>>,
    /// (row number, reference) of managers found nowhere.
    unknown: Vec<(usize, String)>,
    /// (row number, reference) of rows naming themselves as manager.
    selves: Vec<(usize, String)>,
}

fn resolve_managers(pl: &Planner, alive: &[(Row, Option<usize>)]) -> Resolved {
    let mut in_file: HashMap<&str, usize> = HashMap::default();
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
fn find_cycles(pl: &Planner, alive: &[(Row, Option<usize>)], managers: &[Option<Node>]) -> Vec<Vec<Node>> {
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

/// A stored person's fields overlaid with what the row gives.
fn merge(base: &PersonFields, rec: &PersonRecord) -> PersonFields {
    let mut f = base.clone();
    if f.external_id.is_none() {
        f.external_id = rec.external_id.clone();
    }
    f.full_name = rec.full_name.clone();
    let set = |dst: &mut Option<String>, src: &Option<String>| {
        if src.is_some() {
            dst.clone_from(src);
        }
    };
    set(&mut f.preferred_name, &rec.preferred_name);
    set(&mut f.title, &rec.title);
    set(&mut f.department, &rec.department);
    set(&mut f.team, &rec.team);
    set(&mut f.location, &rec.location);
    set(&mut f.country, &rec.country);
    set(&mut f.notes, &rec.notes);
    f.hire_date = rec.hire_date.or(f.hire_date);
    f.stakeholder.last_contact = rec.last_contact.or(f.stakeholder.last_contact);
    f.stakeholder.influence = rec.influence.or(f.stakeholder.influence);
    f.stakeholder.interest = rec.interest.or(f.stakeholder.interest);
    f.stakeholder.attitude = rec.attitude.or(f.stakeholder.attitude);
    f.stakeholder.executive = rec.executive.unwrap_or(f.stakeholder.executive);
    f.stakeholder.it_ally = rec.it_ally.unwrap_or(f.stakeholder.it_ally);
    f.stakeholder.champion = rec.champion.unwrap_or(f.stakeholder.champion);
    for e in &rec.emails {
        if !f.emails.contains(e) {
            f.emails.push(e.clone());
        }
    }
    let fold_eq = |a: &str, b: &str| crate::text::fold(a) == crate::text::fold(b);
    for l in &rec.languages {
        if !f.languages.iter().any(|x| fold_eq(x, l)) {
            f.languages.push(l.clone());
        }
    }
    for t in &rec.tags {
        if !f.tags.iter().any(|x| fold_eq(x, t)) {
            f.tags.push(t.clone());
        }
    }
    for s in &rec.skills {
        if !f.skills.iter().any(|x| x.source == s.source && fold_eq(&x.name, &s.name)) {
            f.skills.push(s.clone());
        }
    }
    sort_lists(&mut f);
    f
}

/// A new person's fields: the record's lists are already free of duplicates.
fn fresh(rec: PersonRecord) -> PersonFields {
    let mut f = PersonFields {
        external_id: rec.external_id,
        full_name: rec.full_name,
        preferred_name: rec.preferred_name,
        emails: rec.emails,
        title: rec.title,
        department: rec.department,
        team: rec.team,
        location: rec.location,
        country: rec.country,
        hire_date: rec.hire_date,
        languages: rec.languages,
        tags: rec.tags,
        skills: rec.skills,
        notes: rec.notes,
        stakeholder: Stakeholder {
            influence: rec.influence,
            interest: rec.interest,
            attitude: rec.attitude,
            executive: rec.executive.unwrap_or(false),
            it_ally: rec.it_ally.unwrap_or(false),
            champion: rec.champion.unwrap_or(false),
            last_contact: rec.last_contact,
        },
    };
    sort_lists(&mut f);
    f
}

/// Stored order, so that comparing with what is stored is exact.
fn sort_lists(f: &mut PersonFields) {
    f.tags.sort();
    f.skills.sort_by(|a, b| (a.name.as_str(), a.source).cmp(&(b.name.as_str(), b.source)));
}

/// Field-by-field changes, for the history.
fn diff(old: &PersonFields, new: &PersonFields) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut put = |field: &'static str, a: Option<String>, b: Option<String>| {
        if a != b {
            out.push(FieldChange { field, old: a, new: b });
        }
    };
    let list = |v: &[String]| (!v.is_empty()).then(|| v.join(", "));
    let s = |v: &Option<String>| v.clone();
    put("external_id", s(&old.external_id), s(&new.external_id));
    put("full_name", Some(old.full_name.clone()), Some(new.full_name.clone()));
    put("preferred_name", s(&old.preferred_name), s(&new.preferred_name));
    put("email", list(&old.emails), list(&new.emails));
    put("title", s(&old.title), s(&new.title));
    put("department", s(&old.department), s(&new.department));
    put("team", s(&old.team), s(&new.team));
    put("location", s(&old.location), s(&new.location));
    put("country", s(&old.country), s(&new.country));
    put("hire_date", old.hire_date.map(|d| d.to_string()), new.hire_date.map(|d| d.to_string()));
    put("languages", list(&old.languages), list(&new.languages));
    put("tags", list(&old.tags), list(&new.tags));
    let skills = |f: &PersonFields| {
        list(&f.skills.iter().map(|s| format!("{} ({})", s.name, s.source.as_str())).collect::<Vec<_>>())
    };
    put("skills", skills(old), skills(new));
    put("notes", s(&old.notes), s(&new.notes));
    put(
        "influence",
        old.stakeholder.influence.map(|v| v.to_string()),
        new.stakeholder.influence.map(|v| v.to_string()),
    );
    put("interest", old.stakeholder.interest.map(|v| v.to_string()), new.stakeholder.interest.map(|v| v.to_string()));
    put(
        "attitude",
        old.stakeholder.attitude.map(|a| a.as_str().into()),
        new.stakeholder.attitude.map(|a| a.as_str().into()),
    );
    put("executive", Some(old.stakeholder.executive.to_string()), Some(new.stakeholder.executive.to_string()));
    put("it_ally", Some(old.stakeholder.it_ally.to_string()), Some(new.stakeholder.it_ally.to_string()));
    put("champion", Some(old.stakeholder.champion.to_string()), Some(new.stakeholder.champion.to_string()));
    put(
        "last_contact",
        old.stakeholder.last_contact.map(|d| d.to_string()),
        new.stakeholder.last_contact.map(|d| d.to_string()),
    );
    out
}
