use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A person's stable internal id (never reused).
pub type PersonId = i64;

/// How a stakeholder stands towards the internal-communications programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Attitude {
    Champion,
    Supporter,
    Neutral,
    Sceptic,
    Blocker,
}

impl Attitude {
    pub const ALL: [Attitude; 5] =
        [Attitude::Champion, Attitude::Supporter, Attitude::Neutral, Attitude::Sceptic, Attitude::Blocker];

    pub fn as_str(self) -> &'static str {
        match self {
            Attitude::Champion => "champion",
            Attitude::Supporter => "supporter",
            Attitude::Neutral => "neutral",
            Attitude::Sceptic => "sceptic",
            Attitude::Blocker => "blocker",
        }
    }

    /// Parses the name, accepting the American "skeptic" too.
    pub fn parse(s: &str) -> Option<Attitude> {
        match crate::text::fold(s.trim()).as_str() {
            "champion" => Some(Attitude::Champion),
            "supporter" => Some(Attitude::Supporter),
            "neutral" => Some(Attitude::Neutral),
            "sceptic" | "skeptic" => Some(Attitude::Sceptic),
            "blocker" => Some(Attitude::Blocker),
            _ => None,
        }
    }
}

/// Role flags a strategist sets on people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    Executive,
    ItAlly,
    Champion,
}

impl Flag {
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Executive => "executive",
            Flag::ItAlly => "it-ally",
            Flag::Champion => "champion",
        }
    }

    pub fn parse(s: &str) -> Option<Flag> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "executive" | "exec" => Some(Flag::Executive),
            "it-ally" | "it" => Some(Flag::ItAlly),
            "champion" => Some(Flag::Champion),
            _ => None,
        }
    }
}

/// Where a talent tag came from: the person said so, or it was seen in activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SkillSource {
    Declared,
    Observed,
}

impl SkillSource {
    pub fn as_str(self) -> &'static str {
        match self {
            SkillSource::Declared => "declared",
            SkillSource::Observed => "observed",
        }
    }

    pub fn parse(s: &str) -> Option<SkillSource> {
        match s {
            "declared" => Some(SkillSource::Declared),
            "observed" => Some(SkillSource::Observed),
            _ => None,
        }
    }
}

/// An expertise tag on a person, with its source.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Skill {
    pub name: String,
    pub source: SkillSource,
}

/// The stakeholder assessment of a person. Every part is optional: most people
/// in a directory are never assessed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stakeholder {
    pub influence: Option<u8>,
    pub interest: Option<u8>,
    pub attitude: Option<Attitude>,
    pub executive: bool,
    pub it_ally: bool,
    pub champion: bool,
    pub last_contact: Option<NaiveDate>,
}

/// Where a stakeholder sits on the power/interest grid. Influence or
/// interest of 4–5 counts as high, 1–3 as low.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// High influence, high interest.
    ManageClosely,
    /// High influence, lower interest.
    KeepSatisfied,
    /// Lower influence, high interest.
    KeepInformed,
    /// Lower influence, lower interest.
    Monitor,
}

impl Quadrant {
    pub fn label(self) -> &'static str {
        match self {
            Quadrant::ManageClosely => "manage closely",
            Quadrant::KeepSatisfied => "keep satisfied",
            Quadrant::KeepInformed => "keep informed",
            Quadrant::Monitor => "monitor",
        }
    }

    /// The quadrant of an assessed person; `None` until both are set.
    pub fn of(influence: Option<u8>, interest: Option<u8>) -> Option<Quadrant> {
        let (high_influence, high_interest) = (influence? >= 4, interest? >= 4);
        Some(match (high_influence, high_interest) {
            (true, true) => Quadrant::ManageClosely,
            (true, false) => Quadrant::KeepSatisfied,
            (false, true) => Quadrant::KeepInformed,
            (false, false) => Quadrant::Monitor,
        })
    }
}

/// A short reference to a person, for managers and reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonRef {
    pub id: PersonId,
    pub full_name: String,
}

/// One person with everything the directory knows about them: their stored
/// fields, their manager and reports, and when they were created and last
/// changed. (Serialised flat: the fields sit beside `id`.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    #[serde(flatten)]
    pub fields: PersonFields,
    pub manager: Option<PersonRef>,
    pub reports: Vec<PersonRef>,
    pub created_at: String,
    pub updated_at: String,
}

/// One line of a people list: what a table row shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonRow {
    pub id: PersonId,
    pub external_id: Option<String>,
    pub full_name: String,
    pub preferred_name: Option<String>,
    pub email: Option<String>,
    pub title: Option<String>,
    pub department: Option<String>,
    pub team: Option<String>,
    pub location: Option<String>,
    pub country: Option<String>,
    pub manager: Option<String>,
    pub hire_date: Option<NaiveDate>,
    pub influence: Option<u8>,
    pub interest: Option<u8>,
    pub attitude: Option<Attitude>,
    pub executive: bool,
    pub it_ally: bool,
    pub champion: bool,
    pub last_contact: Option<NaiveDate>,
    pub tags: Vec<String>,
    /// Where they sit on the stakeholder map, when assessed.
    pub quadrant: Option<Quadrant>,
}

/// One recorded change to a person, newest first when listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub at: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    /// `edit`, or `import #N (file)`, or `demo`.
    pub source: String,
}

/// A person as an importer or the demo generator supplies them, already
/// validated. `None` (or an empty list) means "not given": the stored value,
/// if any, is kept. Lists are merged into what is stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonRecord {
    pub external_id: Option<String>,
    pub full_name: String,
    pub preferred_name: Option<String>,
    pub emails: Vec<String>,
    pub title: Option<String>,
    pub department: Option<String>,
    pub team: Option<String>,
    pub location: Option<String>,
    pub country: Option<String>,
    /// The manager's external id or email, resolved once every row is known.
    pub manager_ref: Option<String>,
    pub hire_date: Option<NaiveDate>,
    pub languages: Vec<String>,
    pub tags: Vec<String>,
    pub skills: Vec<Skill>,
    pub notes: Option<String>,
    pub influence: Option<u8>,
    pub interest: Option<u8>,
    pub attitude: Option<Attitude>,
    pub executive: Option<bool>,
    pub it_ally: Option<bool>,
    pub champion: Option<bool>,
    pub last_contact: Option<NaiveDate>,
}

/// Everything stored about a person except their id, manager and timestamps:
/// what an import compares and writes, and what [`Person`] shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonFields {
    pub external_id: Option<String>,
    pub full_name: String,
    pub preferred_name: Option<String>,
    /// The primary address first.
    pub emails: Vec<String>,
    pub title: Option<String>,
    pub department: Option<String>,
    pub team: Option<String>,
    pub location: Option<String>,
    pub country: Option<String>,
    pub hire_date: Option<NaiveDate>,
    pub languages: Vec<String>,
    pub tags: Vec<String>,
    pub skills: Vec<Skill>,
    pub notes: Option<String>,
    pub stakeholder: Stakeholder,
}

/// A person as stored, for planning an import against.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPerson {
    pub id: PersonId,
    pub fields: PersonFields,
    pub manager_id: Option<PersonId>,
}

#[cfg(test)]
mod tests {
    use super::Quadrant;

    #[test]
    fn quadrants_split_at_four() {
        assert_eq!(Quadrant::of(Some(5), Some(4)), Some(Quadrant::ManageClosely));
        assert_eq!(Quadrant::of(Some(4), Some(3)), Some(Quadrant::KeepSatisfied));
        assert_eq!(Quadrant::of(Some(3), Some(5)), Some(Quadrant::KeepInformed));
        assert_eq!(Quadrant::of(Some(1), Some(3)), Some(Quadrant::Monitor));
        assert_eq!(Quadrant::of(None, Some(5)), None, "not on the map until both are set");
    }
}
