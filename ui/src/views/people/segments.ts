// The segments of the last 12 months, read once per data version and shared
// by the people table and the person panel (computing them walks the whole
// network).
import { api, type Filter, type SegmentsReport } from "../../api";
import { shared } from "../../state.svelte";

export const YEAR: Filter = { tool: null, from: null, to: null, days: 365, department: null, location: null, team: null };
let cache: { version: number; report: Promise<SegmentsReport> } | null = null;

export function segmentsReport(): Promise<SegmentsReport> {
  if (!cache || cache.version !== shared.version) {
    const report = api.listSegments(YEAR);
    cache = { version: shared.version, report };
    report.catch(() => (cache = null));
  }
  return cache.report;
}

/** Keeps the year's labels of the whole organisation, for trajectories. */
export function keepSegments(): Promise<number> {
  return api.keepSegments(YEAR);
}
