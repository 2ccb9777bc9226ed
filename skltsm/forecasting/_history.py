"""What ``LSTMForecaster`` has seen of each series: values, exogenous rows, time points.

``HistoryMixin`` keeps the per-series bookkeeping of the one fit / predict / update path
(``_lstm_forecaster``) apart from the path itself: exogenous rows looked up and checked,
new observations added to a series' state (only the new rows are transformed), LSTM states
carried over them, and the time points needed to place the next forecast.
"""

import numpy as np
import pandas as pd
from sktime.forecasting.base import ForecastingHorizon

from skltsm.forecasting import _combined as combined
from skltsm.forecasting import _index as idx
from skltsm.forecasting import _panel as pn
from skltsm.forecasting import _regressor as reg
from skltsm.forecasting import _series as series
from skltsm.forecasting import _supervised as sup


def upgrade_state(state):
    """Return a fitted forecaster's ``__dict__`` saved before a series was a panel of one.

    Such a state held one series' state as ``_series`` (with ``_y_seen``, ``_last_index``,
    one LSTM state per member); it becomes the one-series lists of the current path, with
    the same values, so the forecasts are the same. A global fit of that era cannot be
    rebuilt from what it kept: it is refused with a message.
    """
    if "_global" in state:
        raise ValueError(
            "LSTMForecaster: this model holds a panel fit saved by an earlier skltsm "
            "(before series and panels shared one path); refit it"
        )
    if "_series" not in state or "_states" in state:
        return state
    state = dict(state)
    one = {"scale": 1.0, "anchor": False, **state.pop("_series")}
    one.setdefault("exog_scaling", one["scaler"])
    last = state.pop("_last_index")
    state["_meta"] = {
        "keys": [None],
        "names": None,
        "column": state.pop("_y_name"),
        "freqs": [state.pop("_index_freq", None)],
        "last": [last],
        "tails": [pd.Index([last], name=state.pop("_index_name"))],
    }
    state.update(_states=[one], _values=[state.pop("_y_seen")], _mode="series")
    state["_lstm_states"] = [[s] for s in state["_lstm_states"]]
    return state


class HistoryMixin:
    """Per-series bookkeeping of ``LSTMForecaster`` (see the module doc)."""

    def __setstate__(self, state):
        # files and pickles of earlier versions load into the current layout
        vars(self).update(upgrade_state(state))

    def _check_length(self, n_samples, settings):
        shown = {
            k: settings[k] if getattr(self, k) == "auto" else getattr(self, k)
            for k in ("lags", "difference_lag", "difference_order")
        }
        params = ", ".join(f"{k}={v}" for k, v in shown.items()) + f", horizon={self.horizon_}"
        sup.check_length(n_samples, params, series.minimum_length(settings, self.horizon_))

    def _exog_rows(self, X, key, index, method):
        """Return the rows ``index`` of series ``key``'s ``X`` as an array, checked."""
        x = X if key is None else X.xs(key, level=list(range(len(key))))
        if not index.isin(x.index).all():
            where = "" if key is None else f" of series {key}"
            prefix = "" if method == "fit" else "fitted with exogenous X, so "
            raise ValueError(
                f"LSTMForecaster: {prefix}{method} needs X for the {len(index)} step(s)"
                f"{where} from {index[0]} to {index[-1]}; X lacks some of them"
            )
        values = x.loc[index].to_numpy(dtype=np.float64)
        idx.check_finite(values, "X")
        return values

    def _future_exog(self, X, fh, n_steps):
        """Return each series' scaled ``X`` rows of the ``n_steps`` after its last one."""
        meta = self._meta
        if not self.n_exog_:
            return [None] * len(meta["keys"])
        if X is None:
            raise ValueError(
                f"LSTMForecaster: fitted with exogenous X, so predict needs X for the "
                f"{n_steps} step(s) after the cutoff"
            )
        out = []
        for key, tail, state in zip(meta["keys"], meta["tails"], self._states, strict=True):
            if key is None:
                relative = ForecastingHorizon(np.arange(1, n_steps + 1), freq=fh.freq)
                index = relative.to_absolute_index(self.cutoff)
            else:
                index = pn.future_index(tail, np.arange(1, n_steps + 1))
            values = self._exog_rows(X, key, index, "predict")
            out.append(series._scale(state["exog_scaler"], values, False))
        return out

    def _append(self, i, y_new, X, key):
        """Add the new rows of series ``i`` to its state; return how many."""
        x_new = None
        if self.n_exog_:
            if X is None:
                raise ValueError(
                    "LSTMForecaster: fitted with exogenous X, so update needs X for every "
                    "new observation of y"
                )
            x_new = self._exog_rows(X, key, y_new.index, "update")
        values = y_new.to_numpy(dtype=np.float64)
        idx.check_finite(values, "update's y")
        self._values[i] = series.extend(self._values[i], values)
        series.append(self._states[i], values, x_new)
        if (part := self._global_part()) is not None:  # a combined fit (no X)
            combined.append(part, i, values)
        meta = self._meta
        meta["last"][i] = y_new.index[-1]
        meta["tails"][i] = meta["tails"][i].append(y_new.index)[-2:]
        return len(values)

    def _carry_lstm_states(self, added):
        """Run every stateful member's LSTM state over the new windows of each series.

        A combined fit's global part is the default network, stateless: nothing to carry.
        """
        for m, member in enumerate(self.regressors_):
            for i, n_new in added.items():
                if self._lstm_states[m][i] is None:
                    continue
                windows = series.recent_windows(self._states[i], n_new)
                self._lstm_states[m][i] = reg.carry_state(member, self._lstm_states[m][i], windows)

    def _restore_cutoff_freq(self, freq):
        # A one-row update without index freq would leave the cutoff without one, and
        # sktime could then not place the next forecast in time.
        cutoff = self._cutoff
        if isinstance(cutoff, pd.DatetimeIndex) and cutoff.freq is None and freq is not None:
            self._set_cutoff(pd.DatetimeIndex(cutoff, freq=freq))

    def _check_fh(self, fh, *args, **kwargs):
        # sktime materialises fh=n as the steps 1..n: refuse an absurd n before it does.
        idx.check_fh_size(fh)
        return super()._check_fh(fh, *args, **kwargs)
