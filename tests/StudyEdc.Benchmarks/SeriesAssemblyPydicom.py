"""Assemble the same synthetic CT series with pydicom and numpy, for comparison with SeriesAssemblyHarness.

Usage: /usr/bin/python3 SeriesAssemblyPydicom.py FOLDER [repetitions]
Needs Debian's python3-pydicom and python3-numpy. Reads headers first (stop_before_pixels), orders slices along the
normal of ImageOrientationPatient, then reads each file again and writes its HU values into one float32 volume, the
same two passes as StudyEdc.Dicom's SeriesAssembler.
"""
import os
import resource
import sys
import time

import numpy as np
import pydicom


def assemble(folder):
    paths = sorted(os.path.join(root, name) for root, _, names in os.walk(folder) for name in names)
    headers = [pydicom.dcmread(path, stop_before_pixels=True) for path in paths]
    series_uid = headers[0].SeriesInstanceUID
    slices = [(path, h) for path, h in zip(paths, headers) if h.SeriesInstanceUID == series_uid]
    orientation = np.array(slices[0][1].ImageOrientationPatient, dtype=float)
    normal = np.cross(orientation[:3], orientation[3:])
    slices.sort(key=lambda s: float(np.dot(np.array(s[1].ImagePositionPatient, dtype=float), normal)))
    rows, columns = int(slices[0][1].Rows), int(slices[0][1].Columns)
    volume = np.empty((len(slices), rows, columns), dtype=np.float32)
    for index, (path, _) in enumerate(slices):
        dataset = pydicom.dcmread(path)
        slope = float(getattr(dataset, "RescaleSlope", 1))
        intercept = float(getattr(dataset, "RescaleIntercept", 0))
        volume[index] = dataset.pixel_array.astype(np.float32) * slope + intercept
    return volume


def main():
    folder = sys.argv[1]
    repetitions = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    print(f"pydicom {pydicom.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}")
    for repetition in range(repetitions):
        start = time.perf_counter()
        volume = assemble(folder)
        seconds = time.perf_counter() - start
        checksum = float(volume.reshape(-1)[::4099].sum(dtype=np.float64))
        print(f"run {repetition + 1}: total {seconds:.3f} s, volume {volume.shape[2]}x{volume.shape[1]}x{volume.shape[0]} "
              f"({volume.nbytes / 1048576:.1f} MiB), checksum {checksum:.0f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak resident set {peak:.1f} MiB")


if __name__ == "__main__":
    main()
