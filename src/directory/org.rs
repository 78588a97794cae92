//! Org units (departments, teams, locations) and the directory's headline
//! counts.

/// Which kind of org unit to list or rename.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgUnitKind {
    Department,
    Team,
    Location,
}

impl OrgUnitKind {
    pub fn parse(s: &str) -> Option<OrgUnitKind> {
        match s {
            "department" => Some(OrgUnitKind::Department),
            "team" => Some(OrgUnitKind::Team),
            "location" => Some(OrgUnitKind::Location),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            OrgUnitKind::Department => "department",
            OrgUnitKind::Team => "team",
            OrgUnitKind::Location => "location",
        }
    }
}

/// Headline counts of the directory, for the CLI's overview and the app's
/// first screen.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Overview {
    pub people: u64,
    pub departments: Vec<(String, u64)>,
    pub locations: Vec<(String, u64)>,
    pub executives: u64,
    pub it_allies: u64,
    pub champions: u64,
    pub assessed: u64,
    /// People per attitude, in the order champion → blocker.
    pub attitudes: Vec<(String, u64)>,
    pub imports: u64,
}
