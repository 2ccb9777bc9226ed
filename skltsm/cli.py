"""The ``skltsm`` command line; ``skltsm forecast`` runs the shampoo tutorial end to end.

Bad input ends a command with exit status 2 and one ``skltsm: error: ...`` line on stderr,
before any training; files are written under temporary names and renamed into place once
all succeeded. Commands import tensorflow, sktime and matplotlib when they run, not here.

Examples
--------
>>> from skltsm.cli import build_parser
>>> args = build_parser().parse_args(["forecast", "--model", "stacked", "--units", "50,50"])
>>> args.protocol, args.model, args.units, args.runs
('walk-forward', 'stacked', (50, 50), None)
>>> build_parser().parse_args(["forecast", "--difference-lag", "1,12", "--sp", "none"]).sp
'none'
"""

import argparse
import os
import sys

from skltsm import __version__
from skltsm import _cli_models as models
from skltsm import _cli_output as output
from skltsm._cli_output import CommandError

__all__ = ["build_parser", "main"]

PROG = "skltsm"
_DEFAULT_TEST_SIZE = 12
_DATASETS = ("shampoo", "airline")
_PROTOCOLS = {
    "walk-forward": "one-step walk-forward with true lags",
    "horizon": "h-step forecast from the end of training",
}
# Old option names, accepted for one release with a warning: old -> new (argparse dests).
_RENAMED = {"seeds": "runs", "horizon": "test_size", "neurons": "units"}


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors raise :class:`CommandError` (one line)."""

    def error(self, message):
        """Raise the usage error instead of printing the usage and exiting."""
        raise CommandError(f"{message} (see '{self.prog} --help')")


def main(argv=None):
    """Run the ``skltsm`` command line and return its exit status.

    Parameters
    ----------
    argv : list of str or None, default=None
        The arguments after the program name; None reads ``sys.argv[1:]``.

    Returns
    -------
    status : int
        0 on success (and for ``--help``), 2 on bad input after printing one
        ``skltsm: error: ...`` line on stderr, 130 when interrupted.
    """
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except CommandError as error:
        print(f"{PROG}: error: {' '.join(str(error).split())}", file=sys.stderr)
        return 2
    except SystemExit as stop:  # --help and --version print, then exit
        return stop.code if isinstance(stop.code, int) else 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def build_parser():
    """Return the parser of ``skltsm``; parsing sets ``run``, the subcommand's function."""
    parser = _Parser(prog=PROG, description="LSTM time-series forecasting.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    forecast = commands.add_parser(
        "forecast",
        help="forecast a series with an LSTM and score it against persistence",
        description="Forecast the last points of a series with an LSTM and score it against "
        "persistence. With no options: the shampoo tutorial on bundled data.",
    )
    _add_forecast_options(forecast)
    forecast.set_defaults(run=_forecast)
    return parser


def _add_forecast_options(forecast):
    data = forecast.add_argument_group("data")
    source = data.add_mutually_exclusive_group()
    source.add_argument("--dataset", choices=_DATASETS, help="bundled series (default: shampoo)")
    source.add_argument("--csv", metavar="PATH", help="local CSV file with a header row")
    data.add_argument("--date-column", metavar="NAME", help="CSV date column (default: first)")
    data.add_argument("--value-column", metavar="NAME", help="CSV values (default: the other)")
    data.add_argument(
        "--id-column",
        metavar="NAME",
        help="long CSV of many series: the column naming each row's series; one network "
        "is trained on every series",
    )
    test = forecast.add_argument_group("evaluation")
    test.add_argument(
        "--protocol",
        choices=tuple(_PROTOCOLS),
        default="walk-forward",
        help="walk-forward: one step at a time with the true lags (the tutorial's, default); "
        "horizon: all test steps at once from the end of training",
    )
    n = {"type": _positive_int, "metavar": "N"}
    size = test.add_mutually_exclusive_group()
    size.add_argument("--test-size", **n, help="points held out at the end (default: 12)")
    size.add_argument("--horizon", **n, help=argparse.SUPPRESS)  # the old name of --test-size
    runs = test.add_mutually_exclusive_group()
    runs.add_argument("--runs", **n, help="train N times, with seeds 0..N-1 (default: 1)")
    runs.add_argument("--seeds", **n, help=argparse.SUPPRESS)  # the old name of --runs
    model = forecast.add_argument_group("model (defaults: the forecaster's and the model's own)")
    model.add_argument(
        "--model",
        choices=tuple(models.MODELS),
        default="auto",
        help="auto: LSTMForecaster's defaults, every setting chosen from the data (default); "
        "stateful: the shampoo tutorial's LSTM(4), batch 1, on first differences and one "
        "lag; stacked: StackedLSTMRegressor",
    )
    width = model.add_mutually_exclusive_group()
    width.add_argument(
        "--units", type=_units, metavar="N[,N]", help="LSTM width (stacked: one per layer)"
    )
    width.add_argument("--neurons", **n, help=argparse.SUPPRESS)  # the old name of --units
    model.add_argument("--epochs", **n, help="stateful/stacked: training epochs")
    settings = forecast.add_argument_group(
        "settings (default: chosen from the data; --model stateful: the tutorial's)"
    )
    settings.add_argument("--lags", type=_auto(_positive_int), metavar="N|auto", help="window")
    settings.add_argument(
        "--sp", type=_auto(_positive_int, none=True), metavar="N|none|auto", help="season"
    )
    settings.add_argument(
        "--transform", choices=("auto", "log", "none"), help="variance-stabilising transform"
    )
    settings.add_argument(
        "--difference-lag",
        type=_auto(_units),
        metavar="N[,N]|auto",
        help="lags differenced in turn, e.g. 1,12 (first then seasonal)",
    )
    settings.add_argument(
        "--difference-order", type=_auto(_non_negative_int), metavar="N|auto", help="0: none"
    )
    out = forecast.add_argument_group("output")
    out.add_argument(
        "--coverage",
        type=_coverages,
        default=(0.8, 0.95),
        metavar="P[,P]|none",
        help="prediction intervals to report and draw (default: 0.8,0.95)",
    )
    out.add_argument("--output-csv", metavar="PATH", help="write the forecast table as CSV")
    plot = out.add_mutually_exclusive_group()
    plot.add_argument("--plot", metavar="PATH", help=f"plot file (default: {output.DEFAULT_PLOT})")
    plot.add_argument("--no-plot", action="store_true", help="do not plot")
    out.add_argument("-q", "--quiet", action="store_true", help="print only the RMSE line")


def _positive_int(text):
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _non_negative_int(text):
    return 0 if text.strip() == "0" else _positive_int(text)


def _auto(parse, none=False):
    """Return a parser of ``parse``'s values, "auto" and maybe "none", kept as strings."""

    def parse_or_auto(text):
        if text == "auto" or (none and text == "none"):
            return text
        return parse(text)

    return parse_or_auto


def _coverages(text):
    """Parse ``0.8,0.95`` into a sorted tuple of coverages in (0, 1); "none" is ()."""
    if text == "none":
        return ()
    try:
        values = tuple(sorted({float(part) for part in text.split(",")}))
    except ValueError:
        values = ()
    if not values or not all(0.0 < v < 1.0 for v in values):
        message = (
            f"expected coverages between 0 and 1 separated by commas, like 0.8,0.95; got {text!r}"
        )
        raise argparse.ArgumentTypeError(message)
    return values


def _units(text):
    try:
        return tuple(_positive_int(part) for part in text.split(","))
    except argparse.ArgumentTypeError:
        message = f"expected positive integers separated by commas, like 50,50; got {text!r}"
        raise argparse.ArgumentTypeError(message) from None


# -- the forecast command ------------------------------------------------------------------


def _forecast(args):
    """Run ``skltsm forecast``: check all input, train, write the files, print the results."""
    n_test = _check_options(args)
    if args.id_column is not None:
        return _forecast_panel(args, n_test)
    y, source = _load_series(args)
    output.check_split(len(y), n_test, args.lags)
    outputs = output.output_paths(args)
    info = _silent if args.quiet else print
    y_train, y_test = y.iloc[:-n_test], y.iloc[-n_test:]
    protocol = _PROTOCOLS[args.protocol] + (f" (h={n_test})" if args.protocol == "horizon" else "")
    info(f"data: {source}, {len(y)} points")
    info(f"protocol: {protocol}; {output.split_text(y_train)}, {output.split_text(y_test, 'test')}")
    result = output.score(y, n_test, args.protocol, _run_seeds(args, y, n_test, info))
    written = output.write_outputs(output.output_jobs(outputs, result, y_train, source))
    output.report(result, info)
    return _written(written, outputs, info)


def _forecast_panel(args, n_test):
    """Run ``skltsm forecast --id-column``: one network for every series of a long CSV."""
    from skltsm import _cli_panel as panel

    y, source = panel.load_panel(args)
    y_train, y_test = panel.split(y, n_test, args.lags)
    outputs = output.output_paths(args)
    info = _silent if args.quiet else print
    protocol = _PROTOCOLS[args.protocol] + (f" (h={n_test})" if args.protocol == "horizon" else "")
    info(f"data: {source}, {len(y)} points")
    info(f"protocol: {protocol}; the last {n_test} points of every series are the test")
    _import_tensorflow_quietly()
    result = panel.score(y_train, y_test, args.protocol, panel.run(args, y_train, y_test, info))
    written = output.write_outputs(panel.output_jobs(outputs, result, y_train, y_test, source))
    panel.report(result, info)
    return _written(written, outputs, info)


def _written(written, outputs, info):
    """Say which files were written (and why the plot was not); return exit status 0."""
    for kind, path in written:
        info(f"{kind} written to {path.resolve()}")
    if outputs["note"]:
        info(outputs["note"])
    return 0


def _silent(*args, **kwargs):
    """Print nothing (``--quiet``)."""


def _check_options(args):
    """Reject option combinations that do not fit; return the test size."""
    if args.csv is None and (args.date_column or args.value_column or args.id_column):
        raise CommandError("--date-column, --value-column and --id-column need --csv PATH")
    _read_renamed(args)
    if args.id_column is not None:
        _check_panel_options(args)
    if args.model == "auto":
        for option in ("units", "epochs"):
            if getattr(args, option) is not None:
                raise CommandError(
                    f"--{option} sets --model stateful or stacked; --model auto (the default) "
                    "uses LSTMForecaster's own network and chooses its epochs"
                )
    if args.model == "stateful" and args.units is not None and len(args.units) > 1:
        raise CommandError("--model stateful has one LSTM layer: give --units one number")
    _check_network_size(args)
    return args.test_size or _DEFAULT_TEST_SIZE


def _read_renamed(args):
    """Read an old option name (``_RENAMED``) as the new one, with a warning on stderr."""
    for old, new in _RENAMED.items():
        value = getattr(args, old)
        if value is not None:
            print(
                f"{PROG}: warning: --{old} is now called --{new.replace('_', '-')}", file=sys.stderr
            )
            setattr(args, new, (value,) if new == "units" else value)


def _check_panel_options(args):
    """Refuse what the global network of a panel does not use (it would be ignored)."""
    if args.model == "stateful":
        raise CommandError(
            "--model stateful trains with batch size 1, one series at a time; with "
            "--id-column use --model auto (the default) or stacked"
        )
    for option in ("transform", "difference_lag", "difference_order"):
        if getattr(args, option) is not None:
            raise CommandError(
                f"--{option.replace('_', '-')} is not used by the network of many series "
                "(--id-column): each series is put on its own log or mean scale and "
                "deseasonalised instead"
            )


def _check_network_size(args):
    """Refuse an absurd --units before any output or training (the size is known)."""
    from skltsm._validation import check_network_size, recurrent_weight_count

    if args.units:
        size = recurrent_weight_count("lstm", args.units, 1, 1)
        try:
            check_network_size(PROG, size, f"--units {','.join(map(str, args.units))}")
        except ValueError as error:
            raise CommandError(str(error).removeprefix(f"{PROG}: ")) from None


def _load_series(args):
    """Return the series to forecast and a description of where it came from."""
    from skltsm import datasets

    if args.csv is None:
        name = args.dataset or _DATASETS[0]
        y = {"shampoo": datasets.load_shampoo_sales, "airline": datasets.load_airline}[name]()
        return y, f"{name} (bundled '{y.name}')"
    try:
        y = datasets.load_csv_series(
            args.csv, date_column=args.date_column, value_column=args.value_column
        )
    except (OSError, ValueError, TypeError) as error:
        message = str(error).removeprefix("load_csv_series:").strip()
        raise CommandError(f"--csv: {message.replace('value_column=', '--value-column')}") from None
    return y, f"'{args.csv}' column '{y.name}'"


def _import_tensorflow():
    """Import TensorFlow and keras now (skltsm itself imports them at the first fit)."""
    import keras  # noqa: F401

    try:
        import tensorflow  # noqa: F401 (scikeras' import of it, at the first fit)
    except ImportError:  # another keras backend, without TensorFlow installed
        pass


def _import_tensorflow_quietly():
    from skltsm._native_log import filtered_native_stderr

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before tensorflow: no C++ chatter
    with filtered_native_stderr():  # TensorFlow's import prints lines no variable silences
        _import_tensorflow()


def _run_seeds(args, y, n_test, info):
    """Return ``(forecasts, intervals or None)`` of the test steps per run (seeds 0, 1, ...)."""
    n_runs = args.runs or args.seeds or 1
    _import_tensorflow_quietly()

    if getattr(y.index, "freq", None) is None:  # irregular dates: by position
        y = y.reset_index(drop=True)
    y_train, y_test = y.iloc[:-n_test], y.iloc[-n_test:]
    runs = []
    for seed in range(n_runs):
        forecaster, description = models.make_forecaster(args, seed, len(y_train))
        if seed == 0:
            seeds = "seed 0" if n_runs == 1 else f"seeds 0..{n_runs - 1}"
            info(f"model: {description}; {seeds}")
        try:
            y_pred, bands, forecaster = models.forecast_once(forecaster, args, y_train, y_test)
        except ValueError as error:  # e.g. the forecaster's own checks of a short series
            raise CommandError(str(error)) from None
        if seed == 0:
            info(models.chosen(forecaster))
        runs.append((y_pred.to_numpy(dtype="float64"), bands))
    return runs
