//! A planned person's fields: a new one's from the record, a stored one's
//! overlaid with the row, and the changes between them for the history.

use crate::directory::{PersonFields, PersonRecord, Stakeholder};
use crate::ingest::writes::FieldChange;

/// A stored person's fields overlaid with what the row gives.
pub(super) fn merge(base: &PersonFields, rec: &PersonRecord) -> PersonFields {
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
pub(super) fn fresh(rec: PersonRecord) -> PersonFields {
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
pub(super) fn sort_lists(f: &mut PersonFields) {
    f.tags.sort();
    f.skills.sort_by(|a, b| (a.name.as_str(), a.source).cmp(&(b.name.as_str(), b.source)));
}

/// Field-by-field changes, for the history.
pub(super) fn diff(old: &PersonFields, new: &PersonFields) -> Vec<FieldChange> {
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
