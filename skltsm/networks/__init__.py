"""Keras networks for skltsm: builders, a compiled training engine, a NumPy forward pass.

This package imports keras (and so its backend) and nothing from scikit-learn; it is only
imported when a model is built.
"""

from skltsm.networks._builders import (
    build_recurrent_network,
    copy_weights,
    initial_states,
    initial_weights,
    recurrent_layers,
    state_shapes,
    weight_shapes,
)
from skltsm.networks._numpy_forward import NumpyRecurrentNetwork
from skltsm.networks._training import train_network

__all__ = [
    "NumpyRecurrentNetwork",
    "build_recurrent_network",
    "copy_weights",
    "initial_states",
    "initial_weights",
    "recurrent_layers",
    "state_shapes",
    "train_network",
    "weight_shapes",
]
