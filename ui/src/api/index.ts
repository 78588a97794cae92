// The UI's door to the core, by area. Views import from here.
import { activity } from "./activity";
import { charts } from "./charts";
import { directory } from "./directory";
import { imports } from "./imports";
import { network } from "./network";
import { report } from "./report";
import { settings } from "./settings";

export * from "./activity";
export * from "./charts";
export * from "./directory";
export * from "./imports";
export * from "./network";
export * from "./report";
export * from "./settings";
export { errorText, isIpcError, type IpcError, type Progress } from "./ipc";

export const api = { ...directory, ...imports, ...activity, ...charts, ...report, ...settings, ...network };
