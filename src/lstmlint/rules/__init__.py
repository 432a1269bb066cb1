"""The rule registry: every rule class, in code order."""

from __future__ import annotations

from typing import Dict, List, Type

from .base import Rule
from .broadcasting_loss import BroadcastingLoss
from .categorical_targets import CategoricalTargets
from .checkpoint_path import CheckpointPath
from .merge_shapes import MergeShapes
from .embedding_index_range import EmbeddingIndexRange
from .embedding_weights import EmbeddingWeightsShape
from .feature_count import FeatureCount
from .fit_before_compile import FitBeforeCompile
from .float_embedding_input import FloatEmbeddingInput
from .implicit_input_reshape import ImplicitInputReshape
from .input_count import InputCount
from .input_rank import InputRank
from .keras3_ignored_argument import Keras3IgnoredArgument
from .keras3_removed_argument import Keras3RemovedArgument
from .layer_input_rank import LayerInputRank
from .loss_shape_mismatch import LossShapeMismatch
from .metrics_structure import MetricsStructure
from .multi_output_in_sequential import MultiOutputInSequential
from .nested_model_input import NestedModelInput
from .object_data import ObjectData
from .recurrent_input_rank import RecurrentInputRank
from .removed_keyword import RemovedKeyword
from .removed_model_method import RemovedModelMethod
from .removed_name import RemovedName
from .reshape_size import ReshapeSize
from .python_list_data import PythonListData
from .ragged_array import InhomogeneousArray
from .sample_count import SampleCount
from .sequence_output_targets import SequenceOutputTargets
from .shared_layer_input import SharedLayerInput
from .sequence_too_short import SequenceTooShort
from .shape_not_tuple import ShapeNotTuple
from .sparse_label_range import SparseLabelRange
from .sparse_one_hot import SparseOneHot
from .target_structure import TargetStructure
from .timesteps import Timesteps
from .undefined_last_dimension import UndefinedLastDimension
from .unknown_keyword import UnknownKeyword

ALL_RULES: List[Type[Rule]] = sorted(
    [
        RecurrentInputRank,
        LayerInputRank,
        SequenceTooShort,
        ReshapeSize,
        MergeShapes,
        InputRank,
        ImplicitInputReshape,
        FeatureCount,
        Timesteps,
        SampleCount,
        CategoricalTargets,
        SparseOneHot,
        BroadcastingLoss,
        SequenceOutputTargets,
        ObjectData,
        FloatEmbeddingInput,
        EmbeddingIndexRange,
        FitBeforeCompile,
        Keras3RemovedArgument,
        Keras3IgnoredArgument,
        PythonListData,
        LossShapeMismatch,
        MultiOutputInSequential,
        InputCount,
        UndefinedLastDimension,
        RemovedModelMethod,
        RemovedKeyword,
        RemovedName,
        CheckpointPath,
        SparseLabelRange,
        TargetStructure,
        MetricsStructure,
        EmbeddingWeightsShape,
        InhomogeneousArray,
        SharedLayerInput,
        ShapeNotTuple,
        UnknownKeyword,
        NestedModelInput,
    ],
    key=lambda rule: rule.code,
)

BY_CODE: Dict[str, Type[Rule]] = {rule.code: rule for rule in ALL_RULES}
BY_NAME: Dict[str, Type[Rule]] = {rule.name: rule for rule in ALL_RULES}
