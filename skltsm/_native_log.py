"""Keep TensorFlow's native start-up lines out of the ``skltsm`` command's output.

Importing TensorFlow prints, from C++ straight to file descriptor 2, lines that no
environment variable silences (``TF_CPP_MIN_LOG_LEVEL`` included)::

    WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
    I0000 00:00:1796176748.546682    4413 cudart_stub.cc:31] Could not find cuda drivers ...

:func:`filtered_native_stderr` captures descriptor 2 while a block runs (the import),
then writes back everything except that start-up noise: the absl preamble and
informational (``I``-level) log lines. Warnings and errors, native (``W``/``E`` lines) or
Python's own, are written back unchanged and in order. Only the command line uses it;
the library never redirects a descriptor of its caller's process.
"""

import contextlib
import os
import re
import sys
import tempfile

# The absl preamble, an informational glog line ("I0000 00:00:1796176748.546682  4413 file.cc:31]")
# and the continuation line of cpu_feature_guard's message.
_NOISE = re.compile(
    r"^(WARNING: All log messages before absl::InitializeLog\(\) is called"
    r"|I\d{4} [\d:.]+\s+\d+ [\w./-]+:\d+\]"
    r"|To enable the following instructions: .* rebuild TensorFlow)"
)


def without_startup_noise(text):
    r"""Return ``text`` without TensorFlow's informational start-up lines.

    Parameters
    ----------
    text : str
        What was written to standard error.

    Returns
    -------
    kept : str
        The other lines, in order, with their line endings.

    Examples
    --------
    >>> without_startup_noise(
    ...     "I0000 00:00:1796176748.546682    4413 cudart_stub.cc:31] no cuda\n"
    ...     "W0000 00:00:1796176748.546682    4413 x.cc:9] a real warning\n"
    ... )
    'W0000 00:00:1796176748.546682    4413 x.cc:9] a real warning\n'
    """
    return "".join(line for line in text.splitlines(True) if not _NOISE.match(line))


@contextlib.contextmanager
def filtered_native_stderr():
    """Capture file descriptor 2 in the block, then write it back without start-up noise.

    Yields
    ------
    None
        The block runs with descriptor 2 (and so ``sys.stderr``) sent to a temporary file.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as capture:
        os.dup2(capture.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            sys.stderr.write(without_startup_noise(capture.read().decode(errors="replace")))
            sys.stderr.flush()
