"""Bringing employees back and showing what the programme achieved.

One job per module, in the order data flows (DESIGN.md's diagram):

* :mod:`.options` — the plugin options ``digest``, ``results``, ``analytics``
  and ``contributors``.
* :mod:`.digest` — which live items each channel has not heard about yet,
  and the message that announces them; :mod:`.announced` remembers what
  was announced (on the run-state branch); :mod:`.channels` delivers
  through Apprise.
* :mod:`.formats` reads analytics exports row by row; :mod:`.stats`
  aggregates them into ``stats/`` and reads them back.
* :mod:`.charts` draws SVG charts; :mod:`.results` and
  :mod:`.contributors` make the Results and Contributors pages;
  :mod:`.pages` is what the MkDocs plugin calls.
* :mod:`.render` is the one Jinja environment of ``templates/``.
"""
