//! The database schema as an ordered list of migrations. A migration that has
//! shipped is never edited, only followed by a new one (test: `validate`).

use rusqlite_migration::{M, Migrations};

/// `PRAGMA application_id` of a Chorus database ("CHOR").
pub const APPLICATION_ID: i32 = 0x4348_4f52;

const V1_DIRECTORY: &str = r#"
CREATE TABLE departments (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE teams (
    id            INTEGER PRIMARY KEY,
    department_id INTEGER REFERENCES departments(id) ON DELETE CASCADE,
    name          TEXT NOT NULL COLLATE NOCASE
);
CREATE UNIQUE INDEX teams_key ON teams(ifnull(department_id, 0), name);
CREATE TABLE locations (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE people (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    external_id    TEXT UNIQUE,
    full_name      TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
    name_key       TEXT NOT NULL, -- full_name folded (accents, case) for sorting
    preferred_name TEXT,
    title          TEXT,
    department_id  INTEGER REFERENCES departments(id),
    team_id        INTEGER REFERENCES teams(id),
    location_id    INTEGER REFERENCES locations(id),
    country        TEXT,
    manager_id     INTEGER REFERENCES people(id) ON DELETE SET NULL CHECK (manager_id IS NOT id),
    hire_date      TEXT,
    languages      TEXT,
    notes          TEXT,
    influence      INTEGER CHECK (influence BETWEEN 1 AND 5),
    interest       INTEGER CHECK (interest BETWEEN 1 AND 5),
    attitude       TEXT CHECK (attitude IN ('champion', 'supporter', 'neutral', 'sceptic', 'blocker')),
    is_executive   INTEGER NOT NULL DEFAULT 0,
    is_it_ally     INTEGER NOT NULL DEFAULT 0,
    is_champion    INTEGER NOT NULL DEFAULT 0,
    last_contact   TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX people_department ON people(department_id);
CREATE INDEX people_team ON people(team_id);
CREATE INDEX people_location ON people(location_id);
CREATE INDEX people_manager ON people(manager_id);
CREATE INDEX people_name ON people(name_key);

CREATE TABLE person_emails (
    email      TEXT PRIMARY KEY COLLATE NOCASE,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX person_emails_person ON person_emails(person_id, position);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE person_tags (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    tag_id    INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX person_tags_tag ON person_tags(tag_id);

CREATE TABLE skills (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE person_skills (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    skill_id  INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    source    TEXT NOT NULL CHECK (source IN ('declared', 'observed')),
    PRIMARY KEY (person_id, skill_id, source)
) WITHOUT ROWID;
CREATE INDEX person_skills_skill ON person_skills(skill_id);

CREATE TABLE person_changes (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    at        TEXT NOT NULL,
    field     TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    source    TEXT NOT NULL
);
CREATE INDEX person_changes_person ON person_changes(person_id, id);

CREATE TABLE imports (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    added     INTEGER NOT NULL,
    updated   INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    rejected  INTEGER NOT NULL,
    at        TEXT NOT NULL
);
"#;

/// Activity from internal social tools: tools, their channels, the accounts
/// that act on them (actors, each resolved to a person or waiting for review),
/// the events themselves, and the rollups the dashboard reads instead of
/// scanning events. Events carry no foreign keys: the importer resolves every
/// reference before writing, and an FK lookup per event would halve import
/// speed.
const V2_ACTIVITY: &str = r#"
CREATE TABLE tools (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('slack', 'engage', 'teams', 'workplace', 'linkedin', 'other')),
    name         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    rollout_date TEXT,
    events       INTEGER NOT NULL DEFAULT 0 -- rows in `events`, kept by each import
);
CREATE TABLE channels (
    id         INTEGER PRIMARY KEY,
    tool_id    INTEGER NOT NULL REFERENCES tools(id) ON DELETE CASCADE,
    source_id  TEXT NOT NULL,
    name       TEXT NOT NULL,
    is_private INTEGER NOT NULL DEFAULT 0,
    UNIQUE (tool_id, source_id)
);
CREATE TABLE actors (
    id         INTEGER PRIMARY KEY,
    tool_id    INTEGER NOT NULL REFERENCES tools(id) ON DELETE CASCADE,
    source_id  TEXT NOT NULL,
    name       TEXT,
    email      TEXT COLLATE NOCASE,
    person_id  INTEGER REFERENCES people(id) ON DELETE SET NULL,
    -- how the actor was tied to a person; NULL: waiting for review
    resolution TEXT CHECK (resolution IN ('email', 'external_id', 'name', 'linked', 'created', 'ignored', 'bot')),
    first_at   INTEGER, -- Unix seconds of the account's first counted activity
    UNIQUE (tool_id, source_id)
);
CREATE INDEX actors_person ON actors(person_id);

-- Keyed by tool, time and the hash of the source's own identity for the
-- event (an event's identity includes its time), clustered in that order:
-- a time-ordered export is appended at the end of one B-tree, and reading
-- an export twice finds every event already there.
CREATE TABLE events (
    tool_id         INTEGER NOT NULL,
    at              INTEGER NOT NULL, -- Unix seconds, UTC
    key             INTEGER NOT NULL, -- 64-bit hash of the source's identity for the event
    kind            INTEGER NOT NULL, -- 1 post, 2 reply, 3 reaction, 4 mention, 5 share
    actor_id        INTEGER NOT NULL,
    channel_id      INTEGER,
    parent_key      INTEGER,
    target_actor_id INTEGER,
    deleted         INTEGER NOT NULL DEFAULT 0,
    excerpt         TEXT,
    PRIMARY KEY (tool_id, at, key)
) WITHOUT ROWID;

-- One row per actor and day (days since 1970-01-01, UTC).
CREATE TABLE activity_days (
    actor_id  INTEGER NOT NULL,
    day       INTEGER NOT NULL,
    posts     INTEGER NOT NULL DEFAULT 0,
    replies   INTEGER NOT NULL DEFAULT 0,
    reactions INTEGER NOT NULL DEFAULT 0,
    mentions  INTEGER NOT NULL DEFAULT 0,
    shares    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (actor_id, day)
) WITHOUT ROWID;
-- Who was active in each channel, and in which months of a year: bit m of
-- `months` (0 = January) is set when the account did anything there then.
CREATE TABLE channel_members (
    channel_id INTEGER NOT NULL,
    actor_id   INTEGER NOT NULL,
    year       INTEGER NOT NULL,
    months     INTEGER NOT NULL,
    PRIMARY KEY (channel_id, actor_id, year)
) WITHOUT ROWID;
-- For each post that got a reply from someone else: how long the first took.
CREATE TABLE first_replies (
    tool_id  INTEGER NOT NULL,
    post_at  INTEGER NOT NULL,
    post_key INTEGER NOT NULL,
    actor_id INTEGER NOT NULL,
    day      INTEGER NOT NULL,
    seconds  INTEGER NOT NULL,
    PRIMARY KEY (tool_id, post_at, post_key)
) WITHOUT ROWID;
-- Usage reports (per person per period counts), kept so that a report read
-- twice is recognised and overlapping reports are refused.
CREATE TABLE usage_reports (
    id           INTEGER PRIMARY KEY,
    tool_id      INTEGER NOT NULL REFERENCES tools(id) ON DELETE CASCADE,
    first_day    INTEGER NOT NULL,
    last_day     INTEGER NOT NULL,
    sha256       TEXT NOT NULL
);
ALTER TABLE imports ADD COLUMN tool_id INTEGER REFERENCES tools(id) ON DELETE SET NULL;
"#;

/// Packed rollups: one row per account and month instead of one per account
/// and day, one row per account and year instead of one per channel, account
/// and year (see `store/activity/packed.rs`); the rows of v2 are moved over
/// by [`pack_rollups`].
const V3_PACKED_ROLLUPS: &str = r#"
CREATE TABLE activity_months (
    actor_id  INTEGER NOT NULL,
    month     INTEGER NOT NULL, -- months since 1970-01
    first_day INTEGER NOT NULL, -- days since 1970-01-01 of the first and last active day
    last_day  INTEGER NOT NULL,
    total     INTEGER NOT NULL, -- every count of every day added up
    days      BLOB NOT NULL,    -- (day of month, posts, replies, reactions, mentions, shares)…
    PRIMARY KEY (actor_id, month)
) WITHOUT ROWID;
CREATE TABLE actor_channels (
    actor_id INTEGER NOT NULL,
    year     INTEGER NOT NULL,
    channels BLOB NOT NULL, -- (channel id delta, months as bits)…
    PRIMARY KEY (actor_id, year)
) WITHOUT ROWID;
"#;

/// Moves v2's day and channel rollups into the packed tables, then drops
/// the old ones.
fn pack_rollups(tx: &rusqlite::Transaction) -> rusqlite_migration::HookResult {
    use crate::activity::rollup::{ChannelYear, DayRow, Rollups};
    let mut days: Vec<DayRow> = Vec::new();
    {
        let mut st = tx.prepare(
            "SELECT actor_id, day, posts, replies, reactions, mentions, shares FROM activity_days ORDER BY actor_id, day",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            days.push(DayRow {
                actor: r.get(0)?,
                day: r.get(1)?,
                counts: [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?],
            });
        }
    }
    let mut channel_years: Vec<ChannelYear> = Vec::new();
    {
        let mut st = tx.prepare(
            "SELECT channel_id, actor_id, year, months FROM channel_members ORDER BY actor_id, year, channel_id",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            channel_years.push(ChannelYear {
                channel: r.get(0)?,
                actor: r.get(1)?,
                year: r.get(2)?,
                months: r.get(3)?,
            });
        }
    }
    let rollups = Rollups { days, channel_years, ..Rollups::default() };
    super::activity::merge_packed(tx, &rollups).map_err(|e| match e {
        super::StoreError::Sqlite(e) => rusqlite_migration::HookError::RusqliteError(e),
        e => rusqlite_migration::HookError::Hook(e.to_string()),
    })?;
    tx.execute_batch("DROP TABLE activity_days; DROP TABLE channel_members;")?;
    Ok(())
}

/// v4: every export (deck, PDF, workbook, chart, people list) is logged:
/// what left, when, and where to; saved decks keep their storyline (JSON)
/// and the headline figures of their last run; settings (the brand, its
/// logo, the privacy threshold) are kept by key; evidence cards (a
/// statement, its source, a date) wait to be placed on slides.
const V4_EXPORTS: &str = r#"
CREATE TABLE exports (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    kind   TEXT NOT NULL,
    what   TEXT NOT NULL,
    path   TEXT NOT NULL,
    bytes  INTEGER NOT NULL
) STRICT;

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  BLOB NOT NULL
) STRICT;

CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    statement   TEXT NOT NULL CHECK (length(trim(statement)) > 0),
    source      TEXT NOT NULL CHECK (length(trim(source)) > 0),
    date        TEXT,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE saved_decks (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    spec      TEXT NOT NULL,
    saved_at  TEXT NOT NULL,
    last_run  TEXT
) STRICT;
"#;

/// v5: the interaction network's rollup — interactions from one account to
/// another per month (months since 1970-01), kept by every import so the
/// graph of a year never scans events; filled from the events already held.
/// Survey ties: who named whom, per question.
/// Segments: the strategist's overrides (a label added or removed, with a
/// reason) and the labels of each period computed, for trajectories.
const V5_TIES: &str = r#"
CREATE TABLE segment_overrides (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    segment   TEXT NOT NULL,
    is_added  INTEGER NOT NULL CHECK (is_added IN (0, 1)),
    reason    TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    at        TEXT NOT NULL,
    PRIMARY KEY (person_id, segment)
) STRICT;
CREATE TABLE segment_history (
    period_from TEXT NOT NULL,
    period_to   TEXT NOT NULL,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    segment     TEXT NOT NULL,
    evidence    TEXT NOT NULL,
    PRIMARY KEY (period_from, period_to, person_id, segment)
) STRICT;
CREATE INDEX segment_history_person ON segment_history(person_id);
-- Who named whom in a survey, per question (or an edge list's ties, with
-- their weight); the import that brought it.
CREATE TABLE survey_ties (
    respondent_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    named_id      INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    question      TEXT NOT NULL,
    weight        REAL NOT NULL DEFAULT 1,
    import_id     INTEGER REFERENCES imports(id) ON DELETE SET NULL,
    PRIMARY KEY (respondent_id, named_id, question)
) WITHOUT ROWID;
-- One row per account and year: its interactions with each other account
-- in each month, packed (see store/activity/packed.rs).
CREATE TABLE tie_years (
    source_id INTEGER NOT NULL, -- actors(id)
    year      INTEGER NOT NULL, -- years since 1970
    ties      BLOB NOT NULL,    -- (target id delta, month 0-11, count)…
    PRIMARY KEY (source_id, year)
) WITHOUT ROWID;
"#;

/// The ties of the events already held, for the v5 migration.
pub(super) const EVENT_TIES: &str = "SELECT actor_id, target_actor_id, \
       (CAST(strftime('%Y', at, 'unixepoch') AS INTEGER) - 1970) * 12 \
         + CAST(strftime('%m', at, 'unixepoch') AS INTEGER) - 1, \
       count(*) \
FROM events \
WHERE target_actor_id IS NOT NULL AND target_actor_id != actor_id AND deleted = 0 AND kind IN (2, 3, 4, 5) \
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";

/// Fills `tie_years` from the events held.
pub(crate) fn fill_ties(tx: &rusqlite::Connection) -> Result<(), super::StoreError> {
    use crate::activity::rollup::TieRow;
    let rows: Vec<TieRow> = tx
        .prepare(EVENT_TIES)?
        .query_map([], |r| Ok(TieRow { from: r.get(0)?, to: r.get(1)?, month: r.get(2)?, count: r.get(3)? }))?
        .collect::<rusqlite::Result<_>>()?;
    super::activity::merge_ties(tx, &rows)
}

/// v6: usage reports counted for their tool as a whole (`--totals-only`,
/// for reports with concealed names): one row per report, its period and
/// figures; the report itself is recorded in `usage_reports` like any other,
/// so one read twice is recognised and one overlapping another refused.
const V6_TOOL_TOTALS: &str = r#"
CREATE TABLE tool_totals (
    tool_id    INTEGER NOT NULL REFERENCES tools(id) ON DELETE CASCADE,
    first_day  INTEGER NOT NULL,
    last_day   INTEGER NOT NULL,
    population INTEGER NOT NULL,
    active     INTEGER NOT NULL,
    posts      INTEGER NOT NULL,
    replies    INTEGER NOT NULL,
    reactions  INTEGER NOT NULL,
    PRIMARY KEY (tool_id, first_day)
) STRICT;
"#;

/// v7: a rollout in waves — the date each department or location received a
/// tool (the tool's own `rollout_date` stays the date for everyone else).
const V7_ROLLOUT_WAVES: &str = r#"
CREATE TABLE rollout_waves (
    id            INTEGER PRIMARY KEY,
    tool_id       INTEGER NOT NULL REFERENCES tools(id) ON DELETE CASCADE,
    department_id INTEGER REFERENCES departments(id) ON DELETE CASCADE,
    location_id   INTEGER REFERENCES locations(id) ON DELETE CASCADE,
    date          TEXT NOT NULL,
    CHECK ((department_id IS NULL) <> (location_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX rollout_waves_department ON rollout_waves(tool_id, department_id) WHERE department_id IS NOT NULL;
CREATE UNIQUE INDEX rollout_waves_location ON rollout_waves(tool_id, location_id) WHERE location_id IS NOT NULL;
"#;

/// Every migration, oldest first. `PRAGMA user_version` counts those applied.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1_DIRECTORY),
        M::up(V2_ACTIVITY),
        M::up_with_hook(V3_PACKED_ROLLUPS, pack_rollups),
        M::up(V4_EXPORTS),
        M::up_with_hook(V5_TIES, |tx: &rusqlite::Transaction| {
            fill_ties(tx).map_err(|e| match e {
                super::StoreError::Sqlite(e) => rusqlite_migration::HookError::RusqliteError(e),
                e => rusqlite_migration::HookError::Hook(e.to_string()),
            })
        }),
        M::up(V6_TOOL_TOTALS),
        M::up(V7_ROLLOUT_WAVES),
    ])
}

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    7
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok(), "every migration must apply in order on an empty database");
    }
}
