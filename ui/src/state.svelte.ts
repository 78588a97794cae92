// What the views share, in one place instead of props passed down: which
// view is shown, whose panel is open, and a version of the data that grows
// after every change, so that any view showing data reads it again.

export type ViewId = "people" | "map" | "engagement" | "network" | "champions" | "reports" | "accounts" | "import" | "settings";

import { api } from "./api";

export const shared = $state({
  view: "people" as ViewId,
  openId: null as number | null,
  version: 0,
  /** Each segment's words, as the core names it (loaded at start). */
  segmentLabels: {} as Record<string, string>,
});

/** Reads the segments' names from the core, once. */
export async function loadSegmentLabels(): Promise<void> {
  const kinds = await api.segmentKinds();
  shared.segmentLabels = Object.fromEntries(kinds.map((k) => [k.segment, k.label]));
}

/** The data changed (an edit, an import, a review decision). */
export function changed(): void {
  shared.version += 1;
}

/** Opens a person's panel (`null` closes it). */
export function openPerson(id: number | null): void {
  shared.openId = id;
}

export function go(view: ViewId): void {
  shared.view = view;
}
