// Imports of people files and activity exports: preview, dry run, run with
// progress, cancel, and the native file chooser.
import { open } from "@tauri-apps/plugin-dialog";
import { invoke, invokeWithProgress, type Progress } from "./ipc";
import type { ActivityReport, ActivityRequest } from "./activity";

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

export const imports = {
  previewImport: (request: ImportRequest) => invoke<Preview>("preview_import", { request }),
  checkImport: (request: ImportRequest) => invoke<ImportReport>("check_import", { request }),
  runImport: (request: ImportRequest, onProgress: (p: Progress) => void) =>
    invokeWithProgress<ImportReport>("run_import", { request }, onProgress),
  cancelImport: () => invoke<void>("cancel_import"),
  importActivity: (request: ActivityRequest, onProgress: (p: Progress) => void) =>
    invokeWithProgress<ActivityReport>("import_activity", { request }, onProgress),
  /** The native file chooser (a folder when `folder`); null when closed. */
  chooseFile: async (options: { folder?: boolean; title: string; extensions?: string[] }): Promise<string | null> => {
    const picked = await open({
      directory: options.folder ?? false,
      multiple: false,
      title: options.title,
      filters: options.extensions ? [{ name: options.title, extensions: options.extensions }] : undefined,
    });
    return typeof picked === "string" ? picked : null;
  },
};
