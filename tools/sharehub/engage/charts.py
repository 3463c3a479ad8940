"""SVG charts drawn at build time with matplotlib's SVG backend.

The files are plain SVG: text stays text (``svg.fonttype: none``, so no
font is embedded and no font is fetched), no script, no link to anything,
and the same data always gives the same bytes (fixed ids, no date). Pages
show them with ``<img>``, which never runs anything inside an SVG anyway,
and put a data table under each one for screen readers.
"""

from __future__ import annotations

import io

#: The hub's primary colour (Material's indigo) and a neutral grid.
COLOUR = "#3f51b5"
GRID = "#d0d7de"
_STYLE = {"svg.fonttype": "none", "svg.hashsalt": "sharehub", "font.size": 10,
          "font.family": "sans-serif", "axes.spines.top": False, "axes.spines.right": False,
          "axes.edgecolor": GRID, "axes.grid": True, "grid.color": GRID, "grid.linewidth": 0.6}


def _svg(figure) -> str:
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    FigureCanvasSVG(figure)
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None},
                   bbox_inches="tight")
    return out.getvalue()


def _figure(height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(7.2, height), dpi=96, layout="constrained")


def line_chart(points: list[tuple[str, int]], *, ylabel: str) -> str:
    """Values over time (labels on the x axis in order) as an SVG document."""
    import matplotlib

    with matplotlib.rc_context(_STYLE):
        figure = _figure(3.0)
        axes = figure.add_subplot()
        labels = [label for label, _ in points]
        values = [value for _, value in points]
        axes.plot(range(len(values)), values, color=COLOUR, linewidth=2, marker="o",
                  markersize=3)
        axes.fill_between(range(len(values)), values, color=COLOUR, alpha=0.12)
        step = max(1, -(-len(labels) // 6))  # at most six labels
        axes.set_xticks(range(0, len(labels), step), labels[::step], rotation=30, ha="right")
        axes.set_ylim(bottom=0)
        axes.set_ylabel(ylabel)
        axes.grid(axis="x", visible=False)
        return _svg(figure)


def bar_chart(pairs: list[tuple[str, int]], *, xlabel: str) -> str:
    """Horizontal bars, largest first (the order given), as an SVG document."""
    import matplotlib

    with matplotlib.rc_context(_STYLE):
        figure = _figure(0.6 + 0.32 * max(1, len(pairs)))
        axes = figure.add_subplot()
        labels = [_short(label) for label, _ in pairs][::-1]
        values = [value for _, value in pairs][::-1]
        axes.barh(range(len(values)), values, color=COLOUR, height=0.65)
        axes.set_yticks(range(len(labels)), labels)
        axes.set_xlabel(xlabel)
        axes.grid(axis="y", visible=False)
        for index, value in enumerate(values):
            axes.annotate(f"{value:,}", (value, index), xytext=(3, 0),
                          textcoords="offset points", va="center", fontsize=9)
        return _svg(figure)


def _short(label: str, width: int = 40) -> str:
    return label if len(label) <= width else label[:width - 1] + "…"
