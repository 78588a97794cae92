// The one door to the Chorus shell: `invoke` with typed errors, and
// commands that stream progress. Every command and type crossing IPC lives
// in the files of this folder, one per area, mirroring the Rust side; tests
// in src-tauri check the command names and every type's fields.
import { Channel, invoke } from "@tauri-apps/api/core";

export { invoke };

/** The error every command may return: mirrors `IpcError` in src-tauri. */
export interface IpcError {
  code: string;
  message: string;
}

export function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

export function errorText(e: unknown): string {
  return isIpcError(e) ? e.message : String(e);
}

/** Mirrors `chorus::progress::Progress`: how far a long task is. */
export interface Progress {
  stage: "reading" | "validating" | "planning" | "writing";
  done: number;
  total: number;
}

/** Invokes a command that streams its progress through a channel. */
export function invokeWithProgress<T>(command: string, args: Record<string, unknown>, onProgress: (p: Progress) => void): Promise<T> {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return invoke<T>(command, { ...args, onProgress: channel });
}
