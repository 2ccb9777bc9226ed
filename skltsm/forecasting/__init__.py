"""sktime forecasters: series -> supervised rows -> forecast -> original scale.

Importing this package imports sktime (about 2 s); ``import skltsm`` does not, it maps
``skltsm.LSTMForecaster`` here on first use.

* :class:`LSTMForecaster` - an sktime ``BaseForecaster`` over any skltsm or sklearn
  regressor, with differencing, scaling and lag windows fitted on the training data.
* :func:`walk_forward_forecast` - the one-step walk-forward protocol with true lags.
"""

from skltsm.forecasting._lstm_forecaster import LSTMForecaster
from skltsm.forecasting._walk_forward import walk_forward_forecast

__all__ = ["LSTMForecaster", "walk_forward_forecast"]
