// Charts drawn by the core: the SVG previewed is the SVG (or PNG) exported.
import { save } from "@tauri-apps/plugin-dialog";
import { invoke } from "./ipc";
import type { Filter } from "./activity";

/** Mirrors `ChartInfo` in src-tauri: a chart of the catalogue. */
export interface ChartInfo {
  name: string;
  about: string;
}

export const charts = {
  listCharts: () => invoke<ChartInfo[]>("list_charts"),
  chartSvg: (name: string, filter: Filter, dark: boolean) => invoke<string>("chart_svg", { name, filter, dark }),
  /** A dashboard's charts, in the order named, at a panel's size, from one reading of the data. */
  panelCharts: (names: string[], filter: Filter, dark: boolean) =>
    invoke<string[]>("panel_charts", { names, filter, dark }),
  exportChart: (name: string, filter: Filter, dark: boolean, path: string) =>
    invoke<void>("export_chart", { name, filter, dark, path }),
  /** The chart on the clipboard, as a picture. */
  copyChart: (name: string, filter: Filter, dark: boolean) => invoke<void>("copy_chart", { name, filter, dark }),
  /** The native "save as" dialog for a chart; null when closed. */
  chooseChartFile: async (suggested: string): Promise<string | null> => {
    const picked = await save({
      title: "Save the chart",
      defaultPath: suggested,
      filters: [
        { name: "PNG picture", extensions: ["png"] },
        { name: "SVG drawing", extensions: ["svg"] },
      ],
    });
    return picked ?? null;
  },
};
