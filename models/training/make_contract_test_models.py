"""Write a tiny ONNX model that breaks the model contract, for the validator's tests.

    /usr/bin/python3 make_contract_test_models.py --out ../../tests/StudyEdc.Inference.Tests/TestModels

wrong-contract.onnx: input 'image' [1, 1, 32, 32, 32] float32 (the contract wants 'ct' [1, 2, 64, 64, 64]);
outputs 'boxes' [N, 4] int64 (wants [N, 6] float32) and 'prob' [N] float32 (wants 'scores' and 'malignancy').
"""

import argparse
import os

import onnx
from onnx import TensorProto, helper


def wrong_contract_model() -> onnx.ModelProto:
    image = helper.make_tensor_value_info("image", TensorProto.FLOAT, [1, 1, 32, 32, 32])
    boxes = helper.make_tensor_value_info("boxes", TensorProto.INT64, ["N", 4])
    prob = helper.make_tensor_value_info("prob", TensorProto.FLOAT, ["N"])
    # prob = ReduceMax(image) reshaped to [1]; boxes = the first four index rows of NonZero(image), transposed,
    # so N stays symbolic.
    nodes = [
        helper.make_node("ReduceMax", ["image"], ["max"], keepdims=0),
        helper.make_node("Constant", [], ["shape"], value=helper.make_tensor("shape_value", TensorProto.INT64, [1], [1])),
        helper.make_node("Reshape", ["max", "shape"], ["prob"]),
        helper.make_node("NonZero", ["image"], ["indices"]),
        helper.make_node("Constant", [], ["starts"], value=helper.make_tensor("starts_value", TensorProto.INT64, [1], [0])),
        helper.make_node("Constant", [], ["ends"], value=helper.make_tensor("ends_value", TensorProto.INT64, [1], [4])),
        helper.make_node("Slice", ["indices", "starts", "ends"], ["first_four"]),
        helper.make_node("Transpose", ["first_four"], ["boxes"], perm=[1, 0]),
    ]
    graph = helper.make_graph(nodes, "wrong_contract", [image], [boxes, prob])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="StudyEdc tests")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="folder to write wrong-contract.onnx into")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    onnx.save(wrong_contract_model(), os.path.join(args.out, "wrong-contract.onnx"))


if __name__ == "__main__":
    main()
