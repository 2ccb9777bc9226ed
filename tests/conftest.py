"""Shared test settings: quiet TensorFlow, and fast-settings helpers."""

import os

# Set before anything imports TensorFlow: its C++ start-up chatter drowns test output.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
