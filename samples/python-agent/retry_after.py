"""How the sample agent waits out a rate-limited call, on either transport (a 429's Retry-After, a RESOURCE_EXHAUSTED
call's RetryInfo delay)."""

import threading
import time

PAST_TIMEOUT = "--timeout reached while rate limited (Retry-After {:g} s)"


class RetryAfter:
    """Counts a run's rate-limited calls in its summary and sleeps each one's delay, never past the run's deadline (a
    time.monotonic() value, or None)."""

    def __init__(self, summary, deadline=None):
        self.summary = summary
        self.deadline = deadline
        self.lock = threading.Lock()

    def wait(self, delay):
        """Records `delay` and sleeps it, then returns None; a delay that would outlast the deadline is slept only until the
        deadline, and the detail of the error to raise instead is returned."""
        with self.lock:
            self.summary["rate_limited"] += 1
            self.summary["retry_after_seconds"].append(delay)
        left = None if self.deadline is None else self.deadline - time.monotonic()
        if left is not None and delay >= left:
            time.sleep(max(0.0, left))
            return PAST_TIMEOUT.format(delay)
        time.sleep(delay)
        return None
