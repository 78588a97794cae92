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
};
