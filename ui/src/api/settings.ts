// Settings stored in the database: the brand applied to every chart and
// slide, and the privacy threshold of every export.
import { open } from "@tauri-apps/plugin-dialog";
import { invoke } from "./ipc";

/** Mirrors `Brand` in src/charts/brand.rs. */
export interface Brand {
  organisation: string | null;
  /** `#RRGGBB`, accent first; empty: the colour-blind-safe default. */
  palette: string[];
  dark: boolean;
  /** `#RRGGBB`, or null for the text's colour. */
  title_colour: string | null;
}

/** Mirrors `LogoInfo` in src/app/settings.rs. */
export interface LogoInfo {
  format: "png" | "jpeg";
  width: number;
  height: number;
  data_url: string;
}

/** Mirrors `Settings` in src/app/settings.rs. */
export interface Settings {
  brand: Brand;
  logo: LogoInfo | null;
  /** The brand font's family, or null for the shipped DejaVu Sans. */
  font: string | null;
  min_group: number;
  default_palette: string[];
}

export const settings = {
  getSettings: () => invoke<Settings>("get_settings"),
  setBrand: (organisation: string | null, palette: string[], dark: boolean, titleColour: string | null) =>
    invoke<Settings>("set_brand", { organisation, palette, dark, titleColour }),
  setLogo: (path: string | null) => invoke<Settings>("set_logo", { path }),
  setMinGroup: (n: number) => invoke<Settings>("set_min_group", { n }),
  setFont: (path: string | null, bold: string | null) => invoke<Settings>("set_font", { path, bold }),
  /** The native "open" dialog for a font file; null when closed. */
  chooseFont: async (title: string): Promise<string | null> => {
    const picked = await open({
      title,
      multiple: false,
      filters: [{ name: "TrueType or OpenType font", extensions: ["ttf", "otf"] }],
    });
    return typeof picked === "string" ? picked : null;
  },
  /** The native "open" dialog for a logo; null when closed. */
  chooseLogo: async (): Promise<string | null> => {
    const picked = await open({
      title: "Choose the logo",
      multiple: false,
      filters: [{ name: "PNG or JPEG picture", extensions: ["png", "jpg", "jpeg"] }],
    });
    return typeof picked === "string" ? picked : null;
  },
};
