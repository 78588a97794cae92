// One long task (an import) at a time: whether it runs, how far it is, and
// the error it ended with. Both import views run their imports through it,
// and RunProgress shows it with a Cancel button.
import { errorText, type Progress } from "../api";

export class Runner {
  running = $state(false);
  progress = $state<Progress | null>(null);
  error = $state("");
  percent = $derived(this.progress && this.progress.total > 0 ? Math.round((100 * this.progress.done) / this.progress.total) : 0);

  /** Runs `task`, following its progress; its result, or null when it failed (see `error`). */
  async run<T>(task: (onProgress: (p: Progress) => void) => Promise<T>): Promise<T | null> {
    this.error = "";
    this.running = true;
    this.progress = null;
    try {
      return await task((p) => (this.progress = p));
    } catch (e) {
      this.error = errorText(e);
      return null;
    } finally {
      this.running = false;
    }
  }
}
