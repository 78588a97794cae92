// The UI's door to the core, by area. Views import from here.
import { activity } from "./activity";
import { directory } from "./directory";
import { imports } from "./imports";

export * from "./activity";
export * from "./directory";
export * from "./imports";
export { errorText, isIpcError, type IpcError, type Progress } from "./ipc";

export const api = { ...directory, ...imports, ...activity };
