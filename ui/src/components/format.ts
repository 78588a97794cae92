/** Number and date formatting shared by the Engagement view and its charts. */

export function num(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "–";
  return n.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function pct(n: number | null | undefined, digits = 0): string {
  return n === null || n === undefined ? "–" : `${num(n * 100, digits)} %`;
}

export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "–";
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${num(seconds / 3600, 1)} h`;
  return `${num(seconds / 86400, 1)} days`;
}

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "5 Mar 2024", or "5 Mar" when `short`. */
export function day(iso: string | null, short = false): string {
  if (!iso) return "–";
  const [y, m, d] = iso.split("-").map(Number);
  return short ? `${d} ${months[m - 1]}` : `${d} ${months[m - 1]} ${y}`;
}

/** "November 2026". */
export function monthName(iso: string): string {
  const [y, m] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en", { month: "long", year: "numeric", timeZone: "UTC" });
}

export function monthLabel(iso: string): string {
  const [y, m] = iso.split("-").map(Number);
  return `${months[m - 1]} ${String(y).slice(2)}`;
}

/** Days between two ISO dates. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86400000);
}

/** Round axis maximum: 1, 2 or 5 times a power of ten, at or above `v`. */
export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

export const CATEGORY_COLOURS: Record<string, string> = {
  innovator: "#7c3aed",
  early_adopter: "#4f46e5",
  early_majority: "#0891b2",
  late_majority: "#65a30d",
  laggard: "#d97706",
};
