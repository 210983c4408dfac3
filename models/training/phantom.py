"""Synthetic two-phase (arterial / portal-venous) abdominal CT phantoms with liver lesions.

A phantom is a set of analytic shapes in patient coordinates (DICOM LPS, millimetres: +x towards the
patient's left, +y posterior, +z superior). `render` evaluates Hounsfield units at arbitrary points, so the
same phantom can be sampled on the model grid for training or slice by slice for a DICOM series.

Lesion types and their enhancement patterns (values are HU relative to the liver of the same phase):
- hcc (malignant): arterial hyper-enhancement, portal-venous washout with a thin enhancing capsule.
- metastasis (malignant): arterial rim enhancement around a hypodense centre, hypodense in portal-venous.
- hemangioma (benign): peripheral nodular enhancement as bright as the aorta in arterial phase,
  centripetal fill-in to blood-pool density in portal-venous phase.
- cyst (benign): water density (0-15 HU) in both phases, sharp margin.

Run `python3 phantom.py --help` for the DICOM writer.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
from dataclasses import dataclass, field

import numpy as np

LESION_TYPES = ("hcc", "metastasis", "hemangioma", "cyst")
MALIGNANT = {"hcc": True, "metastasis": True, "hemangioma": False, "cyst": False}
PHASES = ("arterial", "portal")
AIR_HU = -1000.0


@dataclass
class Ellipsoid:
    centre: np.ndarray  # (3,) mm
    semi_axes: np.ndarray  # (3,) mm

    def normalised_radius(self, x, y, z):
        """Return q = sqrt(sum(((p - c) / a)^2)), so q < 1 inside."""
        dx = (x - self.centre[0]) / self.semi_axes[0]
        dy = (y - self.centre[1]) / self.semi_axes[1]
        dz = (z - self.centre[2]) / self.semi_axes[2]
        return np.sqrt(dx * dx + dy * dy + dz * dz)

    def mask(self, x, y, z, edge_mm=1.0):
        """Soft inside-mask: about 1 inside, 0 outside, a logistic edge `edge_mm` wide."""
        q = self.normalised_radius(x, y, z)
        signed = (1.0 - q) * float(self.semi_axes.min())
        return _logistic(signed / edge_mm)


@dataclass
class Lesion:
    kind: str
    shape: Ellipsoid
    # Per-phase HU contrast relative to liver and per-kind parameters.
    params: dict = field(default_factory=dict)

    @property
    def malignant(self) -> bool:
        return MALIGNANT[self.kind]

    def box_mm(self, shift=np.zeros(3)):
        """Axis-aligned bounding box (x0, y0, z0, x1, y1, z1) in patient mm."""
        c = self.shape.centre + shift
        a = self.shape.semi_axes
        return np.concatenate([c - a, c + a])


@dataclass
class Phantom:
    seed: int
    body: Ellipsoid  # only x/y semi-axes matter; z is infinite
    fat_mm: float
    liver: list  # list[Ellipsoid], union
    spleen: Ellipsoid
    kidneys: list
    aorta_xy: np.ndarray
    aorta_radius: float
    spine_xy: np.ndarray
    vessels: list  # (start (3,), end (3,), radius)
    hu: dict  # phase -> organ -> HU
    lesions: list
    liver_texture: np.ndarray  # (k, 4): wave vector (3) and phase for a few low-frequency sinusoids
    arterial_shift: np.ndarray  # (3,) mm: the arterial phantom is displaced by this (breathing)

    def liver_centre(self) -> np.ndarray:
        return self.liver[0].centre


def _logistic(t):
    return 1.0 / (1.0 + np.exp(-np.clip(t, -30.0, 30.0)))


def _cylinder_mask(x, y, cx, cy, radius, edge_mm=1.0):
    d = np.sqrt((x - cx) ** 2 + (y - cy) ** 2)
    return _logistic((radius - d) / edge_mm)


def _segment_mask(x, y, z, start, end, radius, edge_mm=1.0):
    axis = end - start
    length_sq = float(axis @ axis)
    t = ((x - start[0]) * axis[0] + (y - start[1]) * axis[1] + (z - start[2]) * axis[2]) / length_sq
    t = np.clip(t, 0.0, 1.0)
    d = np.sqrt((x - start[0] - t * axis[0]) ** 2 + (y - start[1] - t * axis[1]) ** 2
                + (z - start[2] - t * axis[2]) ** 2)
    return _logistic((radius - d) / edge_mm)


def _blend(base, value, mask):
    return base + (value - base) * mask


def make_phantom(seed: int, lesion_count: int | None = None, kinds: list | None = None,
                 liver_z: float = 0.0) -> Phantom:
    """Draw a random phantom. `kinds` fixes the lesion types; otherwise 0-3 random lesions."""
    rng = np.random.default_rng(seed)
    body = Ellipsoid(np.array([rng.uniform(-8, 8), rng.uniform(-8, 8), 0.0]),
                     np.array([rng.uniform(140, 170), rng.uniform(100, 125), 1e9]))
    bx, by = body.centre[0], body.centre[1]
    liver_main = Ellipsoid(
        np.array([bx + rng.uniform(-85, -65), by + rng.uniform(-20, 5), liver_z]),
        np.array([rng.uniform(65, 85), rng.uniform(60, 75), rng.uniform(65, 85)]))
    lc = liver_main.centre
    liver_left = Ellipsoid(lc + np.array([rng.uniform(55, 70), rng.uniform(-30, -15), rng.uniform(10, 30)]),
                           np.array([rng.uniform(40, 55), rng.uniform(28, 38), rng.uniform(30, 40)]))
    spleen = Ellipsoid(np.array([bx + rng.uniform(80, 100), by + rng.uniform(20, 40), liver_z + rng.uniform(0, 20)]),
                       np.array([rng.uniform(25, 35), rng.uniform(40, 55), rng.uniform(40, 55)]))
    kidneys = [Ellipsoid(np.array([bx + side * rng.uniform(60, 75), by + rng.uniform(50, 65),
                                   liver_z - rng.uniform(70, 95)]),
                         np.array([rng.uniform(25, 32), rng.uniform(22, 28), rng.uniform(45, 55)]))
               for side in (-1, 1)]
    aorta_xy = np.array([bx + rng.uniform(10, 22), by + rng.uniform(35, 50)])
    spine_xy = np.array([bx + rng.uniform(-4, 4), by + rng.uniform(70, 85)])

    # Hepatic / portal branches: short straight segments inside the main liver lobe.
    vessels = []
    for _ in range(rng.integers(2, 4)):
        start = lc + rng.uniform(-0.35, 0.35, 3) * liver_main.semi_axes
        direction = rng.normal(size=3)
        direction /= np.linalg.norm(direction)
        end = start + direction * rng.uniform(30, 60)
        vessels.append((start, end, rng.uniform(3.0, 5.5)))

    liver_ap = rng.uniform(65, 80)
    liver_pv = rng.uniform(100, 120)
    aorta_ap = rng.uniform(250, 340)
    aorta_pv = rng.uniform(140, 170)
    hu = {
        "arterial": {"fat": -100.0 + rng.uniform(-10, 10), "soft": rng.uniform(40, 50), "liver": liver_ap,
                     "spleen": rng.uniform(100, 125), "kidney": rng.uniform(170, 210), "aorta": aorta_ap,
                     "bone": rng.uniform(400, 600), "vessel": liver_ap + rng.uniform(5, 25)},
        "portal": {"fat": -100.0 + rng.uniform(-10, 10), "soft": rng.uniform(50, 60), "liver": liver_pv,
                   "spleen": rng.uniform(110, 130), "kidney": rng.uniform(160, 190), "aorta": aorta_pv,
                   "bone": rng.uniform(400, 600), "vessel": rng.uniform(150, 180)},
    }

    if kinds is None:
        count = int(rng.integers(0, 4)) if lesion_count is None else lesion_count
        kinds = [LESION_TYPES[int(rng.integers(0, 4))] for _ in range(count)]
    lesions = []
    for kind in kinds:
        lesion = _place_lesion(rng, kind, liver_main, lesions, hu)
        if lesion is not None:
            lesions.append(lesion)

    texture = np.concatenate([rng.normal(size=(4, 3)) * 0.02, rng.uniform(0, 2 * math.pi, (4, 1))], axis=1)
    shift = rng.normal(size=3)
    shift = shift / np.linalg.norm(shift) * rng.uniform(0.0, 3.0)
    return Phantom(seed, body, float(rng.uniform(8, 20)), [liver_main, liver_left], spleen, kidneys,
                   aorta_xy, float(rng.uniform(10, 13)), spine_xy, vessels, hu, lesions, texture, shift)


def _place_lesion(rng, kind, liver: Ellipsoid, existing, hu):
    for _ in range(50):
        radius = rng.uniform(6.0, 20.0)
        semi = radius * rng.uniform(0.85, 1.15, 3)
        # Keep the lesion inside the lobe with a margin of a few millimetres.
        margin = 1.0 - (semi.max() + 6.0) / liver.semi_axes.min()
        if margin <= 0.1:
            continue
        direction = rng.normal(size=3)
        direction /= np.linalg.norm(direction)
        centre = liver.centre + direction * rng.uniform(0, margin) * liver.semi_axes
        clash = any(np.linalg.norm(centre - other.shape.centre) < semi.max() + other.shape.semi_axes.max() + 8
                    for other in existing)
        if clash:
            continue
        return Lesion(kind, Ellipsoid(centre, semi), _lesion_params(rng, kind, hu))
    return None


def _lesion_params(rng, kind, hu):
    if kind == "hcc":
        return {"ap_delta": rng.uniform(40, 80), "pv_delta": -rng.uniform(20, 40), "capsule": rng.uniform(10, 20)}
    if kind == "metastasis":
        return {"ap_centre": rng.uniform(35, 55), "ap_rim_delta": rng.uniform(30, 55), "rim": rng.uniform(0.22, 0.35),
                "pv_centre": rng.uniform(45, 70), "pv_rim_delta": rng.uniform(-15, 0)}
    if kind == "hemangioma":
        nodules = rng.normal(size=(int(rng.integers(4, 8)), 3))
        nodules /= np.linalg.norm(nodules, axis=1, keepdims=True)
        return {"centre_hu": rng.uniform(35, 50), "nodules": nodules, "nodule_hu": hu["arterial"]["aorta"] * rng.uniform(0.7, 0.9),
                "pv_fill_hu": hu["portal"]["aorta"] + rng.uniform(-10, 15), "pv_core": rng.uniform(0.15, 0.4)}
    return {"hu": rng.uniform(0, 15)}


def _lesion_value(lesion: Lesion, phase: str, liver_hu: float, x, y, z):
    """HU inside the lesion, to be blended with the soft mask of the lesion's ellipsoid."""
    p = lesion.params
    q = lesion.shape.normalised_radius(x, y, z)
    if lesion.kind == "hcc":
        if phase == "arterial":
            return liver_hu + p["ap_delta"] + 0.0 * q
        capsule = p["capsule"] * np.exp(-((q - 0.95) / 0.07) ** 2)
        return liver_hu + p["pv_delta"] + capsule
    if lesion.kind == "metastasis":
        rim = _logistic((q - (1.0 - p["rim"])) / 0.05)
        if phase == "arterial":
            return _blend(p["ap_centre"] + 0.0 * q, liver_hu + p["ap_rim_delta"], rim)
        return _blend(p["pv_centre"] + 0.0 * q, liver_hu + p["pv_rim_delta"], rim)
    if lesion.kind == "hemangioma":
        c, a = lesion.shape.centre, lesion.shape.semi_axes
        nodule_mask = 0.0 * q
        for n in p["nodules"]:
            nc = c + n * a * 0.8
            d = np.sqrt(((x - nc[0]) / a[0]) ** 2 + ((y - nc[1]) / a[1]) ** 2 + ((z - nc[2]) / a[2]) ** 2)
            nodule_mask = np.maximum(nodule_mask, _logistic((0.28 - d) / 0.05))
        if phase == "arterial":
            return _blend(p["centre_hu"] + 0.0 * q, p["nodule_hu"], nodule_mask)
        filled = _logistic((q - p["pv_core"]) / 0.05)
        return _blend(p["centre_hu"] + 0.0 * q, p["pv_fill_hu"], np.maximum(filled, nodule_mask))
    return p["hu"] + 0.0 * q


def render(ph: Phantom, phase: str, x, y, z) -> np.ndarray:
    """Noise-free HU of the phantom at patient points (broadcastable arrays, mm)."""
    if phase == "arterial":
        # The arterial acquisition captures the whole phantom displaced by the breathing shift.
        x, y, z = x - ph.arterial_shift[0], y - ph.arterial_shift[1], z - ph.arterial_shift[2]
    h = ph.hu[phase]
    x, y, z = np.broadcast_arrays(np.asarray(x, np.float32), np.asarray(y, np.float32), np.asarray(z, np.float32))
    bx, by = ph.body.centre[0], ph.body.centre[1]
    ax, ay = ph.body.semi_axes[0], ph.body.semi_axes[1]
    body_q = np.sqrt(((x - bx) / ax) ** 2 + ((y - by) / ay) ** 2)
    inner_q = np.sqrt(((x - bx) / (ax - ph.fat_mm)) ** 2 + ((y - by) / (ay - ph.fat_mm)) ** 2)
    value = np.full(x.shape, AIR_HU, np.float32)
    value = _blend(value, h["fat"], _logistic((1.0 - body_q) * min(ax, ay)))
    value = _blend(value, h["soft"], _logistic((1.0 - inner_q) * min(ax, ay)))
    value = _blend(value, h["bone"], _cylinder_mask(x, y, ph.spine_xy[0], ph.spine_xy[1], 20.0))
    value = _blend(value, h["aorta"], _cylinder_mask(x, y, ph.aorta_xy[0], ph.aorta_xy[1], ph.aorta_radius))
    for kidney in ph.kidneys:
        value = _blend(value, h["kidney"], kidney.mask(x, y, z))
    value = _blend(value, h["spleen"], ph.spleen.mask(x, y, z))

    liver_mask = np.maximum(ph.liver[0].mask(x, y, z), ph.liver[1].mask(x, y, z))
    texture = 0.0 * x
    for wave in ph.liver_texture:
        texture = texture + 3.0 * np.cos(wave[0] * x + wave[1] * y + wave[2] * z + wave[3])
    liver_hu = h["liver"] + texture
    value = _blend(value, liver_hu, liver_mask)
    for start, end, radius in ph.vessels:
        value = _blend(value, h["vessel"], _segment_mask(x, y, z, start, end, radius) * liver_mask)
    for lesion in ph.lesions:
        edge = 0.5 if lesion.kind == "cyst" else 1.2
        value = _blend(value, _lesion_value(lesion, phase, liver_hu, x, y, z), lesion.shape.mask(x, y, z, edge))
    return value.astype(np.float32)


# ---------------------------------------------------------------------------------------------------------
# DICOM writing

CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"
SERIES_DESCRIPTIONS = {"arterial": "动脉期 Arterial", "portal": "门脉期 Portal venous"}
UID_ROOT = "2.25."


def _uid(rng) -> str:
    # A UUID-derived UID under the 2.25 root, reproducible from the generator's seed.
    return UID_ROOT + str(int.from_bytes(rng.bytes(16), "big"))


@dataclass
class SeriesGeometry:
    columns: int
    rows: int
    pixel_mm: float
    slice_mm: float
    z_first: float  # position of the first (lowest) slice
    slices: int
    fov_centre: tuple = (0.0, 0.0)


def write_series(ph: Phantom, phase: str, geometry: SeriesGeometry, folder: str, study: dict, noise_hu: float,
                 rng, series_number: int, acquisition_time: str) -> None:
    """Write one phase as a single-frame CT series, one file per slice, explicit VR little endian."""
    import pydicom
    from pydicom.dataset import FileDataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian

    os.makedirs(folder, exist_ok=True)
    g = geometry
    x0 = g.fov_centre[0] - (g.columns - 1) / 2 * g.pixel_mm
    y0 = g.fov_centre[1] - (g.rows - 1) / 2 * g.pixel_mm
    xs = (x0 + np.arange(g.columns) * g.pixel_mm).astype(np.float32)[None, :]
    ys = (y0 + np.arange(g.rows) * g.pixel_mm).astype(np.float32)[:, None]
    series_uid = _uid(rng)
    # Slices are stored head first (descending z), as most scanners number an abdominal scan.
    for index in range(g.slices):
        z = g.z_first + (g.slices - 1 - index) * g.slice_mm
        hu = render(ph, phase, xs, ys, np.float32(z))
        hu = hu + rng.normal(0.0, noise_hu, hu.shape)
        stored = np.clip(np.rint(hu + 1024.0), 0, 4095).astype(np.uint16)

        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = CT_IMAGE_STORAGE
        meta.MediaStorageSOPInstanceUID = _uid(rng)
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        meta.ImplementationClassUID = UID_ROOT + "1"
        ds = FileDataset(None, {}, file_meta=meta, preamble=b"\0" * 128)
        ds.is_little_endian = True
        ds.is_implicit_VR = False
        ds.SpecificCharacterSet = "ISO_IR 192"
        ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
        ds.SOPClassUID = CT_IMAGE_STORAGE
        ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
        ds.StudyDate = study["date"]
        ds.SeriesDate = study["date"]
        ds.StudyTime = study["time"]
        ds.SeriesTime = acquisition_time
        ds.AcquisitionTime = acquisition_time
        ds.AccessionNumber = ""
        ds.Modality = "CT"
        ds.Manufacturer = "StudyEdc phantom generator"
        ds.StudyDescription = "腹部增强CT Abdomen contrast CT"
        ds.SeriesDescription = SERIES_DESCRIPTIONS[phase]
        ds.PatientName = study["patient_name"]
        ds.PatientID = study["patient_id"]
        ds.PatientBirthDate = ""
        ds.PatientSex = "O"
        ds.BodyPartExamined = "ABDOMEN"
        ds.ContrastBolusAgent = "Iopromide"
        ds.SliceThickness = f"{g.slice_mm:g}"
        ds.KVP = "120"
        ds.PatientPosition = "HFS"
        ds.StudyInstanceUID = study["study_uid"]
        ds.SeriesInstanceUID = series_uid
        ds.StudyID = "1"
        ds.SeriesNumber = series_number
        ds.InstanceNumber = index + 1
        ds.ImagePositionPatient = [f"{x0:.3f}", f"{y0:.3f}", f"{z:.3f}"]
        ds.ImageOrientationPatient = ["1", "0", "0", "0", "1", "0"]
        ds.FrameOfReferenceUID = study["frame_uid"]
        ds.SliceLocation = f"{z:.3f}"
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.Rows = g.rows
        ds.Columns = g.columns
        ds.PixelSpacing = [f"{g.pixel_mm:g}", f"{g.pixel_mm:g}"]
        ds.BitsAllocated = 16
        ds.BitsStored = 12
        ds.HighBit = 11
        ds.PixelRepresentation = 0
        ds.WindowCenter = "60"
        ds.WindowWidth = "400"
        ds.RescaleIntercept = "-1024"
        ds.RescaleSlope = "1"
        ds.RescaleType = "HU"
        ds.PixelData = stored.tobytes()
        pydicom.dcmwrite(os.path.join(folder, f"IM{index + 1:04d}.dcm"), ds, write_like_original=False)


def write_exam(ph: Phantom, folder: str, ap: SeriesGeometry, pv: SeriesGeometry, noise_hu: float,
               rng) -> dict:
    """Write AP/ and PVP/ series under `folder` plus truth.json with the lesions; return the truth."""
    study = {"date": "20260101", "time": "090000", "patient_name": f"PHANTOM^{ph.seed:05d}",
             "patient_id": f"PH{ph.seed:05d}", "study_uid": _uid(rng), "frame_uid": _uid(rng)}
    write_series(ph, "arterial", ap, os.path.join(folder, "AP"), study, noise_hu, rng, 3, "090130")
    write_series(ph, "portal", pv, os.path.join(folder, "PVP"), study, noise_hu, rng, 4, "090210")
    truth = {
        "seed": ph.seed,
        "note": "Synthetic phantom, not patient data. Boxes are in patient coordinates (LPS, mm) of the "
                "portal-venous phase; the arterial phase is displaced by arterial_shift_mm.",
        "arterial_shift_mm": [round(float(v), 3) for v in ph.arterial_shift],
        "lesions": [{"kind": l.kind, "malignant": l.malignant,
                     "centre_mm": [round(float(v), 3) for v in l.shape.centre],
                     "semi_axes_mm": [round(float(v), 3) for v in l.shape.semi_axes],
                     "box_mm": [round(float(v), 3) for v in l.box_mm()]} for l in ph.lesions],
    }
    with open(os.path.join(folder, "truth.json"), "w", encoding="utf-8") as handle:
        json.dump(truth, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic AP/PVP phantom exam as two DICOM series.")
    parser.add_argument("--out", required=True, help="exam folder; AP/, PVP/ and truth.json are written in it")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lesions", default=None,
                        help="comma-separated lesion types (hcc, metastasis, hemangioma, cyst); default: 0-3 random")
    parser.add_argument("--matrix", type=int, default=96, help="rows and columns of each slice (default 96)")
    parser.add_argument("--fov", type=float, default=384.0, help="field of view in mm (default 384)")
    parser.add_argument("--ap-slices", type=int, default=45)
    parser.add_argument("--ap-spacing", type=float, default=4.0, help="AP slice spacing in mm (default 4)")
    parser.add_argument("--pvp-slices", type=int, default=40)
    parser.add_argument("--pvp-spacing", type=float, default=5.0, help="PVP slice spacing in mm (default 5)")
    parser.add_argument("--noise", type=float, default=12.0, help="Gaussian noise sigma in HU (default 12)")
    args = parser.parse_args()

    kinds = args.lesions.split(",") if args.lesions else None
    if kinds and any(k not in LESION_TYPES for k in kinds):
        parser.error(f"--lesions {args.lesions!r}: use only {', '.join(LESION_TYPES)}")
    ph = make_phantom(args.seed, kinds=kinds)
    rng = np.random.default_rng(args.seed + 1_000_000)
    pixel = args.fov / args.matrix
    liver_z = ph.liver_centre()[2]
    # The two phases cover different z-ranges: PVP centred on the liver, AP starting lower and ending higher.
    pv_len = (args.pvp_slices - 1) * args.pvp_spacing
    ap_len = (args.ap_slices - 1) * args.ap_spacing
    pv = SeriesGeometry(args.matrix, args.matrix, pixel, args.pvp_spacing, liver_z - pv_len / 2 - 10.0,
                        args.pvp_slices)
    ap = SeriesGeometry(args.matrix, args.matrix, pixel, args.ap_spacing, liver_z - ap_len / 2 + 7.5, args.ap_slices)
    truth = write_exam(ph, args.out, ap, pv, args.noise, rng)
    print(json.dumps(truth, ensure_ascii=False))


if __name__ == "__main__":
    main()
