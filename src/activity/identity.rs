//! Who is who: tying an account on a tool to a person of the directory. By
//! e-mail, then by the account's id being a person's external (HR) id, then
//! by display name when exactly one person has it; the rest wait for review,
//! with suggestions. Pure: the store loads the directory's keys and persists
//! the ties.

use super::Resolution;
use crate::directory::PersonId;
use crate::text::FastMap;

/// An account waiting to be tied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub id: i64,
    pub source_id: String,
    pub name: Option<String>,
    pub email: Option<String>,
}

/// What the directory is looked up by.
#[derive(Debug, Clone, Default)]
pub struct PeopleKeys {
    /// E-mail, compared without ASCII case.
    emails: FastMap<String, PersonId>,
    external_ids: FastMap<String, PersonId>,
    /// Trimmed, lower-cased name → the one person with it (`None`: shared).
    names: FastMap<String, Option<PersonId>>,
}

fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl PeopleKeys {
    pub fn add_email(&mut self, email: &str, person: PersonId) {
        self.emails.insert(email.to_ascii_lowercase(), person);
    }
    pub fn add_external_id(&mut self, id: &str, person: PersonId) {
        self.external_ids.insert(id.to_owned(), person);
    }
    pub fn add_name(&mut self, name: &str, person: PersonId) {
        self.names.entry(name_key(name)).and_modify(|p| *p = None).or_insert(Some(person));
    }
}

/// What a key (an e-mail, an external id or a full name) finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    Found(PersonId),
    /// More than one person has this name.
    Shared,
    Unknown,
}

impl PeopleKeys {
    /// The person a key names, by the account rules: e-mail, then external
    /// id, then a name exactly one person has.
    pub fn lookup(&self, key: &str) -> Lookup {
        let key = key.trim();
        if let Some(&p) = self.emails.get(&key.to_ascii_lowercase()).or_else(|| self.external_ids.get(key)) {
            return Lookup::Found(p);
        }
        match self.names.get(&name_key(key)) {
            Some(Some(p)) => Lookup::Found(*p),
            Some(None) => Lookup::Shared,
            None => Lookup::Unknown,
        }
    }
}

/// The person each account is tied to, and by which rule, for the accounts
/// a rule ties.
pub fn tie(pending: &[Pending], people: &PeopleKeys) -> Vec<(i64, PersonId, Resolution)> {
    pending
        .iter()
        .filter_map(|a| {
            let by_email = a.email.as_deref().and_then(|e| people.emails.get(&e.to_ascii_lowercase()));
            let tied = by_email
                .map(|&p| (p, Resolution::Email))
                .or_else(|| people.external_ids.get(&a.source_id).map(|&p| (p, Resolution::ExternalId)))
                .or_else(|| {
                    let name = a.name.as_deref()?;
                    people.names.get(&name_key(name)).copied().flatten().map(|p| (p, Resolution::Name))
                });
            tied.map(|(p, how)| (a.id, p, how))
        })
        .collect()
}

/// How many accounts each rule tied: e-mail, external id, name.
pub fn count_ties(ties: &[(i64, PersonId, Resolution)]) -> [u64; 3] {
    let mut n = [0; 3];
    for (_, _, how) in ties {
        match how {
            Resolution::Email => n[0] += 1,
            Resolution::ExternalId => n[1] += 1,
            _ => n[2] += 1,
        }
    }
    n
}

/// A person of the directory, as suggestions read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: PersonId,
    pub name: String,
    /// The name folded (accents, case).
    pub key: String,
}

/// People whose folded name matches the account's, or whose folded name is
/// the account's e-mail local part; failing that, people with the same last
/// word (surname) and first letter. At most five.
pub fn suggest(name: Option<&str>, email: Option<&str>, people: &[Candidate]) -> Vec<(PersonId, String)> {
    let name = name.map(crate::text::fold).unwrap_or_default();
    let local = email.and_then(|e| e.split('@').next()).map(|l| crate::text::fold(&l.replace(['.', '_', '-'], " ")));
    let mut out: Vec<(PersonId, String)> = people
        .iter()
        .filter(|c| (!name.is_empty() && c.key == name) || local.as_deref() == Some(c.key.as_str()))
        .map(|c| (c.id, c.name.clone()))
        .collect();
    if out.is_empty() && !name.is_empty() {
        let last = name.split(' ').next_back().unwrap_or("");
        let first = name.chars().next();
        out = people
            .iter()
            .filter(|c| c.key.split(' ').next_back() == Some(last) && c.key.chars().next() == first)
            .take(5)
            .map(|c| (c.id, c.name.clone()))
            .collect();
    }
    out.truncate(5);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(id: i64, source: &str, name: Option<&str>, email: Option<&str>) -> Pending {
        Pending { id, source_id: source.into(), name: name.map(Into::into), email: email.map(Into::into) }
    }

    #[test]
    fn ties_by_email_then_external_id_then_a_unique_name() {
        let mut keys = PeopleKeys::default();
        keys.add_email("Ann.Lee@Example.org", 1);
        keys.add_external_id("E-2", 2);
        keys.add_name("Bo Chen", 3);
        keys.add_name("Sam Park", 4);
        keys.add_name(" sam park ", 5);
        let accounts = [
            pending(10, "U1", Some("Someone"), Some("ann.lee@example.ORG")),
            pending(11, "E-2", Some("Ann Lee"), None),
            pending(12, "U3", Some("  BO CHEN"), Some("bo@elsewhere.org")),
            pending(13, "U4", Some("Sam Park"), None),
            pending(14, "e-2", None, None),
        ];
        let ties = tie(&accounts, &keys);
        assert_eq!(
            ties,
            [(10, 1, Resolution::Email), (11, 2, Resolution::ExternalId), (12, 3, Resolution::Name)],
            "e-mail ignores case; external ids are exact; a name two people share ties no one"
        );
        assert_eq!(count_ties(&ties), [1, 1, 1]);
    }

    #[test]
    fn suggests_by_folded_name_email_local_part_or_surname() {
        let c = |id, name: &str| Candidate { id, name: name.into(), key: crate::text::fold(name) };
        let people = [c(1, "Zoë Ångström"), c(2, "Zeno Ångström"), c(3, "Ana Silva"), c(4, "Ann Other")];
        assert_eq!(suggest(Some("zoe angstrom"), None, &people), [(1, "Zoë Ångström".to_owned())]);
        assert_eq!(suggest(None, Some("ana.silva@partner.example"), &people), [(3, "Ana Silva".to_owned())]);
        let by_surname = suggest(Some("Z. Angstrom"), None, &people);
        assert_eq!(by_surname.iter().map(|s| s.0).collect::<Vec<_>>(), [1, 2], "same surname and initial");
        assert!(suggest(Some("Nobody Here"), None, &people).is_empty());
    }
}
