"""Markdown output of bench_competitions: the header with protocol, formulas and
published figures, the scores table and the coverage-per-step table."""

import _metrics
import numpy as np

COVERAGES = (0.8, 0.95)
PROTOCOL = (
    "Protocol: published train/test split; each series fitted on its training part alone, "
    "h-step forecast from its end (one shot, no refit, no updates); scores per series, "
    "averaged over series."
)
PUBLISHED = {
    "M3 monthly": [
        ("Naive2", "sMAPE", 16.91, "Oreshkin et al. 2020, Table 14"),
        ("ARIMA (B-J automatic)", "sMAPE", 14.81, "Oreshkin et al. 2020, Table 14"),
        ("Theta", "sMAPE", 13.85, "Oreshkin et al. 2020, Table 14"),
        ("ForecastPro", "sMAPE", 13.86, "Oreshkin et al. 2020, Table 14"),
        ("N-BEATS-I+G", "sMAPE", 13.11, "Oreshkin et al. 2020, Table 14"),
    ],
    "Tourism monthly": [
        ("ETS", "MASE", 1.526, "Godahewa et al. 2021 (Monash archive)"),
        ("ARIMA", "MASE", 1.589, "Godahewa et al. 2021 (Monash archive)"),
        ("DeepAR", "MASE", 1.409, "Godahewa et al. 2021 (Monash archive)"),
        ("competition's best", "MASE", 1.38, "Athanasopoulos et al. 2011"),
    ],
}


def cell(values, digits):
    """Mean (± population sd over seeds when there are several) of the non-missing values."""
    values = [v for v in values if v is not None]
    if not values:
        return "-"
    if len(values) == 1:
        return f"{values[0]:.{digits}f}"
    return f"{np.mean(values):.{digits}f} ± {np.std(values):.{digits}f}"


COLUMNS = [
    ("sMAPE", 2),
    ("MASE", 3),
    ("MAPE", 2),
    ("s/series", 3),
    ("cov 80%", 3),
    ("cov 95%", 3),
    ("MSIS", 2),
]


def print_table(rows, file=None):
    """The markdown table of the main scores, one row per model."""
    names = [c for c, _ in COLUMNS]
    print(f"| model | runs | {' | '.join(names)} | wall s | failed |", file=file)
    print("|---|---:|" + "---:|" * (len(names) + 2), file=file)
    for model, scores, walls in rows:
        cells = [cell([s.get(c) for s in scores], d) for c, d in COLUMNS]
        first = scores[0]
        note = str(first["failed"])
        if first["fallback"]:
            note += f" -> {', '.join(first['fallback'])}"
        if first["interval failed"]:
            note += f"; {first['interval failed']} without intervals"
        line = f"| {model.name} | {len(scores)} | {' | '.join(cells)} | {np.mean(walls):.0f} |"
        print(f"{line} {note} |", file=file)


def print_coverage_by_step(rows, horizon, file=None):
    """Coverage per horizon step of every model that gave intervals (mean over seeds)."""
    rows = [(m, s) for m, s, _ in rows if "cov 95%" in s[0]]
    if not rows:
        return
    steps = " | ".join(str(t) for t in range(1, horizon + 1))
    print(f"\n| model | nominal | {steps} |", file=file)
    print("|---|---:|" + "---:|" * horizon, file=file)
    for model, scores in rows:
        for c in COVERAGES:
            by_step = np.mean([s[f"coverage {c:.0%} by step"] for s in scores], axis=0)
            print(
                f"| {model.name} | {c:.0%} | {' | '.join(f'{v:.2f}' for v in by_step)} |", file=file
            )


def print_header(data, file=None):
    """Dataset, protocol, formulas and the published figures for this subset."""
    print(f"\n## {data.name}\n", file=file)
    print(f"{data.n_series} series, h = {data.horizon}, sp = {data.sp}.", file=file)
    print(f"\n{PROTOCOL}\n", file=file)
    formulas = _metrics.__doc__.split("``t = 1..h``:", 1)[1].strip()
    print(formulas, file=file)
    base = data.name.split(",")[0]
    if base in PUBLISHED:
        print(f"\nPublished, {base} (all series):", file=file)
        for name, metric, value, source in PUBLISHED[base]:
            print(f"- {name}: {metric} {value} ({source})", file=file)
    print(file=file)
