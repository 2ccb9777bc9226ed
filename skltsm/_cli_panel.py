"""``skltsm forecast --csv FILE --id-column NAME``: one global LSTM over many series.

The many-series side of :mod:`skltsm.cli`: the long CSV becomes an sktime panel, the last
points of every series are held out, one ``LSTMForecaster`` network is trained on all the
training parts, and every series is scored against persistence.
"""

from functools import partial

from skltsm import _cli_models as models
from skltsm import _cli_output as output
from skltsm._cli_output import CommandError

# How many series the printed table and the plot show (the CSV holds every series).
_SHOWN_ROWS = 20
_PLOTTED = 4


def load_panel(args):
    """Return the panel of the long CSV file and a description of it."""
    from skltsm.datasets import load_csv_panel

    try:
        y = load_csv_panel(
            args.csv,
            id_column=args.id_column,
            date_column=args.date_column,
            value_column=args.value_column,
        )
    except (OSError, ValueError, TypeError) as error:
        message = str(error).removeprefix("load_csv_panel:").strip()
        for name in ("id_column", "date_column", "value_column"):
            message = message.replace(f"{name} ", f"--{name.replace('_', '-')} ")
        raise CommandError(f"--csv: {message}") from None
    n_series = y.index.get_level_values(0).nunique()
    return y, f"'{args.csv}' column '{y.columns[0]}', {n_series} series by '{args.id_column}'"


def split(y, n_test, lags):
    """Return the training and test panels: the last ``n_test`` points of every series."""
    position_from_end = y.groupby(level=0, sort=False).cumcount(ascending=False).to_numpy()
    lengths = y.index.get_level_values(0).value_counts()
    shortest = lengths.idxmin()
    output.check_split(lengths[shortest], n_test, lags, series=f"series '{shortest}'")
    return y[position_from_end >= n_test], y[position_from_end < n_test]


def make_forecaster(args, seed):
    """Return the panel's forecaster (one global network) and its description."""
    from skltsm.forecasting import LSTMForecaster
    from skltsm.regression import StackedLSTMRegressor

    settings = models.given_settings(args)
    if args.model == "auto":
        description = "LSTMForecaster() defaults, one network for every series"
        forecaster = LSTMForecaster(random_state=seed, **settings)
        return forecaster, description + models.describe(settings)
    params = models.given(verbose=0, epochs=args.epochs, units=args.units)
    regressor = StackedLSTMRegressor(**params)
    description = f"StackedLSTMRegressor({models.describe(params).removeprefix(', ')}), one network"
    return LSTMForecaster(regressor, random_state=seed, **settings), description


def chosen(forecaster):
    """Return one line naming what the global fit chose."""
    scores = getattr(forecaster, "validation_scores_", None)
    line = (
        f"settings: sp={forecaster.sp_!r}, lags={forecaster.lags_!r}, epochs={forecaster.epochs_}"
    )
    if scores:
        line += f" (chosen on the last {forecaster.validation_steps_} points of every series)"
    return f"{line}, ensemble of {forecaster.ensemble_size_}"


def forecast_once(forecaster, args, y_train, y_test):
    """Return the test forecasts, their intervals (or None) and the fitted forecaster."""
    from skltsm.forecasting import walk_forward_forecast

    coverage = list(args.coverage) if args.coverage else None
    if args.protocol == "walk-forward":
        *out, fitted = walk_forward_forecast(
            forecaster, y_train, y_test, return_forecaster=True, coverage=coverage
        )
        return out[0], (out[1] if coverage else None), fitted
    n_test = int(y_test.groupby(level=0).size().iloc[0])
    fh = list(range(1, n_test + 1))
    # fh in fit: the validation tail that chooses the epochs is the test's length too
    y_pred = forecaster.fit(y_train, fh=fh).predict().loc[y_test.index]
    bands = forecaster.predict_interval(fh=fh, coverage=coverage) if coverage else None
    return y_pred, (None if bands is None else bands.loc[y_test.index]), forecaster


def run(args, y_train, y_test, info):
    """Return ``(forecasts, intervals or None)`` per run (seeds 0, 1, ...)."""
    runs, n_runs = [], args.runs or 1  # the old --seeds is read as --runs by the parser
    for seed in range(n_runs):
        forecaster, description = make_forecaster(args, seed)
        if seed == 0:
            seeds = "seed 0" if n_runs == 1 else f"seeds 0..{n_runs - 1}"
            info(f"model: {description}; {seeds}")
        try:
            y_pred, bands, fitted = forecast_once(forecaster, args, y_train, y_test)
        except ValueError as error:
            raise CommandError(str(error)) from None
        if seed == 0:
            info(chosen(fitted))
        runs.append((y_pred.iloc[:, 0].to_numpy(dtype="float64"), bands))
    return runs


def score(y_train, y_test, protocol, runs):
    """Return the long forecast table, the per-series scores and the mean intervals."""
    import numpy as np
    import pandas as pd

    predictions = np.vstack([forecasts for forecasts, _ in runs])
    test = y_test.iloc[:, 0]
    last = y_train.iloc[:, 0].groupby(level=0, sort=False).last()
    if protocol == "walk-forward":  # persistence: the previous true value
        naive = test.groupby(level=0, sort=False).shift(1)
        naive = naive.fillna(
            pd.Series(last.reindex(test.index.get_level_values(0)).to_numpy(), index=test.index)
        )
    else:  # persistence: the last training value of each series, repeated
        naive = pd.Series(last.reindex(test.index.get_level_values(0)).to_numpy(), test.index)
    id_name, date_name = y_test.index.names
    table = pd.DataFrame(
        {
            id_name: test.index.get_level_values(0),
            date_name: [output._label(t) for t in test.index.get_level_values(1)],
            "Predicted": predictions.mean(axis=0),
            "Expected": test.to_numpy(dtype="float64"),
            "Persistence": naive.to_numpy(dtype="float64"),
        }
    )
    bands = output.add_run_columns(table, runs, predictions, y_test.index)
    return {
        "table": table,
        "intervals": bands,
        "scores": _per_series(table, id_name),
        "y_pred": pd.Series(table["Predicted"].to_numpy(), y_test.index, name=test.name),
    }


def _per_series(table, id_name):
    """Return RMSE, persistence's RMSE and sMAPE (M3: 200|y-f|/(|y|+|f|)) per series."""
    import numpy as np
    import pandas as pd

    def scores(group):
        y, f = group["Expected"].to_numpy(), group["Predicted"].to_numpy()
        denominator = np.abs(y) + np.abs(f)
        smape = 200 * np.abs(y - f) / np.where(denominator == 0, 1, denominator)
        return pd.Series(
            {
                "RMSE": output._rmse(f - y),
                "Persistence": output._rmse(group["Persistence"].to_numpy() - y),
                "sMAPE": float(np.mean(smape)),
            }
        )

    return table.groupby(id_name, sort=False)[["Expected", "Predicted", "Persistence"]].apply(
        scores
    )


def report(result, info):
    """Print the per-series scores (the first ones), then the final RMSE line (always)."""
    scores = result["scores"]
    shown = scores.iloc[:_SHOWN_ROWS]
    width = max(len(str(scores.index.name)), *(len(str(key)) for key in shown.index))
    info("\n" + f"{scores.index.name!s:<{width}}" + "".join(f"  {c:>11}" for c in scores))
    for key, row in shown.iterrows():
        info(f"{key!s:<{width}}" + "".join(f"  {value:>11.3f}" for value in row))
    if len(scores) > len(shown):
        info(f"... {len(scores) - len(shown)} more series (every one in --output-csv)")
    better = int((scores["RMSE"] < scores["Persistence"]).sum())
    info(f"\nsMAPE: mean {scores['sMAPE'].mean():.2f} % over {len(scores)} series")
    print(
        f"Test RMSE: mean {scores['RMSE'].mean():.3f} over {len(scores)} series "
        f"(persistence: {scores['Persistence'].mean():.3f}); lower than persistence's on "
        f"{better} of {len(scores)}"
    )


def output_jobs(outputs, result, y_train, y_test, source):
    """Return ``[(kind, path, write(temporary_path)), ...]`` for the requested files."""
    jobs = []
    if outputs["csv"] is not None:
        jobs.append(("table", outputs["csv"], partial(result["table"].to_csv, index=False)))
    if outputs["plot"] is not None:
        draw = partial(_draw, result, y_train, y_test, source)
        jobs.append(("plot", outputs["plot"], draw))
    return jobs


def _draw(result, y_train, y_test, source, path):
    """Save the forecasts of the first series (up to four) in one figure to ``path``."""
    from skltsm.plotting import plot_panel_forecast

    n_series = len(result["scores"])
    figure = plot_panel_forecast(
        y_train,
        y_test,
        result["y_pred"].to_frame(),
        intervals=result["intervals"],
        series=_PLOTTED,
        title=f"{source}: the first {min(_PLOTTED, n_series)} of {n_series} series",
        labels=("history", "expected", "predicted", "interval"),
    )
    for ax, (key, scores) in zip(figure.axes, result["scores"].iterrows(), strict=False):
        ax.set_title(f"{key}: RMSE {scores['RMSE']:.1f}, persistence {scores['Persistence']:.1f}")
    figure.savefig(path, format=path.suffix.lstrip(".").lower())
