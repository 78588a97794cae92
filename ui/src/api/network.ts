// The interaction network, people segments and the champions plan.
import { invoke } from "./ipc";
import type { Filter, Period } from "./activity";

/** Mirrors `Layers` in src/app/network/mod.rs. */
export interface Layers {
  activity: boolean;
  survey: boolean;
  reports_to: boolean;
}

/** Mirrors `GraphOptions` in src/app/network/mod.rs. */
export interface GraphOptions {
  half_life_days: number | null;
  layers: Layers | null;
}

/** Mirrors `ViewRequest` in src/app/network/view.rs. */
export interface ViewRequest {
  filter: Filter;
  options: GraphOptions;
  ties_per_person: number | null;
}

export type Segment = "opinion-leader" | "early-adopter" | "talent" | "broker" | "not-yet-engaged";

/** Mirrors `SegmentKind` in src/segments/mod.rs: a segment and the words
 * every view names it by (loaded once, `shared.segmentLabels`). */
export interface SegmentKind {
  segment: Segment;
  label: string;
}

/** Mirrors `ViewNode` in src/app/network/view.rs. */
export interface ViewNode {
  person_id: number | null;
  account_id: number | null;
  name: string;
  /** Index into `NetworkView.departments`. */
  department: number | null;
  community: number | null;
  segments: Segment[];
  pagerank: number;
  betweenness: number;
  degree: number;
  x: number;
  y: number;
}

/** Mirrors `ViewPeriod` in src/app/network/view.rs. */
export interface ViewPeriod {
  label: string;
  from: string;
  to: string;
}

/** Mirrors `NetworkView` in src/app/network/view.rs. */
export interface NetworkView {
  period: Period;
  nodes: ViewNode[];
  /** (node, node, weight), each drawn tie once. */
  edges: [number, number, number][];
  ties: number;
  departments: string[];
  matrix: number[][];
  communities: number;
  modularity: number;
  betweenness: string;
  quarters: ViewPeriod[];
  compute_ms: number;
  layout_ms: number;
}

/** Mirrors `SnapshotView` in src/app/network/view.rs. */
export interface SnapshotView {
  label: string;
  pagerank: number[];
  edges: [number, number, number][];
  ties: number;
}

/** Mirrors `Shown` in src/app/segments.rs. */
export interface Shown {
  segment: Segment;
  label: string;
  evidence: string;
  reason: string | null;
  /** Orders people within the segment, strongest evidence first. */
  score: number;
}

/** Mirrors `Segmented` in src/app/segments.rs. */
export interface Segmented {
  person_id: number;
  name: string;
  email: string | null;
  department: string | null;
  labels: Shown[];
  /** (segment, reason) removed by hand. */
  removed: [Segment, string][];
}

/** Mirrors `SegmentCount` in src/segments/mod.rs. */
export interface SegmentCount {
  segment: Segment;
  label: string;
  people: number;
  /** Indices into `SegmentsReport.people`, strongest evidence first. */
  ranked: number[];
}

/** Mirrors `Thresholds` in src/segments/mod.rs. */
export interface Thresholds {
  leader_top_percent: number;
  leader_min_people: number;
  leader_min_departments: number;
  talent_min_responses: number;
  talent_min_departments: number;
  broker_top_percent: number;
  broker_min_crossing: number;
  broker_min_departments: number;
  quiet_grace_days: number;
  fading_ratio: number;
  fading_min_actions: number;
}

/** Mirrors `SegmentsReport` in src/app/segments.rs. */
export interface SegmentsReport {
  period: Period;
  thresholds: Thresholds;
  counts: SegmentCount[];
  people: Segmented[];
}

/** Mirrors `Override` in src/store/segments.rs. */
export interface Override {
  person_id: number;
  segment: string;
  added: boolean;
  reason: string;
  at: string;
}

/** Mirrors `Champion` in src/app/champions.rs. */
export interface Champion {
  person_id: number;
  name: string;
  email: string | null;
  department: string | null;
  location: string | null;
  since: string;
  within_one: number;
  within_two: number;
}

/** Mirrors `GroupCoverage` in src/app/champions.rs. */
export interface GroupCoverage {
  name: string;
  people: number;
  champions: number;
  within_one: number;
  within_two: number;
}

/** Mirrors `CoverageReport` in src/app/champions.rs. */
export interface CoverageReport {
  period: Period;
  champions: Champion[];
  people: number;
  within_one: number;
  within_two: number;
  departments: GroupCoverage[];
  locations: GroupCoverage[];
}

/** Mirrors `Suggestion` in src/app/champions.rs. */
export interface Suggestion {
  person_id: number;
  name: string;
  email: string | null;
  department: string | null;
  brings_one: number;
  brings_two: number;
  segments: Segment[];
  reason: string;
}

/** Mirrors `SuggestReport` in src/app/champions.rs. */
export interface SuggestReport {
  period: Period;
  people: number;
  within_two_now: number;
  within_two_after: number;
  suggestions: Suggestion[];
}

/** Mirrors `Nudgee` in src/app/champions.rs. */
export interface Nudgee {
  person_id: number;
  name: string;
  department: string | null;
  how: string;
  evidence: string;
}

/** Mirrors `Nudges` in src/app/champions.rs. */
export interface Nudges {
  champion: string;
  person_id: number;
  people: Nudgee[];
}

export const network = {
  networkView: (request: ViewRequest) => invoke<NetworkView>("network_view", { request }),
  networkEgo: (request: ViewRequest, node: number) => invoke<[number, number][]>("network_ego", { request, node }),
  networkSnapshot: (request: ViewRequest, from: string, to: string) =>
    invoke<SnapshotView>("network_snapshot", { request, from, to }),
  segmentKinds: () => invoke<SegmentKind[]>("segment_kinds"),
  listSegments: (filter: Filter) => invoke<SegmentsReport>("list_segments", { filter }),
  /** Keeps the period's labels of the whole organisation; how many were kept. */
  keepSegments: (filter: Filter) => invoke<number>("keep_segments", { filter }),
  setSegment: (person: number, segment: Segment, added: boolean, reason: string) =>
    invoke<Override>("set_segment", { person, segment, added, reason }),
  clearSegment: (person: number, segment: Segment) => invoke<boolean>("clear_segment", { person, segment }),
  championsCoverage: (filter: Filter) => invoke<CoverageReport>("champions_coverage", { filter }),
  championsSuggest: (filter: Filter, k: number) => invoke<SuggestReport>("champions_suggest", { filter, k }),
  championsNudges: (filter: Filter) => invoke<Nudges[]>("champions_nudges", { filter }),
  addChampion: (person: number) => invoke<number>("add_champion", { person }),
};
