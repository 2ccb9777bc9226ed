"""The global scheme's interval calibration at several origins, now or deferred.

The epoch choice of a global fit already forecast every series' validation tail; the
chosen network is trained again at earlier origins and their forecasts join the
calibration (:func:`calibrate`; the method: ``_global_intervals``). A panel of fewer than
``gi.MIN_SERIES`` series (one series in the global scheme, alone or as the global part of
a combined fit, or a small panel) takes ``gi.SMALL_PANEL_ORIGINS`` origins: up to four
more networks, half of a default fit of one M3 series (0.99 s against 0.50 s,
``benchmarks/bench_deferred_calibration.py``), which a point forecast never reads.
Without ``X`` its fit keeps :func:`deferred` instead (the validation forecasts, the seeds,
how much data it had) and the first interval call computes the same calibration by
:func:`resolve`, bit-identical with an int ``random_state``. The result is kept outside
the forecaster (sktime's predict methods leave ``__dict__`` unchanged), for the last
``KEPT`` fits.
"""

import numpy as np

from skltsm.forecasting import _fitting as fitting
from skltsm.forecasting import _global_intervals as gi
from skltsm.forecasting import _panel as pn
from skltsm.forecasting import _series as series

DEFERRED = "validation tails, deferred"
KEPT = 32
_RESOLVED = {}  # id(deferred dict) -> (deferred dict, calibration)


def calibrate(tail, values, xs, settings_for, template, seeds, horizon, lags, sp):
    """Return the calibration of the validation ``tail`` and the earlier origins.

    ``gi.ORIGINS - 1`` earlier origins ``n_val`` steps apart; a panel of fewer than
    ``gi.MIN_SERIES`` series: ``gi.SMALL_PANEL_ORIGINS`` origins ``n_val // 2`` apart
    (too few errors at two). ``template`` is the network of the chosen epochs, trained
    from ``seeds`` at every origin; ``sp`` the seasonal period of the scales.
    """
    tails, n_val = [tail], tail["y_val"].shape[1]
    small = len(values) < gi.MIN_SERIES
    n_origins, spacing = (
        (gi.SMALL_PANEL_ORIGINS, max(1, n_val // 2)) if small else (gi.ORIGINS, n_val)
    )
    for cut in fitting.earlier_tails(values, xs, n_val, n_origins, lags, spacing):
        found = fitting.origin_forecasts(
            cut, settings_for, template, seeds, horizon, pn.GLOBAL_MAX_WINDOWS
        )
        if found is not None:
            tails.append(found)
    return gi.combine(
        [
            gi.validation_calibration(t["states"], t["fit_parts"], t["y_val"], t["preds"], sp)
            for t in tails
        ]
    )


def deferred(values, tail, seeds, horizon):
    """Return what :func:`resolve` needs to calibrate a fit without ``X`` later."""
    return {
        "method": DEFERRED,
        "n_fit": [len(v) for v in values],
        "preds": np.asarray(tail["preds"], dtype=np.float64),
        "seeds": list(seeds),
        "horizon": int(horizon),
    }


def resolve(part):
    """Return the calibration of a global fit's ``part`` (``_combined.take_part``).

    A deferred one is computed from the part's values seen at fit time, as ``fit`` would
    have; any other is returned as it is.
    """
    calibration = part["_calibration"]
    if calibration is None or calibration.get("method") != DEFERRED:
        return calibration
    hit = _RESOLVED.get(id(calibration))
    if hit is not None and hit[0] is calibration:
        return hit[1]
    sp, lags, n_val = part["sp_"], part["lags_"], part["validation_steps_"]
    values = [v[:n] for v, n in zip(part["_values"], calibration["n_fit"], strict=True)]
    xs = [None] * len(values)

    def settings_for(v):
        return pn.global_settings(v, sp, lags)

    cut = fitting.cut_tails(values, xs, n_val, n_val, lags)
    tail = {
        "states": [series.fit(c[0], None, *settings_for(c[0])) for c in cut],
        "fit_parts": [c[0] for c in cut],
        "y_val": np.stack([c[2] for c in cut]),
        "preds": calibration["preds"],
    }
    template = pn.global_lstm(lags, part["epochs_"])
    found = calibrate(
        tail,
        values,
        xs,
        settings_for,
        template,
        calibration["seeds"],
        calibration["horizon"],
        lags,
        sp,
    )
    while len(_RESOLVED) >= KEPT:
        del _RESOLVED[next(iter(_RESOLVED))]
    _RESOLVED[id(calibration)] = (calibration, found)
    return found
