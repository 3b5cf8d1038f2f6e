"""Writes python-written.safetensors with the reference safetensors library (numpy backend).

Values are chosen so that f16 needs subnormals, infinity and rounding. Usage: python3 this.py
"""
import numpy as np
from safetensors.numpy import save_file

save_file(
    {
        "layers.0.weight": np.array([[1.0, -2.5, 0.1], [3.0, 1e-3, -0.0]], dtype=np.float32),
        "half": np.array([1.0, 1.0 / 3, 65504.0, 6e-8, np.inf, -1e-5], dtype=np.float16),
        "step": np.array([123456789012], dtype=np.int64),
        "scalar": np.array(0.5, dtype=np.float64),
    },
    "python-written.safetensors",
    metadata={"format": "np", "note": "golden"},
)
