"""A table of thousands of rows laid out page by page in linear time.

ReportLab's Table and LongTable look at every remaining row again at each page break (span and
no-split ranges, heights): a 2,000-line ledger took a minute, a 20,000-line one did not finish in
ten. Here each row is measured once, by Tables of a few hundred rows, and every page gets a Table
of its own holding the header rows and the rows that fit, with the row heights already known.

The last rows and a closing row (a count, the signatures: flowables spanning the full width,
without grid lines) always share a page, so that the signatures never stand alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle

__all__ = ["PagedTable"]

_CHUNK = 400  # rows measured at a time
_FUZZ = 1e-6


class PagedTable(Flowable):
    """header: the rows repeated on every page; body: the rows; closing: flowables under the
    last row, kept on its page with the last `keep` rows.

    cell_style: commands for every cell (fonts, padding, alignment), with ranges that hold for any
    slice of rows — whole columns, or (0, 0) to (-1, -1); header_style: commands for the header
    rows (spans, rules), by their index in the header. Rows are boxed with a `grid`-point grid.
    """

    def __init__(self, header: list[list], body: list[list], col_widths: Sequence[float],
                 cell_style: Sequence[tuple], header_style: Sequence[tuple] = (),
                 closing: Sequence[Flowable] = (), keep: int = 2, grid: float = 0.5) -> None:
        super().__init__()
        self.header, self.col_widths = header, list(col_widths)
        self.cell_style, self.header_style = list(cell_style), list(header_style)
        self.grid = grid
        self.width = sum(self.col_widths)
        ncols = len(self.col_widths)
        # A row of one cell spans the table (still boxed).
        self.spanning = {i for i, row in enumerate(body) if len(row) == 1}
        self.rows = [row if len(row) != 1 else row + [""] * (ncols - 1) for row in body]
        self.closing = bool(closing)
        if closing:
            self.rows.append([list(closing)] + [""] * (ncols - 1))
        # Split points: not inside the last `keep` rows and the closing row.
        self.last_break = len(self.rows) - (keep + 1 if closing else 0)
        self.header_heights = self._measure(header, self.header_style)
        self.heights: list[float] = []
        for i in range(0, len(self.rows), _CHUNK):
            chunk = self.rows[i:i + _CHUNK]
            extra = self._spans(i, i + len(chunk), 0)
            if self.closing and i + len(chunk) == len(self.rows):
                extra += self._closing_style(len(chunk) - 1)
            self.heights += self._measure(chunk, extra)
        # From each row to the end, header included: the height of what is left.
        self.left = list(accumulate(reversed(self.heights), initial=sum(self.header_heights)))[::-1]
        self.start = 0

    # ------------------------------------------------------------------ measuring and making

    def _measure(self, rows: list[list], extra: list[tuple]) -> list[float]:
        if not rows:
            return []
        t = Table(rows, colWidths=self.col_widths)
        t.setStyle(TableStyle(self.cell_style + extra))
        t.wrap(self.width, 1e9)
        return list(t._rowHeights)

    def _spans(self, start: int, end: int, offset: int) -> list[tuple]:
        """SPAN commands for the spanning rows among [start, end), placed from row offset."""
        return [("SPAN", (0, i - start + offset), (-1, i - start + offset))
                for i in sorted(self.spanning) if start <= i < end]

    def _closing_style(self, row: int) -> list[tuple]:
        return [("SPAN", (0, row), (-1, row)), ("LEFTPADDING", (0, row), (-1, row), 0),
                ("RIGHTPADDING", (0, row), (-1, row), 0)]

    def _table(self, start: int, end: int) -> Table:
        """The header and rows [start, end) as one Table of known row heights."""
        h = len(self.header)
        rows = self.header + self.rows[start:end]
        last = len(rows) - 1
        closing = self.closing and end == len(self.rows)
        grid_end = last - 1 if closing else last
        style = self.cell_style + self.header_style + [("GRID", (0, 0), (-1, grid_end), self.grid, colors.black)]
        style += self._spans(start, end, h)
        if closing:
            style += self._closing_style(last)
        t = Table(rows, colWidths=self.col_widths, rowHeights=self.header_heights + self.heights[start:end],
                  repeatRows=h)
        t.setStyle(TableStyle(style))
        return t

    def _rest(self, start: int) -> PagedTable:
        rest = object.__new__(PagedTable)
        Flowable.__init__(rest)
        rest.__dict__.update({k: v for k, v in self.__dict__.items() if k not in ("canv", "_frame", "_postponed")})
        rest.start = start
        return rest

    def _fit(self, avail: float) -> int:
        """The end of the rows from self.start that fit in avail below the header."""
        room = avail - sum(self.header_heights) + _FUZZ
        end = self.start
        while end < len(self.rows) and self.heights[end] <= room:
            room -= self.heights[end]
            end += 1
        if end < len(self.rows) and end > self.last_break:
            end = max(self.start, self.last_break)
        return end

    # ------------------------------------------------------------------ Flowable

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.height = self.left[self.start]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        end = self._fit(availHeight)
        if end == self.start:
            frame = getattr(self, "_frame", None)
            if frame is None or not frame._atTop:
                return []  # on the next page
            end = self.start + 1  # taller than a page: let it overflow rather than loop
        parts: list[Flowable] = [self._table(self.start, end)]
        if end < len(self.rows):
            parts.append(self._rest(end))
        return parts

    def draw(self) -> None:
        t = self._table(self.start, len(self.rows))
        t.wrapOn(self.canv, self.width, self.height)
        t.drawOn(self.canv, 0, 0)
