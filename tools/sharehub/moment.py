"""The moment a command works as of: ``--as-of`` / ``SHAREHUB_AS_OF``, else now.

Building, previewing and announcing all ask "what is live at this moment?";
they read the moment here, the same way.
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo

from sharehub.content.model import aware, parse_when
from sharehub.errors import ConfigError

#: Environment variable that carries ``--as-of`` into a build (MkDocs runs the plugin).
AS_OF_ENV = "SHAREHUB_AS_OF"


def parse_moment(text: str, tz: str | dt.tzinfo = "UTC") -> dt.datetime:
    """Parse ``--as-of``: an ISO date or datetime, local to ``tz`` without a zone.

    Raises:
        ConfigError: the text is not a date or time.
    """
    zone = zoneinfo.ZoneInfo(tz) if isinstance(tz, str) else tz
    try:
        moment = parse_when(text)
    except ValueError:
        raise ConfigError(f"{text!r} is not a date or time such as 2027-03-01T09:00",
                          field="as-of") from None
    return aware(moment, zone)


def current_moment(tz: dt.tzinfo, environ=os.environ) -> dt.datetime:
    """``SHAREHUB_AS_OF`` when set (local to ``tz`` without a zone), else now."""
    text = environ.get(AS_OF_ENV, "").strip()
    if text:
        return parse_moment(text, tz)
    return dt.datetime.now(dt.timezone.utc)
