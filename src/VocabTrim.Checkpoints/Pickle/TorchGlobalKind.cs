namespace VocabTrim.Checkpoints.Pickle;

/// <summary>What an allowed pickle global stands for; everything else is refused.</summary>
internal enum TorchGlobalKind
{
    OrderedDict,
    RebuildTensorV2,
    RebuildTensorV3,
    RebuildParameter,
    RebuildParameterWithState,
    RebuildFromTypeV2,
    TensorType,
    StorageType,
    Dtype,
}
