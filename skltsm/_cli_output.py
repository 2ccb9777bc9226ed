"""What ``skltsm forecast`` prints and writes: the table, the scores, the CSV and the plot.

Split from :mod:`skltsm.cli`, which checks the input and trains; the functions here only
format results. Files are written under temporary names and renamed into place once all
succeeded.
"""

import importlib.util
import os
from functools import partial
from pathlib import Path

DEFAULT_PLOT = "forecast.png"


class CommandError(Exception):
    """Bad input to a command: reported as one ``skltsm: error:`` line, exit status 2."""


def check_split(n_points, n_test, lags, series="the series"):
    """Require enough training points for one difference, the lags and one target."""
    n_lags = lags if isinstance(lags, int) else 1  # the forecaster checks its own choice again
    need, n_train = n_lags + 2, n_points - n_test
    if n_train < need:
        raise CommandError(
            f"{series} has {n_points} points; holding out {n_test} for the test leaves "
            f"{max(n_train, 0)} for training, but {n_lags} lag(s) need at least {need} "
            "(one difference, the lags and a target); lower --test-size or --lags"
        )


def split_text(part, name="train"):
    return f"{name} {_label(part.index[0])}..{_label(part.index[-1])} ({len(part)})"


def _label(value):
    """Format one index value: ``1993-01`` for a month, a date without a zero time."""
    if hasattr(value, "normalize") and value == value.normalize():
        return value.strftime("%Y-%m-%d")
    return str(value)


def score(y, n_test, protocol, runs):
    """Return the forecast table and series, the RMSE per seed and persistence's RMSE.

    ``runs`` holds ``(forecasts, intervals or None)`` per seed; the table's Predicted (and
    the bounds of each interval) are the mean over the seeds.
    """
    import numpy as np
    import pandas as pd

    predictions = np.vstack([forecasts for forecasts, _ in runs])
    values = y.to_numpy(dtype="float64")
    y_test, expected = y.iloc[-n_test:], values[-n_test:]
    if protocol == "walk-forward":  # persistence: the previous true value
        naive = values[-n_test - 1 : -1]
    else:  # persistence: the last training value, repeated
        naive = np.full(n_test, values[-n_test - 1])
    monthly = getattr(y.index, "freqstr", None) in ("M", "MS", "ME")
    table = pd.DataFrame({"Month" if monthly else "Period": [_label(t) for t in y_test.index]})
    table["Predicted"], table["Expected"] = predictions.mean(axis=0), expected
    bands = add_run_columns(table, runs, predictions, y_test.index)
    return {
        "table": table,
        "intervals": bands,
        "y_pred": pd.Series(table["Predicted"].to_numpy(), index=y_test.index, name=y.name),
        "y_test": y_test,
        "rmse": [_rmse(row - expected) for row in predictions],
        "persistence": _rmse(naive - expected),
    }


def add_run_columns(table, runs, predictions, index):
    """Add the runs' columns to ``table``; return the intervals averaged over the runs.

    The columns: the mean bounds of each interval (``Lower_P``/``Upper_P``) and, for
    several runs, each run's forecasts (``Predicted_seed_K``).
    """
    bands = _mean_intervals([intervals for _, intervals in runs], index)
    for (_, coverage, bound), column in bands.items() if bands is not None else []:
        table[f"{bound.capitalize()}_{round(coverage * 100):g}"] = column.to_numpy()
    for seed, row in enumerate(predictions if len(predictions) > 1 else []):
        table[f"Predicted_seed_{seed}"] = row
    return bands


def _mean_intervals(per_run, index):
    """Return the intervals' bounds averaged over the runs, on ``index`` (None: none)."""
    if per_run[0] is None:
        return None
    import pandas as pd

    mean = sum(frame.to_numpy() for frame in per_run) / len(per_run)
    return pd.DataFrame(mean, index=index, columns=per_run[0].columns)


def _rmse(errors):
    """Root mean square of ``errors``, scaled first so that squaring 1e200 cannot overflow."""
    import numpy as np

    scale = float(np.abs(errors).max(initial=0.0))
    if scale == 0.0 or not np.isfinite(scale):
        return scale
    return scale * float(np.sqrt(np.mean((errors / scale) ** 2)))


def report(result, info):
    """Print the table and the RMSE of each seed, then the final RMSE line (always)."""
    import numpy as np

    table, rmse = result["table"], result["rmse"]
    width = max(len(table.columns[0]), *(len(label) for label in table.iloc[:, 0]))
    if len(rmse) > 1:
        info(f"Predicted is the mean over the {len(rmse)} seeds.")
    bounds = [c for c in table.columns if c.startswith(("Lower_", "Upper_"))]
    columns = [table.columns[0], "Predicted", "Expected", *bounds]
    info("\n" + f"{columns[0]:<{width}}" + "".join(f"  {c:>10}" for c in columns[1:]))
    for label, *numbers in table[columns].itertuples(index=False):
        info(f"{label:<{width}}" + "".join(f"  {value:>10.3f}" for value in numbers))
    if bounds:
        info("Lower_P/Upper_P: the P % prediction interval of each forecast")
    info("")
    baseline = f"(persistence: {result['persistence']:.3f})"
    if len(rmse) == 1:
        print(f"Test RMSE: {rmse[0]:.3f} {baseline}")
        return
    info("\n".join(f"seed {seed}: RMSE {value:.3f}" for seed, value in enumerate(rmse)))
    mean, sd = float(np.mean(rmse)), float(np.std(rmse, ddof=1))
    print(f"Test RMSE: mean {mean:.3f}, sd {sd:.3f} over {len(rmse)} seeds {baseline}")


def output_jobs(outputs, result, y_train, source):
    """Return ``[(kind, path, write(temporary_path)), ...]`` for the requested files."""
    jobs = []
    if outputs["csv"] is not None:
        jobs.append(("table", outputs["csv"], partial(result["table"].to_csv, index=False)))
    if outputs["plot"] is not None:
        rmse = sum(result["rmse"]) / len(result["rmse"])
        title = f"{source}: RMSE {rmse:.1f}, persistence {result['persistence']:.1f}"
        jobs.append(("plot", outputs["plot"], partial(_draw, result, y_train, title)))
    return jobs


def _draw(result, y_train, title, path):
    """Save the plot of history, expected and predicted values to ``path``."""
    from skltsm.plotting import plot_forecast

    labels = ("history", "expected", "predicted", "interval")
    ax = plot_forecast(
        y_train,
        result["y_test"],
        result["y_pred"],
        intervals=result["intervals"],
        title=title,
        labels=labels,
    )
    ax.figure.savefig(path, format=path.suffix.lstrip(".").lower())


def write_outputs(jobs):
    """Write every file under a temporary name beside it, then rename them all into place."""
    temporary = [path.with_name(f".{path.name}.{os.getpid()}{path.suffix}") for _, path, _ in jobs]
    try:
        for (_, _, write), tmp in zip(jobs, temporary, strict=True):
            write(tmp)
        for (_, path, _), tmp in zip(jobs, temporary, strict=True):
            os.replace(tmp, path)
    except OSError as error:
        raise CommandError(f"cannot write '{error.filename}': {error.strerror}") from None
    finally:
        for tmp in temporary:
            tmp.unlink(missing_ok=True)
    return [(kind, path) for kind, path, _ in jobs]


def output_paths(args):
    """Check the output files before training; skip the default plot without matplotlib."""
    outputs = {"csv": None, "plot": None, "note": None}
    if args.output_csv is not None:
        outputs["csv"] = check_target(args.output_csv, "--output-csv", args.csv)
    if args.no_plot:
        return outputs
    plot = check_target(args.plot or DEFAULT_PLOT, "--plot", args.csv)
    if importlib.util.find_spec("matplotlib") is None:
        if args.plot is not None:
            raise CommandError("--plot needs matplotlib: pip install matplotlib")
        outputs["note"] = "plot skipped: matplotlib is not installed (pip install matplotlib)"
        return outputs
    from matplotlib.backend_bases import FigureCanvasBase

    formats = sorted(FigureCanvasBase.get_supported_filetypes())
    if plot.suffix.lower().lstrip(".") not in formats:
        raise CommandError(f"--plot: '{plot}' must end in one of .{', .'.join(formats)}")
    if outputs["csv"] is not None and outputs["csv"].resolve() == plot.resolve():
        raise CommandError(f"--output-csv and --plot both name '{plot}'")
    outputs["plot"] = plot
    return outputs


def check_target(text, option, source_csv):
    """Return ``text`` as a Path after checking that a file can be written there."""
    path = Path(text)
    if path.is_dir():
        raise CommandError(f"{option}: '{path}' is a directory; expected a file name")
    if not path.parent.is_dir():
        raise CommandError(f"{option}: directory '{path.parent}' of '{path}' does not exist")
    if not os.access(path.parent, os.W_OK):
        raise CommandError(f"{option}: directory '{path.parent}' is not writable")
    if source_csv is not None and path.resolve() == Path(source_csv).resolve():
        raise CommandError(f"{option}: '{path}' is the input --csv file; choose another name")
    return path
