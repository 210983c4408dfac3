"""The model contract's constants, mirrored from src/StudyEdc.Inference/ModelContract.cs and docs/model-contract.md.

The grid is axis-aligned in patient coordinates (LPS, mm). Tensor axes are (z, y, x): index k runs towards
+z (superior), j towards +y (posterior), i towards +x (patient left). Voxel (k, j, i) has its centre at
grid_origin + (i, j, k) * SPACING_MM, where grid_origin is the centre of the voxel (0, 0, 0).
"""

import numpy as np

GRID_SIZE = 64  # voxels along each axis
SPACING_MM = 5.0  # isotropic
HU_MIN = -100.0
HU_MAX = 300.0
OUTSIDE_HU = -1000.0  # value of grid points outside a phase's volume (air)
INPUT_NAME = "ct"
OUTPUT_BOXES = "boxes"
OUTPUT_SCORES = "scores"
OUTPUT_MALIGNANCY = "malignancy"
STRIDE = 4  # voxels per cell of the network's score grid
CELLS = GRID_SIZE // STRIDE
MIN_SCORE = 0.05  # detections below this detection score are not emitted by the graph


def normalise(hu: np.ndarray) -> np.ndarray:
    return ((np.clip(hu, HU_MIN, HU_MAX) - HU_MIN) / (HU_MAX - HU_MIN)).astype(np.float32)


def grid_origin(centre_mm: np.ndarray) -> np.ndarray:
    """Patient position of voxel (0, 0, 0)'s centre for a grid centred on `centre_mm` (x, y, z)."""
    return np.asarray(centre_mm, np.float64) - (GRID_SIZE - 1) / 2.0 * SPACING_MM
