"""Train the reference lesion detector on synthetic phantoms, measure it on held-out phantoms, export ONNX.

    nice -n 19 /usr/bin/python3 train.py --out ../liver-lesion-phantom-v1

Writes model.onnx, model.onnx.sha256 and metrics.json into --out. Phantoms are rendered directly on the
model grid (the same points the C# preprocessing samples by trilinear interpolation), with each phase blanked
to air outside its own z-range and field of view, as the preprocessing does.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import time

import numpy as np
import torch
from torch.nn import functional as F

import contract
import model
import phantom

MATCH_MIN_IOU = 0.1
MATCH_MAX_CENTRE_MM = 20.0


def sample_case(seed: int):
    """Render one phantom on the model grid. Returns (tensor [2, D, H, W], lesions as (box_vox [6], malignant))."""
    rng = np.random.default_rng(seed + 7_000_000)
    ph = phantom.make_phantom(seed)
    liver_z = ph.liver_centre()[2]
    fov = {p: rng.uniform(330, 420) for p in phantom.PHASES}
    fov_centre = {p: rng.uniform(-10, 10, 2) for p in phantom.PHASES}
    z_range = {p: (liver_z - rng.uniform(85, 170), liver_z + rng.uniform(85, 170)) for p in phantom.PHASES}

    # Grid centre: centre of the intersection of the two volumes' extents, as the preprocessing computes it.
    lo = np.max([[fov_centre[p][0] - fov[p] / 2, fov_centre[p][1] - fov[p] / 2, z_range[p][0]]
                 for p in phantom.PHASES], axis=0)
    hi = np.min([[fov_centre[p][0] + fov[p] / 2, fov_centre[p][1] + fov[p] / 2, z_range[p][1]]
                 for p in phantom.PHASES], axis=0)
    origin = contract.grid_origin((lo + hi) / 2)
    axis = np.arange(contract.GRID_SIZE, dtype=np.float32) * contract.SPACING_MM
    x = (origin[0] + axis)[None, None, :]
    y = (origin[1] + axis)[None, :, None]
    z = (origin[2] + axis)[:, None, None]

    channels = []
    for p in phantom.PHASES:
        hu = phantom.render(ph, p, x, y, z)
        hu = hu + rng.normal(0.0, rng.uniform(4, 16), hu.shape).astype(np.float32)
        outside = ((np.abs(x - fov_centre[p][0]) > fov[p] / 2) | (np.abs(y - fov_centre[p][1]) > fov[p] / 2)
                   | (z < z_range[p][0]) | (z > z_range[p][1]))
        hu = np.where(outside, contract.OUTSIDE_HU, hu)
        channels.append(contract.normalise(hu))

    lesions = []
    for lesion in ph.lesions:
        box_mm = lesion.box_mm()  # x0 y0 z0 x1 y1 z1
        lo_vox = (box_mm[:3] - origin) / contract.SPACING_MM
        hi_vox = (box_mm[3:] - origin) / contract.SPACING_MM
        lesions.append((np.array([lo_vox[2], lo_vox[1], lo_vox[0], hi_vox[2], hi_vox[1], hi_vox[0]], np.float32),
                        lesion.malignant))
    return np.stack(channels).astype(np.float16), lesions


def build_targets(lesions):
    """Heat-map, offset, size and malignancy targets on the cell grid, the mask of centre cells and the mask of
    cells that learn malignancy (those where the lesion's heat-map is at least 0.5)."""
    c = contract.CELLS
    heat = np.zeros((c, c, c), np.float32)
    regression = np.zeros((7, c, c, c), np.float32)  # offset (3), log half-size (3), malignancy (1)
    mask = np.zeros((c, c, c), np.float32)
    malignancy_mask = np.zeros((c, c, c), np.float32)
    grid = np.stack(np.meshgrid(np.arange(c), np.arange(c), np.arange(c), indexing="ij"), axis=-1)
    for box, malignant in lesions:
        centre = (box[:3] + box[3:]) / 2
        half = (box[3:] - box[:3]) / 2
        cell_position = (centre + 0.5) / contract.STRIDE
        cell = np.floor(cell_position).astype(int)
        if np.any(cell < 0) or np.any(cell >= c):
            continue
        sigma = max(0.6, float(half.mean()) / contract.STRIDE / 1.5)
        d2 = ((grid + 0.5 - cell_position) ** 2).sum(-1)
        lesion_heat = np.exp(-d2 / (2 * sigma * sigma))
        lesion_heat[tuple(cell)] = 1.0
        # Malignancy is learnt around the centre too, so a peak one cell off still reads a trained value.
        near = lesion_heat >= np.maximum(heat, 0.5)
        regression[6][near] = float(malignant)
        malignancy_mask[near] = 1.0
        heat = np.maximum(heat, lesion_heat)
        regression[0:3][(slice(None),) + tuple(cell)] = cell_position - cell
        regression[3:6][(slice(None),) + tuple(cell)] = np.log(np.maximum(half, 0.5) / 2.0)
        mask[tuple(cell)] = 1.0
    return heat, regression, mask, malignancy_mask


CROP_CELLS = 10  # training crops of 40^3 voxels, aligned to the cell grid


def random_crop(volume, target, centres, rng):
    """Cut a cell-aligned crop that contains a lesion centre most of the time, mirrored in z half the time."""
    heat, regression, mask, malignancy_mask = target
    limit = contract.CELLS - CROP_CELLS
    if len(centres) and rng.random() < 0.8:
        centre = centres[rng.integers(0, len(centres))]
        start = np.clip(centre - rng.integers(1, CROP_CELLS - 1, 3), 0, limit)
    else:
        start = rng.integers(0, limit + 1, 3)
    cz, cy, cx = (slice(s, s + CROP_CELLS) for s in start)
    vz, vy, vx = (slice(s * contract.STRIDE, (s + CROP_CELLS) * contract.STRIDE) for s in start)
    volume = volume[:, vz, vy, vx].astype(np.float32)
    heat, regression, mask = heat[cz, cy, cx], regression[:, cz, cy, cx].copy(), mask[cz, cy, cx]
    malignancy_mask = malignancy_mask[cz, cy, cx]
    if rng.random() < 0.5:
        # Mirroring z maps cell c to C-1-c and the in-cell z offset t to 1-t.
        volume, heat, regression = volume[:, ::-1], heat[::-1], regression[:, ::-1]
        mask, malignancy_mask = mask[::-1], malignancy_mask[::-1]
        regression[0] = np.where(mask > 0, 1.0 - regression[0], regression[0])
    return tuple(np.ascontiguousarray(part) for part in (volume, heat, regression, mask, malignancy_mask))


def loss_fn(out, heat, regression, mask, malignancy_mask):
    logit = out[:, 0]
    prob = torch.sigmoid(logit).clamp(1e-4, 1 - 1e-4)
    positive = (heat >= 0.999).float()
    # CenterNet-style focal loss: cells near a centre are penalised less for firing.
    pos_loss = -((1 - prob) ** 2) * torch.log(prob) * positive
    neg_loss = -((1 - heat) ** 4) * (prob ** 2) * torch.log(1 - prob) * (1 - positive)
    count = positive.sum().clamp(min=1.0)
    focal = (pos_loss.sum() + neg_loss.sum()) / count

    m = mask.unsqueeze(1)
    offset = (torch.abs(torch.sigmoid(out[:, 1:4]) - regression[:, 0:3]) * m).sum() / count
    size = (torch.abs(out[:, 4:7] - regression[:, 3:6]) * m).sum() / count
    malignancy = (F.binary_cross_entropy_with_logits(out[:, 7], regression[:, 6], reduction="none")
                  * malignancy_mask).sum() / malignancy_mask.sum().clamp(min=1.0)
    return focal + offset + size + 2.0 * malignancy


def iou_3d(a, b):
    lo = np.maximum(a[:3], b[:3])
    hi = np.minimum(a[3:], b[3:])
    inter = np.prod(np.clip(hi - lo, 0, None))
    vol = lambda box: np.prod(box[3:] - box[:3])
    return inter / (vol(a) + vol(b) - inter)


def auc(labels, scores):
    """Mann-Whitney estimate of the ROC AUC, ties counted as one half."""
    labels = np.asarray(labels, bool)
    scores = np.asarray(scores, float)
    pos, neg = scores[labels], scores[~labels]
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def evaluate(decoder, cases, threshold):
    """Lesion-level recall, false positives per phantom and malignancy AUC of the matched detections."""
    found, total, false_positives = 0, 0, 0
    labels, scores = [], []
    by_kind = {}
    decoder.eval()
    with torch.no_grad():
        for volume, lesions, kinds in cases:
            boxes, det_scores, malignancy = decoder(torch.from_numpy(volume.astype(np.float32))[None])
            keep = det_scores.numpy() >= threshold
            boxes, malignancy = boxes.numpy()[keep], malignancy.numpy()[keep]
            used = set()
            for (box, malignant), kind in zip(lesions, kinds):
                total += 1
                best = None
                for i, det in enumerate(boxes):
                    if i in used:
                        continue
                    distance = np.linalg.norm(((det[:3] + det[3:]) - (box[:3] + box[3:])) / 2) * contract.SPACING_MM
                    if iou_3d(det, box) >= MATCH_MIN_IOU and distance <= MATCH_MAX_CENTRE_MM:
                        best = i
                        break
                hit = best is not None
                by_kind.setdefault(kind, [0, 0])
                by_kind[kind][1] += 1
                if hit:
                    used.add(best)
                    found += 1
                    by_kind[kind][0] += 1
                    labels.append(malignant)
                    scores.append(float(malignancy[best]))
            false_positives += len(boxes) - len(used)
    return {
        "lesions": total,
        "detected": found,
        "recall": found / max(total, 1),
        "false_positives_per_phantom": false_positives / max(len(cases), 1),
        "malignancy_auc_detected": auc(labels, scores),
        "recall_by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_kind.items())},
    }


def make_cases(seeds):
    cases = []
    for seed in seeds:
        volume, lesions = sample_case(seed)
        kinds = [lesion.kind for lesion in phantom.make_phantom(seed).lesions]
        cases.append((volume, lesions, kinds))
    return cases


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="model folder to write model.onnx, its SHA-256 and metrics")
    parser.add_argument("--train-phantoms", type=int, default=600)
    parser.add_argument("--test-phantoms", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=8.0, help="training budget in CPU minutes (default 8)")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--learning-rate", type=float, default=3e-3)
    parser.add_argument("--threshold", type=float, default=0.3, help="detection score threshold for the metrics")
    parser.add_argument("--seed", type=int, default=20260101)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(1)
    os.makedirs(args.out, exist_ok=True)

    started = time.time()
    train_cases = make_cases(range(1, args.train_phantoms + 1))
    # Held-out phantoms use seeds far from the training seeds, so no phantom is shared.
    test_cases = make_cases(range(100_001, 100_001 + args.test_phantoms))
    print(f"rendered {len(train_cases)} + {len(test_cases)} phantoms in {time.time() - started:.0f} s", flush=True)

    targets = [build_targets(lesions) for _, lesions, _ in train_cases]
    centres = [np.argwhere(target[2] > 0) for target in targets]
    detector = model.Detector()
    optimiser = torch.optim.AdamW(detector.parameters(), lr=args.learning_rate, weight_decay=1e-4)
    rng = np.random.default_rng(args.seed)
    # The budget is CPU time, not wall time, so a busy machine does not shorten training.
    cpu_budget = args.minutes * 60
    cpu_start = time.process_time()
    step = 0
    detector.train()
    while (spent := time.process_time() - cpu_start) < cpu_budget:
        for group in optimiser.param_groups:
            group["lr"] = args.learning_rate * 0.5 * (1 + np.cos(np.pi * spent / cpu_budget))
        crops = [random_crop(train_cases[i][0], targets[i], centres[i], rng)
                 for i in rng.integers(0, len(train_cases), args.batch)]
        volume, heat, regression, mask, malignancy_mask = (torch.from_numpy(np.stack(part)) for part in zip(*crops))
        loss = loss_fn(detector(volume), heat, regression, mask, malignancy_mask)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        step += 1
        if step % 200 == 0:
            print(f"step {step} loss {loss.item():.4f} cpu {spent:.0f} s", flush=True)
    train_seconds = time.time() - started

    decoder = model.DetectorWithDecoding(detector).eval()
    metrics = evaluate(decoder, test_cases, args.threshold)
    metrics.update({"threshold": args.threshold, "match_min_iou": MATCH_MIN_IOU,
                    "match_max_centre_mm": MATCH_MAX_CENTRE_MM, "train_phantoms": len(train_cases),
                    "test_phantoms": len(test_cases), "steps": step, "batch": args.batch, "crop_voxels": CROP_CELLS * contract.STRIDE,
                    "wall_seconds": round(train_seconds), "torch": torch.__version__})
    print(json.dumps(metrics, indent=2), flush=True)

    onnx_path = os.path.join(args.out, "model.onnx")
    dummy = torch.zeros(1, 2, contract.GRID_SIZE, contract.GRID_SIZE, contract.GRID_SIZE)
    torch.onnx.export(decoder, dummy, onnx_path, opset_version=17, input_names=[contract.INPUT_NAME],
                      output_names=[contract.OUTPUT_BOXES, contract.OUTPUT_SCORES, contract.OUTPUT_MALIGNANCY],
                      dynamic_axes={contract.OUTPUT_BOXES: {0: "N"}, contract.OUTPUT_SCORES: {0: "N"},
                                    contract.OUTPUT_MALIGNANCY: {0: "N"}})
    with open(onnx_path, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    with open(onnx_path + ".sha256", "w", encoding="ascii") as handle:
        handle.write(f"{digest}  model.onnx\n")
    with open(os.path.join(args.out, "metrics.json"), "w", encoding="utf-8") as handle:
        json.dump({k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in metrics.items()}, handle, indent=2)
        handle.write("\n")
    print(f"wrote {onnx_path} sha256 {digest}")


if __name__ == "__main__":
    main()
