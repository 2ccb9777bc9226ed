"""How ``skltsm forecast`` builds, fits and describes its forecaster (see :mod:`skltsm.cli`).

Imports of tensorflow and sktime happen inside the functions, when the command runs.
"""

# The settings of each --model when their options are not given ("auto": from the data).
MODELS = {
    "auto": {},
    "stateful": {"sp": None, "transform": None, "difference_lag": 1, "lags": 1},
    "stacked": {},
}


def forecast_once(forecaster, args, y_train, y_test):
    """Return the test forecasts, their intervals (or None) and the fitted forecaster."""
    from skltsm.forecasting import walk_forward_forecast

    coverage = list(args.coverage) if args.coverage else None
    if args.protocol == "walk-forward":
        *out, fitted = walk_forward_forecast(
            forecaster, y_train, y_test, return_forecaster=True, coverage=coverage
        )
        return out[0], (out[1] if coverage else None), fitted
    fh = list(range(1, len(y_test) + 1))
    y_pred = forecaster.fit(y_train).predict(fh=fh)
    bands = forecaster.predict_interval(fh=fh, coverage=coverage) if coverage else None
    return y_pred, bands, forecaster


def make_forecaster(args, seed, n_train):
    """Return the forecaster and its description; options not given keep the defaults.

    ``--model auto`` is ``LSTMForecaster()``'s own defaults. The stateful model's default
    epochs are the tutorial's budget of batch-1 steps for the supervised rows of
    ``n_train`` observations; its settings default to the tutorial's (``MODELS``).
    """
    from skltsm.forecasting import LSTMForecaster
    from skltsm.forecasting._regressor import default_regressor
    from skltsm.regression import StackedLSTMRegressor

    settings = {**MODELS[args.model], **given_settings(args)}
    params = given(verbose=0 if args.quiet else 1, epochs=args.epochs)
    if args.model == "auto":
        forecaster = LSTMForecaster(random_state=seed, **settings)
        return forecaster, "LSTMForecaster() defaults" + describe(settings)
    if args.model == "stateful":
        lags = settings["lags"] if isinstance(settings["lags"], int) else 1
        regressor = default_regressor(max(1, n_train - 1 - lags))
        regressor.set_params(**params, **given(units=args.units and args.units[0]))
    else:
        regressor = StackedLSTMRegressor(**params, **given(units=args.units))
    forecaster = LSTMForecaster(regressor, random_state=seed, **settings)
    params = regressor.get_params()
    names = ("units", "dropout", "epochs") if "dropout" in params else ("units", "epochs")
    inner = ", ".join(f"{name}={params[name]!r}" for name in names)
    return forecaster, f"{type(regressor).__name__}({inner})" + describe(settings)


def given_settings(args):
    """Return the settings given on the command line, as LSTMForecaster's parameters."""
    given = {
        "lags": args.lags,
        "sp": args.sp,
        "transform": args.transform,
        "difference_lag": args.difference_lag,
        "difference_order": args.difference_order,
    }
    return {k: (None if v == "none" else v) for k, v in given.items() if v is not None}


def describe(settings):
    return "".join(f", {name}={value!r}" for name, value in settings.items())


def chosen(forecaster):
    """Return one line naming the settings a fitted forecaster used, explicit or chosen."""
    from skltsm.forecasting._fitted import SETTINGS

    summary = forecaster.summary()
    line = ", ".join(f"{name}={summary[name]!r}" for name in (*SETTINGS, "scheme"))
    line += f"; {summary['regressor']}, epochs={summary['epochs']}"
    if summary["validation_scores"]:
        line += f" (chosen on the last {summary['validation_steps']} training points)"
    line += f", ensemble of {summary['ensemble_size']}"
    if "global_part" in summary:  # scheme 'combined': the mean with the global networks'
        part = summary["global_part"]
        networks = "network" if part["ensemble_size"] == 1 else f"{part['ensemble_size']} networks"
        line += f"; averaged with the global scheme's {networks} (epochs={part['epochs']})"
    return f"settings: {line}"


def given(**options):
    return {name: value for name, value in options.items() if value is not None}
