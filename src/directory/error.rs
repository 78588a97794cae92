/// What is wrong with one value, whatever field or column it came from.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ValueProblem {
    #[error("{0:?} is not an email address")]
    InvalidEmail(String),
    #[error("{value:?} is out of range; expected a whole number from {min} to {max}")]
    OutOfRange { value: String, min: u8, max: u8 },
    #[error("{0:?} is not a date; expected YYYY-MM-DD, e.g. 2024-03-31")]
    InvalidDate(String),
    #[error("{value:?} is not one of {expected}")]
    InvalidChoice { value: String, expected: &'static str },
    #[error("a value is required")]
    Required,
    #[error("value is {len} bytes long; the limit is {max} bytes")]
    TooLong { len: usize, max: usize },
    #[error("value contains a control character ({code:#04x})")]
    ControlCharacter { code: u32 },
}

/// Why an edit to the directory was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DirectoryError {
    #[error("field \"{field}\": {problem}")]
    Invalid { field: &'static str, problem: ValueProblem },
    #[error("unknown field {0:?}; fields are: {fields}", fields = crate::directory::Field::editable_names().join(", "))]
    UnknownField(String),
    #[error("expected FIELD=VALUE, got {0:?}")]
    BadAssignment(String),
    #[error("no person matches {0:?} (use an id, an email or an external id)")]
    PersonNotFound(String),
    #[error("{name} cannot be their own manager")]
    ManagerIsSelf { name: String },
    #[error("manager cycle: {}", .names.join(" → "))]
    ManagerCycle { names: Vec<String> },
    #[error("no single {kind} named {name:?} ({matches} found); use `chorus overview` to see the names")]
    UnknownOrgUnit { kind: &'static str, name: String, matches: usize },
    #[error("a {kind} named {name:?} already exists")]
    OrgUnitExists { kind: &'static str, name: String },
    #[error("email {email} already belongs to {owner}")]
    EmailTaken { email: String, owner: String },
    #[error("external id {external_id:?} already belongs to {owner}")]
    ExternalIdTaken { external_id: String, owner: String },
}

impl DirectoryError {
    pub fn code(&self) -> &'static str {
        match self {
            DirectoryError::PersonNotFound(_) | DirectoryError::UnknownOrgUnit { .. } => "not_found",
            DirectoryError::OrgUnitExists { .. } => "conflict",
            DirectoryError::ManagerIsSelf { .. } | DirectoryError::ManagerCycle { .. } => "manager_cycle",
            DirectoryError::EmailTaken { .. } | DirectoryError::ExternalIdTaken { .. } => "conflict",
            _ => "invalid",
        }
    }
}
