"""A small 3D CNN that predicts a coarse centre heat-map, box offsets and sizes, and malignancy per cell.

The input grid of 64^3 voxels is reduced by a stride of 4 to 16^3 cells. Each cell predicts:
- channel 0: detection logit (a lesion centre lies in this cell),
- channels 1-3: centre offset inside the cell (z, y, x), through a sigmoid,
- channels 4-6: log half-extent of the box (z, y, x), in units of 2 voxels,
- channel 7: malignancy logit.
`DetectorWithDecoding` adds the decoding to boxes in the exported ONNX graph.
"""

import torch
from torch import nn
from torch.nn import functional as F

import contract


def _block(cin, cout, stride=1, dilation=1):
    return nn.Sequential(
        nn.Conv3d(cin, cout, 3, stride=stride, padding=dilation, dilation=dilation, bias=False),
        nn.BatchNorm3d(cout),
        nn.ReLU(inplace=True),
    )


class Detector(nn.Module):
    def __init__(self, width: int = 24):
        super().__init__()
        self.features = nn.Sequential(
            _block(2, 16, stride=2),  # 32^3
            _block(16, 16),
            _block(16, width, stride=2),  # 16^3
            _block(width, width),
            _block(width, width, dilation=2),
            _block(width, width, dilation=4),
        )
        self.head = nn.Sequential(nn.Conv3d(width, width, 1), nn.ReLU(inplace=True), nn.Conv3d(width, 8, 1))
        # Start with a low detection prior so the focal loss is not swamped by the many empty cells.
        nn.init.constant_(self.head[-1].bias, 0.0)
        with torch.no_grad():
            self.head[-1].bias[0] = -4.0

    def forward(self, ct):
        return self.head(self.features(ct))


class DetectorWithDecoding(nn.Module):
    """Decodes the cell grid into the contract's outputs: boxes [N, 6], scores [N], malignancy [N]."""

    def __init__(self, detector: Detector):
        super().__init__()
        self.detector = detector
        cells = contract.CELLS
        z, y, x = torch.meshgrid(torch.arange(cells), torch.arange(cells), torch.arange(cells), indexing="ij")
        self.register_buffer("cell_index", torch.stack([z, y, x], dim=-1).reshape(-1, 3).float())

    def forward(self, ct):
        out = self.detector(ct)[0]  # [8, C, C, C]
        heat = torch.sigmoid(out[0:1])
        # A cell is a detection when it is the maximum of its 3x3x3 neighbourhood (non-maximum suppression).
        peak = heat == F.max_pool3d(heat.unsqueeze(0), 3, stride=1, padding=1)[0]
        keep = (peak & (heat >= contract.MIN_SCORE)).reshape(-1)
        index = torch.nonzero(keep).reshape(-1)

        scores = heat.reshape(-1).index_select(0, index)
        order = torch.argsort(scores, descending=True)
        index = index.index_select(0, order)
        scores = scores.index_select(0, order)

        flat = out.reshape(8, -1).transpose(0, 1).index_select(0, index)  # [N, 8]
        cells = self.cell_index.index_select(0, index)
        centre = (cells + torch.sigmoid(flat[:, 1:4])) * contract.STRIDE - 0.5
        half = 2.0 * torch.exp(flat[:, 4:7].clamp(-3.0, 3.0))
        boxes = torch.cat([centre - half, centre + half], dim=1)
        malignancy = torch.sigmoid(flat[:, 7])
        return boxes, scores, malignancy
