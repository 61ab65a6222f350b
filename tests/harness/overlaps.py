"""What every block's same-participant overlap check (tests/load, `overlap_verify`)
shares: the verdict it returns and the rule that only the expected answers occur.

A verdict counts, for one participant after their overlapping requests:
duplicates (a write kept more often than it was acknowledged, or shown twice),
stuck (stored but not shown, or the participant can no longer write),
lost_drafts (an acknowledged write that is not stored: the name is the trust
scan's, where the first such writes were drafts) and unexpected answers.
"""


class Verdict:
    def __init__(self, kind):
        self.kind = kind
        self.counts = {"duplicates": 0, "stuck": 0, "lost_drafts": 0, "unexpected": 0}
        self.problems = []

    def problem(self, counter, text):
        self.counts[counter] += 1
        self.problems.append(f"{self.kind}: {text}")

    def only(self, steps, allowed):
        """Every answer is one the rules allow: (handler, status) pairs."""
        for step in steps:
            if (step["handler"], step["status"]) not in allowed:
                self.problem("unexpected", f"{step['handler']} answered {step['status']}")

    def kept_as_acknowledged(self, what, acknowledged, stored):
        """Each acknowledged write (a value) is stored as often as it was acknowledged:
        more is a duplicate, fewer a lost write; a stored value nobody acknowledged is
        a duplicate too (a write that answered an error but was kept)."""
        for value in set(map(_key, acknowledged)) | set(map(_key, stored)):
            sent = [v for v in acknowledged if _key(v) == value]
            kept = [v for v in stored if _key(v) == value]
            if len(kept) > len(sent):
                self.problem("duplicates", f"{what} {value[:80]} acknowledged {len(sent)}x, stored {len(kept)}x")
            elif len(kept) < len(sent):
                self.problem("lost_drafts", f"{what} {value[:80]} acknowledged {len(sent)}x, stored {len(kept)}x")

    def result(self):
        return {**self.counts, "problems": self.problems}


def _key(value):
    import json
    return json.dumps(value, sort_keys=True)


def accepted(steps, handler):
    return [s for s in steps if s["handler"] == handler and s["status"] == 200]


def flat(stages):
    return [step for stage in stages for step in stage]
