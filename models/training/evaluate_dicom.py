"""Measure a model through StudyEdc itself: write phantom exams as DICOM, run `studyedc infer --json` on each, and
report detection recall by lesion type and size and the malignancy AUC of the detected lesions.

    dotnet build src/StudyEdc.Cli
    /usr/bin/python3 evaluate_dicom.py --studyedc ../../src/StudyEdc.Cli/bin/Debug/net10.0/studyedc --exams 30

The matching rule and the score threshold are those of train.py (IoU >= 0.1, centres <= 20 mm, score >= 0.3).
"""

import argparse
import json
import os
import subprocess
import tempfile

import numpy as np

import phantom
import train


def iou_mm(a, b):
    lo = np.maximum(a[:3], b[:3])
    hi = np.minimum(a[3:], b[3:])
    inter = np.prod(np.clip(hi - lo, 0, None))
    return inter / (np.prod(a[3:] - a[:3]) + np.prod(b[3:] - b[:3]) - inter)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studyedc", required=True, help="path of the built studyedc executable")
    parser.add_argument("--exams", type=int, default=30)
    parser.add_argument("--first-seed", type=int, default=200001, help="seeds of the exams; far from training seeds")
    parser.add_argument("--threshold", type=float, default=0.3)
    args = parser.parse_args()

    rows = []  # (kind, diameter_mm, found, malignant, malignancy)
    false_positives = 0
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(args.first_seed, args.first_seed + args.exams):
            exam = os.path.join(folder, str(seed))
            subprocess.run(["/usr/bin/python3", os.path.join(os.path.dirname(__file__), "phantom.py"), "--out", exam,
                            "--seed", str(seed)], check=True, capture_output=True)
            with open(os.path.join(exam, "truth.json"), encoding="utf-8") as handle:
                truth = json.load(handle)
            output = subprocess.run([args.studyedc, "infer", "--ap", os.path.join(exam, "AP"), "--pvp",
                                     os.path.join(exam, "PVP"), "--provider", "Cpu", "--json"],
                                    check=True, capture_output=True, text=True).stdout
            detections = [d for d in json.loads(output)["detections"] if d["score"] >= args.threshold]
            boxes = [np.array([d["patientBoxMm"]["min"][k] for k in "xyz"] + [d["patientBoxMm"]["max"][k] for k in "xyz"])
                     for d in detections]
            used = set()
            for lesion in truth["lesions"]:
                box = np.array(lesion["box_mm"])
                found = None
                for i, det in enumerate(boxes):
                    distance = np.linalg.norm((det[:3] + det[3:]) / 2 - (box[:3] + box[3:]) / 2)
                    if i not in used and iou_mm(det, box) >= train.MATCH_MIN_IOU and distance <= train.MATCH_MAX_CENTRE_MM:
                        found = i
                        break
                if found is not None:
                    used.add(found)
                diameter = 2 * float(np.mean(lesion["semi_axes_mm"]))
                rows.append((lesion["kind"], diameter, found is not None, lesion["malignant"],
                             detections[found]["malignancy"] if found is not None else None))
            false_positives += len(boxes) - len(used)

    def recall(selected):
        hits = sum(1 for r in selected if r[2])
        return f"{hits}/{len(selected)}"

    report = {
        "exams": args.exams,
        "lesions": len(rows),
        "recall": recall(rows),
        "recall_below_20mm": recall([r for r in rows if r[1] < 20]),
        "recall_20mm_and_above": recall([r for r in rows if r[1] >= 20]),
        "recall_by_kind": {k: recall([r for r in rows if r[0] == k]) for k in phantom.LESION_TYPES},
        "false_positives_per_exam": false_positives / max(args.exams, 1),
        "malignancy_auc_detected": train.auc([r[3] for r in rows if r[2]], [r[4] for r in rows if r[2]]),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
