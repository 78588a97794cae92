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

/// Plans rows read from `file` against `snap`, in steps: the directory is
/// indexed ([`Planner::new`]), rows that failed validation set aside
/// ([`Planner::take_valid`]), each row matched to a stored person or none and
/// checked for duplicates inside the file ([`Planner::match_rows`]), managers
/// resolved and loops broken ([`Planner::settle_managers`]), and what each
/// surviving row writes decided ([`Planner::decide`]).
pub fn plan(file: &str, unit: Unit, rows: Vec<Result<Row, Vec<RowProblem>>>, snap: &Snapshot) -> Plan {
    let mut pl = Planner::new(file, unit, snap);
    let good = pl.take_valid(rows);
    let targets = pl.match_rows(&good);
    let mut alive: Vec<(Row, Option<usize>)> =
        good.into_iter().zip(targets).filter(|(r, _)| !pl.rejected.contains(&r.number)).collect();
    let managers = pl.settle_managers(&mut alive);
    let manager_names = pl.manager_changes(&alive, &managers);
    pl.decide(alive, &managers, manager_names)
}

impl<'a> Planner<'a> {
    /// The directory indexed by external id, e-mail and id.
    fn new(file: &'a str, unit: Unit, snap: &'a Snapshot) -> Planner<'a> {
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
        pl
    }

    /// The rows that passed validation; the problems of the others are kept.
    fn take_valid(&mut self, rows: Vec<Result<Row, Vec<RowProblem>>>) -> Vec<Row> {
        let mut good = Vec::with_capacity(rows.len());
        for r in rows {
            match r {
                Ok(row) => good.push(row),
                Err(problems) => {
                    for p in problems {
                        self.rejected.insert(p.number);
                        self.problems.push(p);
                    }
                }
            }
        }
        good
    }

    /// Each row's stored person (by external id first, then e-mail), with
    /// the rows rejected that repeat an earlier row's external id or e-mail,
    /// claim an e-mail of someone else, or match someone another row matched
    /// (the first occurrence wins).
    fn match_rows(&mut self, good: &[Row]) -> Vec<Option<usize>> {
        let unit = self.unit;
        let snap = self.snap;
        let mut seen_ext: HashMap<&str, usize> = HashMap::default();
        let mut seen_email: HashMap<&str, usize> = HashMap::default();
        let mut claimed: HashMap<usize, usize> = HashMap::default();
        let mut targets: Vec<Option<usize>> = Vec::with_capacity(good.len());
        for row in good {
            let n = row.number;
            let rec = &row.record;
            let mut ok = true;
            if let Some(ext) = &rec.external_id
                && let Some(&first) = seen_ext.get(ext.as_str())
            {
                self.report(n, None, format!("external id {ext:?} is also on {}", place(unit, first)), false);
                ok = false;
            }
            for e in &rec.emails {
                if let Some(&first) = seen_email.get(e.as_str()) {
                    self.report(n, None, format!("email {e} is also on {}", place(unit, first)), false);
                    ok = false;
                }
            }
            let mut target = rec.external_id.as_deref().and_then(|x| self.by_ext.get(x).copied());
            let email_owners: BTreeSet<usize> =
                rec.emails.iter().filter_map(|e| self.by_email.get(e.as_str()).copied()).collect();
            match target {
                Some(t) => {
                    for &owner in email_owners.iter().filter(|&&o| o != t) {
                        let email = rec.emails.iter().find(|e| self.by_email.get(e.as_str()) == Some(&owner)).cloned();
                        let who = self.describe(owner);
                        let msg = format!("email {} already belongs to {who}", email.unwrap_or_default());
                        self.report(n, None, msg, false);
                        ok = false;
                    }
                }
                None if email_owners.len() > 1 => {
                    let who: Vec<String> = email_owners.iter().map(|&o| self.describe(o)).collect();
                    let msg = format!("the emails belong to different people: {}", who.join(" and "));
                    self.report(n, None, msg, false);
                    ok = false;
                }
                None => {
                    target = email_owners.first().copied();
                    if let (Some(t), Some(ext)) = (target, &rec.external_id)
                        && let Some(stored) = &snap.people[t].fields.external_id
                    {
                        let msg = format!(
                            "matched {} by email; their external id stays {stored:?}, not {ext:?}",
                            self.describe(t)
                        );
                        self.report(n, None, msg, true);
                    }
                }
            }
            if let Some(t) = target
                && let Some(&first) = claimed.get(&t)
            {
                self.report(n, None, format!("{} is also matched on {}", self.describe(t), place(unit, first)), false);
                ok = false;
            }
            if ok {
                if let Some(ext) = &rec.external_id {
                    seen_ext.insert(ext, n);
                }
                for e in &rec.emails {
                    seen_email.insert(e, n);
                }
                if let Some(t) = target {
                    claimed.insert(t, n);
                }
            }
            targets.push(target);
        }
        targets
    }

    /// Every alive row's manager: resolved, loops looked for, looping rows
    /// dropped, and again until no loop is left (dropping rows can only
    /// remove loops, so this ends). Managers found nowhere are warnings.
    fn settle_managers(&mut self, alive: &mut Vec<(Row, Option<usize>)>) -> Vec<Option<Node>> {
        loop {
            let resolved = resolve_managers(self, alive);
            let cycles = find_cycles(self, alive, &resolved.managers);
            if cycles.is_empty() && resolved.selves.is_empty() {
                for (n, key) in resolved.unknown {
                    let msg =
                        format!("manager {key:?} is neither in this file nor in the directory; manager left unchanged");
                    self.report(n, None, msg, true);
                }
                return resolved.managers;
            }
            for (n, key) in resolved.selves {
                self.report(n, None, format!("manager {key:?} is this person themself"), false);
            }
            let by_target = rows_by_target(alive);
            for cycle in cycles {
                let names: Vec<String> =
                    cycle.iter().chain(cycle.first()).map(|&node| node_name(self, alive, &by_target, node)).collect();
                for node in &cycle {
                    if let Some(pos) = row_of(&by_target, *node) {
                        let n = alive[pos].0.number;
                        self.report(n, None, format!("manager cycle: {}", names.join(" → ")), false);
                    }
                }
            }
            alive.retain(|(r, _)| !self.rejected.contains(&r.number));
        }
    }

    /// Manager changes of updated people, named for their history, while
    /// every row's record is still at hand.
    fn manager_changes(&self, alive: &[(Row, Option<usize>)], managers: &[Option<Node>]) -> Vec<Option<FieldChange>> {
        let by_target = rows_by_target(alive);
        alive
            .iter()
            .enumerate()
            .map(|(pos, (_, target))| {
                let b = &self.snap.people[(*target)?];
                let m = managers[pos]?;
                let old = b
                    .manager_id
                    .and_then(|id| self.by_id.get(&id))
                    .map(|&i| self.snap.people[i].fields.full_name.clone());
                let new = Some(node_name(self, alive, &by_target, m));
                (old != new).then_some(FieldChange { field: "manager", old, new })
            })
            .collect()
    }

    /// What each surviving row writes: a new person takes their record's
    /// values as they are (moved, not copied); a stored one their fields
    /// overlaid with the row's, written only when something changed.
    fn decide(
        self,
        alive: Vec<(Row, Option<usize>)>,
        managers: &[Option<Node>],
        manager_names: Vec<Option<FieldChange>>,
    ) -> Plan {
        let snap = self.snap;
        let mut plan = Plan::default();
        let mut merged: Vec<(PersonFields, Option<usize>)> = Vec::with_capacity(alive.len());
        let mut written: Vec<Option<usize>> = Vec::with_capacity(alive.len());
        for (pos, (row, target)) in alive.into_iter().enumerate() {
            let (fields, changed) = match target.map(|t| &snap.people[t]) {
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
        plan.rejected = self.rejected.len();
        plan.problems = self.problems;
        plan.warnings = self.warnings;
        plan.problems.sort_by_key(|p| p.number);
        plan.warnings.sort_by_key(|p| p.number);
        plan
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::StoredPerson;

    fn rec(ext: &str, name: &str, email: &str, manager: Option<&str>) -> PersonRecord {
        PersonRecord {
            external_id: (!ext.is_empty()).then(|| ext.to_owned()),
            full_name: name.to_owned(),
            emails: if email.is_empty() { Vec::new() } else { vec![email.to_owned()] },
            manager_ref: manager.map(str::to_owned),
            ..PersonRecord::default()
        }
    }

    fn row(number: usize, record: PersonRecord) -> Result<Row, Vec<RowProblem>> {
        Ok(Row { number, record })
    }

    fn stored(id: PersonId, ext: &str, name: &str, email: &str, manager_id: Option<PersonId>) -> StoredPerson {
        let r = rec(ext, name, email, None);
        StoredPerson { id, fields: fresh(r), manager_id }
    }

    fn snapshot() -> Snapshot {
        Snapshot {
            people: vec![
                stored(1, "E1", "Ann Lee", "ann@acme.example", None),
                stored(2, "E2", "Bob Roy", "bob@acme.example", Some(1)),
            ],
        }
    }

    fn messages(p: &Plan) -> Vec<String> {
        p.problems.iter().chain(&p.warnings).map(|p| p.to_string()).collect()
    }

    #[test]
    fn a_row_matches_by_external_id_before_email() {
        let snap = snapshot();
        let mut pl = Planner::new("hr.csv", Unit::Line, &snap);
        let good = pl.take_valid(vec![
            row(2, rec("E2", "Bob Roy", "", None)),
            row(3, rec("", "Ann Lee", "ann@acme.example", None)),
            row(4, rec("E9", "Cleo Park", "cleo@acme.example", None)),
        ]);
        assert_eq!(pl.match_rows(&good), vec![Some(1), Some(0), None], "by external id, by e-mail, new");
        assert!(pl.problems.is_empty(), "{:?}", pl.problems);
    }

    #[test]
    fn the_first_of_two_rows_with_one_email_wins() {
        let snap = Snapshot::default();
        let p = plan(
            "hr.csv",
            Unit::Line,
            vec![row(2, rec("X1", "Ann", "a@x.example", None)), row(3, rec("X2", "Ann B", "a@x.example", None))],
            &snap,
        );
        assert_eq!((p.added, p.rejected), (1, 1));
        assert_eq!(messages(&p), ["hr.csv:3: email a@x.example is also on line 2"]);
    }

    #[test]
    fn a_row_whose_emails_belong_to_two_people_is_rejected() {
        let snap = snapshot();
        let mut r = rec("", "Ann Roy", "ann@acme.example", None);
        r.emails.push("bob@acme.example".into());
        let p = plan("hr.csv", Unit::Line, vec![row(2, r)], &snap);
        assert_eq!(p.rejected, 1);
        assert!(
            messages(&p)[0].contains("belong to different people: Ann Lee (external id E1) and Bob Roy"),
            "{:?}",
            messages(&p)
        );
        assert!(p.writes.is_empty(), "nothing is written for it");
    }

    #[test]
    fn rows_that_failed_validation_keep_their_problems() {
        let problem = RowProblem {
            file: "hr.csv".into(),
            unit: Unit::Line,
            number: 5,
            column: Some("Email".into()),
            message: "not an e-mail".into(),
        };
        let p = plan(
            "hr.csv",
            Unit::Line,
            vec![Err(vec![problem]), row(6, rec("X", "Dee", "", None))],
            &Snapshot::default(),
        );
        assert_eq!((p.added, p.rejected), (1, 1));
        assert_eq!(messages(&p), ["hr.csv:5: column \"Email\": not an e-mail"]);
    }

    #[test]
    fn managers_resolve_in_the_file_or_the_directory_and_loops_are_refused() {
        let snap = snapshot();
        let p = plan(
            "hr.csv",
            Unit::Line,
            vec![
                // Cleo reports to Dan (in the file), Dan to Ann (stored).
                row(2, rec("E3", "Cleo Park", "", Some("E4"))),
                row(3, rec("E4", "Dan Wu", "", Some("ann@acme.example"))),
                // Ann now reports to Bob, who reports to Ann: a loop.
                row(4, rec("E1", "Ann Lee", "", Some("E2"))),
            ],
            &snap,
        );
        assert_eq!(p.rejected, 1, "{:?}", messages(&p));
        assert_eq!(messages(&p), ["hr.csv:4: manager cycle: Ann Lee → Bob Roy → Ann Lee"]);
        assert_eq!(p.added, 2);
        let cleo = p.writes.iter().find(|w| w.fields.full_name == "Cleo Park").unwrap();
        let dan = p.writes.iter().position(|w| w.fields.full_name == "Dan Wu").unwrap();
        assert_eq!(cleo.manager, ManagerTarget::Row(dan), "a manager in the same file is the row written");
        assert_eq!(p.writes[dan].manager, ManagerTarget::Person(1));
    }

    #[test]
    fn an_unknown_manager_is_a_warning_and_a_self_manager_a_rejection() {
        let p = plan(
            "hr.csv",
            Unit::Line,
            vec![row(2, rec("X1", "Eve", "", Some("nobody@x.example"))), row(3, rec("X2", "Fay", "", Some("X2")))],
            &Snapshot::default(),
        );
        assert_eq!((p.added, p.rejected), (1, 1));
        assert_eq!(p.warnings.len(), 1);
        assert!(p.warnings[0].message.contains("neither in this file nor in the directory"), "{:?}", p.warnings);
        assert!(p.problems[0].message.contains("is this person themself"), "{:?}", p.problems);
    }

    #[test]
    fn an_unchanged_row_writes_nothing_and_a_change_is_in_the_history() {
        let snap = snapshot();
        let mut title = rec("E1", "Ann Lee", "", None);
        title.title = Some("CEO".into());
        let p = plan("hr.csv", Unit::Line, vec![row(2, rec("E2", "Bob Roy", "", None)), row(3, title)], &snap);
        assert_eq!((p.unchanged, p.updated, p.added), (1, 1, 0));
        assert_eq!(p.numbers, vec![3], "only the changed row is written");
        let change = &p.writes[0].changes;
        assert_eq!(change.len(), 1, "{change:?}");
        assert_eq!((change[0].field, change[0].new.as_deref()), ("title", Some("CEO")));
        assert_eq!(p.writes[0].fields.emails, ["ann@acme.example"], "stored e-mails are kept");
    }
}
