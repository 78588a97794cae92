// What the views share, in one place instead of props passed down: which
// view is shown, whose panel is open, and a version of the data that grows
// after every change, so that any view showing data reads it again.

export type ViewId = "people" | "map" | "engagement" | "network" | "champions" | "reports" | "accounts" | "import" | "settings";

export const shared = $state({
  view: "people" as ViewId,
  openId: null as number | null,
  version: 0,
});

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
