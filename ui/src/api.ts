// The one module that talks to the Chorus shell. Every command name and every
// type crossing IPC is here, mirroring the Rust side; a test in src-tauri
// checks that the command names match.
import { Channel, invoke } from "@tauri-apps/api/core";

export type Attitude = "champion" | "supporter" | "neutral" | "sceptic" | "blocker";
export const ATTITUDES: Attitude[] = ["champion", "supporter", "neutral", "sceptic", "blocker"];
export type Flag = "executive" | "it-ally" | "champion";
export type Quadrant = "manage_closely" | "keep_satisfied" | "keep_informed" | "monitor";
export type SortColumn =
  | "relevance" | "name" | "external_id" | "email" | "title" | "department" | "team" | "location"
  | "country" | "manager" | "hire_date" | "influence" | "interest" | "attitude" | "last_contact" | "id";

/** Mirrors `chorus::directory::query::ListQuery`; every field is optional. */
export interface ListQuery {
  text?: string;
  department?: string | null;
  team?: string | null;
  location?: string | null;
  tag?: string | null;
  flags?: Flag[];
  attitude?: Attitude | null;
  assessed?: boolean;
  sort?: SortColumn;
  descending?: boolean;
  limit?: number | null;
  offset?: number;
}

export interface Page<T> {
  total: number;
  offset: number;
  items: T[];
}

/** Mirrors `chorus::directory::PersonRow`. */
export interface PersonRow {
  id: number;
  external_id: string | null;
  full_name: string;
  preferred_name: string | null;
  email: string | null;
  title: string | null;
  department: string | null;
  team: string | null;
  location: string | null;
  country: string | null;
  manager: string | null;
  hire_date: string | null;
  influence: number | null;
  interest: number | null;
  attitude: Attitude | null;
  executive: boolean;
  it_ally: boolean;
  champion: boolean;
  last_contact: string | null;
  tags: string[];
  /** Where they sit on the stakeholder map (computed by the core), when assessed. */
  quadrant: Quadrant | null;
}

export interface PersonRef {
  id: number;
  full_name: string;
}

export interface Skill {
  name: string;
  source: "declared" | "observed";
}

export interface Stakeholder {
  influence: number | null;
  interest: number | null;
  attitude: Attitude | null;
  executive: boolean;
  it_ally: boolean;
  champion: boolean;
  last_contact: string | null;
}

/** Mirrors `chorus::directory::Person`. */
export interface Person {
  id: number;
  external_id: string | null;
  full_name: string;
  preferred_name: string | null;
  emails: string[];
  title: string | null;
  department: string | null;
  team: string | null;
  location: string | null;
  country: string | null;
  manager: PersonRef | null;
  reports: PersonRef[];
  hire_date: string | null;
  languages: string[];
  tags: string[];
  skills: Skill[];
  notes: string | null;
  stakeholder: Stakeholder;
  created_at: string;
  updated_at: string;
}

export interface Change {
  at: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  source: string;
}

export interface PersonDetail {
  person: Person;
  changes: Change[];
}

/** Mirrors `chorus::store::Overview`. */
export interface Overview {
  people: number;
  departments: [string, number][];
  locations: [string, number][];
  executives: number;
  it_allies: number;
  champions: number;
  assessed: number;
  attitudes: [string, number][];
  imports: number;
}

export interface DemoSummary {
  people: number;
  added: number;
  updated: number;
  unchanged: number;
  events: number;
  events_added: number;
}

/** The error every command may return: mirrors `IpcError` in src-tauri. */
export interface IpcError {
  code: string;
  message: string;
}

export function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

export function errorText(e: unknown): string {
  return isIpcError(e) ? e.message : String(e);
}

export type OrgUnitKind = "department" | "team" | "location";

/** Mirrors `ImportRequest` in src-tauri: the file and the mapping as left by the user. */
export interface ImportRequest {
  path: string;
  /** [column, field] pairs; a null field leaves the column out. */
  mapping?: [string, string | null][];
  skip_bad_rows?: boolean;
}

/** Mirrors `chorus::ingest::Preview`. */
export interface Preview {
  file: string;
  format: "csv" | "workbook" | "slack-users";
  encoding: string | null;
  headers: string[];
  mapping: (string | null)[];
  rows: string[][];
  total_rows: number;
  fields: string[];
}

export interface RowProblem {
  file: string;
  unit: "line" | "row" | "entry";
  number: number;
  column: string | null;
  message: string;
  /** The whole sentence, as the CLI prints it: `people.csv:17: column "Email": …`. */
  text: string;
}

/** Mirrors `chorus::ingest::ImportReport`. */
export interface ImportReport {
  file: string;
  format: string;
  encoding: string | null;
  mapping: [string, string | null][];
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  skipped: [number, string][];
  problems: RowProblem[];
  warnings: RowProblem[];
  dry_run: boolean;
  import_id: number | null;
}

/** Mirrors `chorus::ingest::Progress`. */
export interface Progress {
  stage: "reading" | "validating" | "planning" | "writing";
  done: number;
  total: number;
}

// ---- Activity -------------------------------------------------------------

export type ExportFormat = "slack" | "engage" | "m365" | "events";
export type ToolKind = "slack" | "engage" | "teams" | "workplace" | "linkedin" | "other";
export type Category = "innovator" | "early_adopter" | "early_majority" | "late_majority" | "laggard";
export type Resolution = "email" | "external_id" | "name" | "linked" | "created" | "ignored" | "bot";

/** Mirrors `ActivityRequest` in src-tauri. */
export interface ActivityRequest {
  format: ExportFormat;
  path: string;
  tool?: string | null;
  kind?: ToolKind | null;
  rollout?: string | null;
  time_zone?: string | null;
  skip_bad_rows?: boolean;
  dry_run?: boolean;
}

/** Mirrors `chorus::activity::ActivityReport`. */
export interface ActivityReport {
  file: string;
  format: ExportFormat | "demo" | null;
  tool: string;
  events: number;
  /** Rows of a usage report read (counts per person, not events). */
  usage_rows: number;
  added: number;
  duplicates: number;
  deleted: number;
  not_engagement: number;
  unknown_subtypes: [string, number][];
  channels: number;
  accounts: number;
  new_accounts: number;
  matched_email: number;
  matched_external_id: number;
  matched_name: number;
  pending_review: number;
  bots: number;
  /** Usage-report rows whose user name was concealed: left out. */
  concealed: number;
  first_day: string | null;
  last_day: string | null;
  rejected: number;
  problems: RowProblem[];
  warnings: RowProblem[];
  dry_run: boolean;
  import_id: number | null;
}

/** Mirrors `chorus::activity::measures::Filter`. */
export interface Filter {
  tool: string | null;
  from: string | null;
  to: string | null;
  /** Without `from`: this many days ending on `to` (or the last day with data). */
  days: number | null;
  department: string | null;
  location: string | null;
  team: string | null;
}

export interface Period {
  from: string;
  to: string;
  days: number;
}

/** What a figure's number is: a count, a share (0–1, changes in points), a ratio, seconds. */
export type FigureUnit = "count" | "share" | "ratio" | "seconds";

export interface Figure {
  key: string;
  label: string;
  unit: FigureUnit;
  /** Which way is good news. */
  better: "higher" | "lower";
  value: number | null;
  previous: number | null;
  change: number | null;
  change_ratio: number | null;
  /** Whether the change is good news; null: no change or nothing to compare with. */
  good: boolean | null;
}

export interface Participation {
  population: number;
  active: number;
  creators: number;
  contributors: number;
  lurkers: number;
  posts: number;
  replies: number;
  reactions: number;
  mentions: number;
  shares: number;
  top1_share: number | null;
  top10_share: number | null;
  gini: number | null;
  engagement_rate: number | null;
  median_first_reply: number | null;
  replied_posts: number;
}

export interface TrendPoint {
  start: string;
  /** Days the point covers (a month's last point may be short). */
  days: number;
  active: number;
  posts: number;
  replies: number;
  reactions: number;
}

export interface GroupRow {
  name: string;
  population: number;
  active: number;
  active_share: number | null;
  creators: number;
  posts: number;
  replies: number;
  reactions: number;
  content_share: number | null;
}

export interface Band {
  category: Category;
  label: string;
  people: number;
  from: string | null;
  to: string | null;
}

export interface AdoptionCurve {
  tool: string | null;
  rollout: string | null;
  adopters: number;
  never: number;
  population: number;
  points: [string, number][];
  bands: Band[];
}

export interface Listed {
  subject: number;
  person_id: number | null;
  account_id: number | null;
  name: string;
  department: string | null;
  value: number;
  date: string | null;
  category: Category | null;
}

export interface ChannelHealth {
  channel: string;
  tool: string;
  monthly_active: number;
  yearly_active: number;
  health: number | null;
}

/** Mirrors `chorus::activity::measures::Dashboard`. */
export interface Dashboard {
  period: Period;
  previous: Period;
  tool: string | null;
  population: number;
  headline: Figure[];
  participation: Participation;
  grain: "day" | "week" | "month";
  trend: TrendPoint[];
  by_department: GroupRow[];
  adoption: AdoptionCurve;
  top_contributors: Listed[];
  newest_adopters: Listed[];
  stopped: Listed[];
  communities: ChannelHealth[];
  tools: string[];
  departments: string[];
  locations: string[];
  teams: string[];
  data_from: string | null;
  data_to: string | null;
}

/** Mirrors `chorus::store::Account`: an account on a tool, and whose it is. */
export interface Account {
  id: number;
  tool: string;
  source_id: string;
  name: string | null;
  email: string | null;
  resolution: Resolution | null;
  person_id: number | null;
  person_name: string | null;
  events: number;
  suggestions: [number, string][];
}

export type Decision = { action: "link"; person_id: number } | { action: "create" } | { action: "ignore" } | { action: "reset" };

/** Mirrors `chorus::store::Tool`. */
export interface Tool {
  id: number;
  kind: ToolKind;
  name: string;
  rollout_date: string | null;
  accounts: number;
  events: number;
  first_day: string | null;
  last_day: string | null;
}

/** Mirrors `chorus::activity::measures::Adoption`: a person's use of one tool. */
export interface Adoption {
  tool: string;
  first_day: string;
  last_day: string;
  category: Category;
  rank: number;
  adopters: number;
  events: number;
}

export const api = {
  overview: () => invoke<Overview>("overview"),
  orgUnits: (kind: OrgUnitKind) => invoke<[string, number][]>("org_units", { kind }),
  listPeople: (query: ListQuery) => invoke<Page<PersonRow>>("list_people", { query }),
  getPerson: (id: number) => invoke<PersonDetail>("get_person", { id }),
  /** Sets fields from typed text, as [field, value] pairs, in one transaction. */
  editPerson: (id: number, edits: [string, string][]) => invoke<PersonDetail>("edit_person", { id, edits }),
  loadDemo: (people: number, seed: number) => invoke<DemoSummary>("load_demo", { people, seed }),
  previewImport: (request: ImportRequest) => invoke<Preview>("preview_import", { request }),
  checkImport: (request: ImportRequest) => invoke<ImportReport>("check_import", { request }),
  runImport: (request: ImportRequest, onProgress: (p: Progress) => void) => {
    const channel = new Channel<Progress>();
    channel.onmessage = onProgress;
    return invoke<ImportReport>("run_import", { request, onProgress: channel });
  },
  cancelImport: () => invoke<void>("cancel_import"),
  importActivity: (request: ActivityRequest, onProgress: (p: Progress) => void) => {
    const channel = new Channel<Progress>();
    channel.onmessage = onProgress;
    return invoke<ActivityReport>("import_activity", { request, onProgress: channel });
  },
  dashboard: (filter: Filter) => invoke<Dashboard>("dashboard", { filter }),
  listAccounts: (pendingOnly: boolean) => invoke<Account[]>("list_accounts", { pendingOnly }),
  decideAccount: (account: number, decision: Decision) => invoke<Account>("decide_account", { account, decision }),
  listTools: () => invoke<Tool[]>("list_tools"),
  personAdoption: (id: number) => invoke<Adoption[]>("person_adoption", { id }),
  setRollout: (tool: string, date: string | null) => invoke<Tool[]>("set_rollout", { tool, date }),
};
