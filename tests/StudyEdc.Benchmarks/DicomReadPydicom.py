#!/usr/bin/python3
"""Parse and decode every file under a folder with pydicom, as DicomReadHarness does in .NET.

Usage: python3 tests/StudyEdc.Benchmarks/DicomReadPydicom.py [FOLDER] [repetitions]
The first repetition is a warm-up; the median of the rest is printed.
"""
import os
import statistics
import sys
import time

import pydicom


def read_all(files):
    decoded = frames = rejected = 0
    for path in files:
        try:
            dataset = pydicom.dcmread(path, force=True)
            if "PixelData" not in dataset:
                continue
            array = dataset.pixel_array
            frames += int(getattr(dataset, "NumberOfFrames", 1) or 1)
            decoded += 1 if array is not None else 0
        except Exception:  # noqa: BLE001 - any failure counts as a rejection, as in the .NET harness
            rejected += 1
    return decoded, frames, rejected


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join("tests", "data", "dicom")
    repetitions = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    files = sorted(
        os.path.join(root, name)
        for root, _, names in os.walk(folder)
        for name in names
        if not name.endswith(".tsv") and name != "LICENCE-NOTES.md"
    )
    print(f"{len(files)} files, pydicom {pydicom.__version__}")
    times = []
    for repetition in range(repetitions + 1):
        start = time.perf_counter()
        decoded, frames, rejected = read_all(files)
        elapsed = time.perf_counter() - start
        if repetition > 0:
            times.append(elapsed)
        label = "warm-up" if repetition == 0 else f"run {repetition}"
        print(f"{label}: {elapsed:.3f} s, {decoded} files with pixels decoded ({frames} frames), {rejected} rejected")
    print(f"median {statistics.median(times):.3f} s, min {min(times):.3f} s")


if __name__ == "__main__":
    main()
