// The CEO report: slides previewed as the core draws them (the PDF's own
// pages), exported to PowerPoint, PDF or Excel, saved as decks; the log of
// every export.
import { save } from "@tauri-apps/plugin-dialog";
import { invoke } from "./ipc";
import type { Filter } from "./activity";

/** Mirrors `SlideInfo` in src-tauri: a slide of the storyline. */
export interface SlideInfo {
  name: string;
  about: string;
  /** Outside the default storyline: chosen by name. */
  extra: boolean;
}

/** Mirrors `SlideEdit` in src/report: the strategist's change to a slide. */
export interface SlideEdit {
  slide: string;
  title?: string;
  notes?: string;
  points?: string[];
}

/** Mirrors `ReportSpec` in src/report/request.rs: what the Reports view
 * asks for, parsed once by the core. */
export interface ReportSpec {
  filter: Filter;
  slides: string[];
  /** `KEY=VALUE` with the unit, as a person writes them: `active_share=40%`. */
  targets: string[];
  edits: SlideEdit[];
  dark: boolean;
  pictures: boolean;
  saved: string | null;
  added: AddedChart[];
}

/** Mirrors `AddedChart` in src/report: a chart added with its filters. */
export interface AddedChart {
  chart: string;
  filter: Filter;
}

/** Mirrors `SlidePreview` in src/app/report.rs. */
export interface SlidePreview {
  name: string;
  title: string;
  notes: string;
  /** The sentences on the slide, editable; empty where it has none. */
  points: string[];
  /** 960 × 540, text as paths. */
  svg: string;
}

/** Mirrors `ExportRecord` in src/report. */
export interface ExportRecord {
  at: string;
  kind: "deck" | "pdf" | "workbook" | "chart" | "people" | "network";
  what: string;
  path: string;
  bytes: number;
}

/** Mirrors `DeckSpec` in src/report: a saved deck's storyline. */
export interface DeckSpec {
  slides: string[];
  filter: Filter;
  targets: [string, number][];
  edits: SlideEdit[];
  added: AddedChart[];
  dark: boolean | null;
}

/** Mirrors `Run` in src/report. */
export interface Run {
  at: string;
  period_to: string;
  figures: [string, number][];
}

/** Mirrors `SavedDeck` in src/report. */
export interface SavedDeck {
  name: string;
  spec: DeckSpec;
  saved_at: string;
  last_run: Run | null;
}

/** Mirrors `Evidence` in src/report: a statement from outside, with its source. */
export interface Evidence {
  id: number;
  statement: string;
  source: string;
  /** ISO date, or null. */
  date: string | null;
}

export type ReportFormat = "pptx" | "pdf" | "xlsx";

const FORMATS: Record<ReportFormat, { name: string }> = {
  pptx: { name: "PowerPoint deck" },
  pdf: { name: "PDF report" },
  xlsx: { name: "Excel workbook of the tables" },
};

export const report = {
  listSlides: () => invoke<SlideInfo[]>("list_slides"),
  reportPreviews: (spec: ReportSpec) => invoke<SlidePreview[]>("report_previews", { spec }),
  exportReport: (spec: ReportSpec, path: string) => invoke<ExportRecord>("export_report", { spec, path }),
  saveDeck: (name: string, spec: ReportSpec) => invoke<SavedDeck>("save_deck", { name, spec }),
  savedDecks: () => invoke<SavedDeck[]>("saved_decks"),
  exportLog: () => invoke<ExportRecord[]>("export_log"),
  addToDeck: (deck: string, name: string, filter: Filter) => invoke<SavedDeck>("add_to_deck", { deck, name, filter }),
  listEvidence: () => invoke<Evidence[]>("list_evidence"),
  addEvidence: (statement: string, source: string, date: string | null) =>
    invoke<Evidence[]>("add_evidence", { statement, source, date }),
  updateEvidence: (card: Evidence) => invoke<Evidence[]>("update_evidence", { card }),
  removeEvidence: (id: number) => invoke<Evidence[]>("remove_evidence", { id }),
  /** The native "save as" dialog for a report; null when closed. */
  chooseReportFile: async (format: ReportFormat, suggested: string): Promise<string | null> => {
    const picked = await save({
      title: `Save the ${FORMATS[format].name}`,
      defaultPath: suggested,
      filters: [{ name: FORMATS[format].name, extensions: [format] }],
    });
    return picked ?? null;
  },
};
