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
use crate::directory::{PersonFields, PersonId};

mod fields;
mod managers;

use fields::{diff, fresh, merge};
use managers::{find_cycles, node_name, resolve_managers, row_of, rows_by_target};

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
        let mut seen_ext: HashMap<&str, usize> = HashMap::with_capacity_and_hasher(good.len(), Default::default());
        let mut seen_email: HashMap<&str, usize> = HashMap::with_capacity_and_hasher(good.len(), Default::default());
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

#[cfg(test)]
mod tests;
