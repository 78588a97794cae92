//! What a people list asks for: words to search, filters, sort and page.

use serde::{Deserialize, Serialize};

use super::{Attitude, Flag};

/// A column a people list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortColumn {
    /// Best match first when searching; by name otherwise.
    #[default]
    Relevance,
    Name,
    ExternalId,
    Email,
    Title,
    Department,
    Team,
    Location,
    Country,
    Manager,
    HireDate,
    Influence,
    Interest,
    Attitude,
    LastContact,
    Id,
}

impl SortColumn {
    pub const ALL: [SortColumn; 16] = [
        SortColumn::Relevance,
        SortColumn::Name,
        SortColumn::ExternalId,
        SortColumn::Email,
        SortColumn::Title,
        SortColumn::Department,
        SortColumn::Team,
        SortColumn::Location,
        SortColumn::Country,
        SortColumn::Manager,
        SortColumn::HireDate,
        SortColumn::Influence,
        SortColumn::Interest,
        SortColumn::Attitude,
        SortColumn::LastContact,
        SortColumn::Id,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SortColumn::Relevance => "relevance",
            SortColumn::Name => "name",
            SortColumn::ExternalId => "external_id",
            SortColumn::Email => "email",
            SortColumn::Title => "title",
            SortColumn::Department => "department",
            SortColumn::Team => "team",
            SortColumn::Location => "location",
            SortColumn::Country => "country",
            SortColumn::Manager => "manager",
            SortColumn::HireDate => "hire_date",
            SortColumn::Influence => "influence",
            SortColumn::Interest => "interest",
            SortColumn::Attitude => "attitude",
            SortColumn::LastContact => "last_contact",
            SortColumn::Id => "id",
        }
    }

    pub fn parse(s: &str) -> Option<SortColumn> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        SortColumn::ALL.into_iter().find(|c| c.name() == s)
    }
}

/// A request for one page of people. Every field may be left out in JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    /// Words typed in a search box; each word matches as a prefix, accents and
    /// case ignored. Empty means everyone.
    pub text: String,
    pub department: Option<String>,
    pub team: Option<String>,
    pub location: Option<String>,
    pub tag: Option<String>,
    /// People must carry every flag listed.
    pub flags: Vec<Flag>,
    pub attitude: Option<Attitude>,
    /// Only people with both influence and interest set (the stakeholder map).
    pub assessed: bool,
    pub sort: SortColumn,
    pub descending: bool,
    /// At most this many rows; `None` for all of them.
    pub limit: Option<u32>,
    pub offset: u32,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            text: String::new(),
            department: None,
            team: None,
            location: None,
            tag: None,
            flags: Vec::new(),
            attitude: None,
            assessed: false,
            sort: SortColumn::Relevance,
            descending: false,
            limit: Some(50),
            offset: 0,
        }
    }
}

/// One page of results and how many match in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub total: u64,
    pub offset: u32,
    pub items: Vec<T>,
}
