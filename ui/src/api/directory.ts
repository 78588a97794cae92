// The directory: people, org units, the overview, the demo.
import { invoke } from "./ipc";

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

/** Mirrors `chorus::directory::Overview`. */
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

export type OrgUnitKind = "department" | "team" | "location";

export const directory = {
  overview: () => invoke<Overview>("overview"),
  orgUnits: (kind: OrgUnitKind) => invoke<[string, number][]>("org_units", { kind }),
  listPeople: (query: ListQuery) => invoke<Page<PersonRow>>("list_people", { query }),
  getPerson: (id: number) => invoke<PersonDetail>("get_person", { id }),
  /** Sets fields from typed text, as [field, value] pairs, in one transaction. */
  editPerson: (id: number, edits: [string, string][]) => invoke<PersonDetail>("edit_person", { id, edits }),
  loadDemo: (people: number, seed: number) => invoke<DemoSummary>("load_demo", { people, seed }),
};
