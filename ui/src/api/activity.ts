// Activity: exports, the engagement dashboard, the review of accounts, tools.
import { invoke } from "./ipc";
import type { RowProblem } from "./imports";

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
  /** A Microsoft 365 usage report counted for the tool as a whole (concealed names). */
  totals_only?: boolean;
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
  /** Mentions of oneself left out (a mention of oneself is not a mention). */
  self_mentions: number;
  /** A usage report counted for the tool as a whole (`--totals-only`). */
  totals: UsageTotals | null;
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
  /** The value in words, as the core writes it ("12.5 %", "3.5 h"; "–" for none). */
  shown: string;
  /** The change in words: "▲ +12 %", "▼ -2.0 pts", "no change", "no earlier figure". */
  change_shown: string;
}

/** Mirrors `chorus::activity::measures::Rule`: the shares participation is compared with (90-9-1). */
export interface Rule {
  creators: number;
  contributors: number;
  lurkers: number;
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
  /** (share of people, least active first; share of content), 51 points. */
  lorenz: [number, number][];
  engagement_rate: number | null;
  median_first_reply: number | null;
  replied_posts: number;
}

/** Mirrors `Movement` in src/activity/measures/lists.rs: counts, never names. */
export interface Movement {
  joined: number;
  joined_before: number;
  went_quiet: number;
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
  rule: Rule;
  grain: "day" | "week" | "month";
  trend: TrendPoint[];
  by_department: GroupRow[];
  adoption: AdoptionCurve;
  top_contributors: Listed[];
  newest_adopters: Listed[];
  stopped: Listed[];
  communities: ChannelHealth[];
  movement: Movement;
  /** The month community health measures (ISO date of its first day). */
  health_month: string;
  tools: string[];
  departments: string[];
  locations: string[];
  teams: string[];
  data_from: string | null;
  data_to: string | null;
}

/** Mirrors `chorus::activity::Account`: an account on a tool, and whose it is. */
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

/** Mirrors `chorus::activity::Tool`. */
export interface Tool {
  id: number;
  kind: ToolKind;
  name: string;
  rollout_date: string | null;
  accounts: number;
  events: number;
  first_day: string | null;
  last_day: string | null;
  /** Usage reports counted for the tool as a whole, oldest first. */
  totals: UsageTotals[];
  /** Departments or locations that received it on a date of their own. */
  waves: Wave[];
}

/** Mirrors `chorus::activity::Wave`: one wave of a rollout in waves. */
export interface Wave {
  unit: "department" | "location";
  /** The department's or location's name. */
  name: string;
  /** YYYY-MM-DD. */
  date: string;
}

/** Mirrors `chorus::activity::UsageTotals`: a usage report counted for its
 * tool as a whole (`--totals-only`), no one named. */
export interface UsageTotals {
  /** Days since 1970-01-01. */
  first_day: number;
  last_day: number;
  population: number;
  active: number;
  posts: number;
  replies: number;
  reactions: number;
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

export const activity = {
  dashboard: (filter: Filter) => invoke<Dashboard>("dashboard", { filter }),
  listAccounts: (pendingOnly: boolean) => invoke<Account[]>("list_accounts", { pendingOnly }),
  decideAccount: (account: number, decision: Decision) => invoke<Account>("decide_account", { account, decision }),
  listTools: () => invoke<Tool[]>("list_tools"),
  personAdoption: (id: number) => invoke<Adoption[]>("person_adoption", { id }),
  setRollout: (tool: string, date: string | null) => invoke<Tool[]>("set_rollout", { tool, date }),
};
