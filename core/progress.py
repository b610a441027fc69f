"""A progress line for long commands (import_lessons): how many of how many, the rate and the
time left, rewritten in place on one line of a terminal."""

import time

CLEAR_TO_END = "\x1b[K"  # what a longer line before left on the terminal


class Progress:
    """Call it with (done, total) as work goes on; it writes at most every `interval`
    seconds, and always the last step; the rate is counted from the first call (done 0, once
    the work proper starts). `end()` moves to a fresh line. `write` takes text to write as it
    is (no line ending added) and flushes it."""

    def __init__(self, write, label, unit, interval=0.5, clock=time.monotonic):
        self.write, self.label, self.unit = write, label, unit
        self.interval, self.clock = interval, clock
        self.started = None
        self.shown_at = None
        self.written = False

    def __call__(self, done, total):
        now = self.clock()
        if self.started is None:
            self.started = now
        if done < total and self.shown_at is not None and now - self.shown_at < self.interval:
            return
        self.shown_at = now
        self.write("\r" + self.line(done, total, now - self.started) + CLEAR_TO_END)
        self.written = True

    def line(self, done, total, elapsed):
        share = f" ({done * 100 // total}%)" if total else ""
        text = f"{self.label}: {done:,}/{total:,}{share}"
        if done and elapsed > 0:
            rate = done / elapsed
            text += f", {rate:,.0f} {self.unit}/s"
            if done < total:
                text += f", {duration((total - done) / rate)} left"
            else:
                text += f", in {duration(elapsed)}"
        return text

    def end(self):
        if self.written:
            self.write("\n")


def duration(seconds):
    """1 h 02 min, 3 min 05 s, 42 s."""
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02} min"
    if minutes:
        return f"{minutes} min {seconds:02} s"
    return f"{seconds} s"
