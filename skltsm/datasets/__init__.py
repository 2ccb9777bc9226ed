"""Offline example data: bundled monthly series, a synthetic sine and a CSV reader.

Nothing here touches the network or imports sktime, tensorflow or matplotlib: the
shampoo and airline series are bundled copies of sktime's files (a test keeps them equal).

Examples
--------
>>> from skltsm.datasets import load_airline, load_shampoo_sales, make_sine
>>> len(load_shampoo_sales()), len(load_airline()), len(make_sine())
(36, 144, 1000)
"""

from skltsm.datasets._loaders import load_airline, load_csv_series, load_shampoo_sales, make_sine

__all__ = ["load_airline", "load_csv_series", "load_shampoo_sales", "make_sine"]
