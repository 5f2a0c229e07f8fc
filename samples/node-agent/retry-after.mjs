// How the sample agent waits out a rate-limited call, on either transport (a 429's Retry-After, a RESOURCE_EXHAUSTED call's
// RetryInfo delay).
import { setTimeout as sleep } from 'node:timers/promises';

const pastTimeout = (delay) => `--timeout reached while rate limited (Retry-After ${delay} s)`;

// Counts a run's rate-limited calls in its summary and sleeps each one's delay, never past the run's deadline (a Date.now()
// value, or null).
export class RetryAfter {
  constructor(summary, deadline = null) {
    this.summary = summary;
    this.deadline = deadline;
  }

  // Records `delay` (seconds) and sleeps it, then resolves null; a delay that would outlast the deadline is slept only until
  // the deadline, and resolves the detail of the error to throw instead.
  async wait(delay) {
    this.summary.rate_limited += 1;
    this.summary.retry_after_seconds.push(delay);
    const left = this.deadline === null ? Infinity : this.deadline - Date.now();
    if (delay * 1000 >= left) {
      await sleep(Math.max(0, left));
      return pastTimeout(delay);
    }
    await sleep(delay * 1000);
    return null;
  }
}
