"""The build's validation: ``sharehub check``'s, with its slow half in forked workers.

A build needs only the schema to plan the hub; the rules beyond it (lengths
per network, body markup, banned phrases: :func:`sharehub.content.validate.item_rules`)
run in the build's worker pool while MkDocs renders pages, and fail the
build at its end with ``check``'s messages, as MkDocs' ``--strict`` does.
"""

from __future__ import annotations

from pathlib import Path

from sharehub.config import Hub
from sharehub.content.loader import read_document
from sharehub.content.validate import Report, check_documents, item_rules
from sharehub.parallel import ForkPool, Task
from sharehub.site.panels import chunks


def validate_content(paths: list[Path], hub: Hub, *, rules: bool = True) -> Report:
    """Load and validate every content file like ``sharehub check``.

    Args:
        rules: apply the rules beyond the schema now; ``False`` when
            :class:`DeferredRules` applies them later.
    """
    return check_documents([read_document(p) for p in paths], hub, rules=rules)


def _check_chunk(work, start: int, stop: int) -> list:
    return [problem for item in work.checked[start:stop] for problem in item_rules(item)]


class DeferredRules:
    """The rules beyond the schema for ``pool.state.checked`` (every valid file).

    Submitted after whatever the pool already has to do (the share panels):
    the rules are only needed when the build ends.
    """

    def __init__(self, pool: ForkPool):
        self.tasks: list[Task] = [pool.submit(_check_chunk, start, stop)
                                  for start, stop in chunks(len(pool.state.checked), 50, 200)]

    def problems(self) -> list:
        """Every problem found, in ``check``'s order (waits for the workers)."""
        found = [problem for task in self.tasks for problem in task.result()]
        return sorted(found, key=lambda p: (p.path, p.line, p.field, p.message))
