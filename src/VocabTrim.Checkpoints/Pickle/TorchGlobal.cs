namespace VocabTrim.Checkpoints.Pickle;

/// <summary>
/// A global a weights pickle may name (<c>torch._utils._rebuild_tensor_v2</c>, <c>torch.FloatStorage</c>...),
/// resolved to a marker: nothing is imported or called. <see cref="Dtype"/> is set for storage types and dtypes.
/// </summary>
internal sealed record TorchGlobal(string Module, string Name, TorchGlobalKind Kind, Dtype? Dtype = null)
{
    private static readonly Dictionary<(string, string), TorchGlobal> Allowed = Build();

    public string FullName => $"{Module}.{Name}";

    public static TorchGlobal? Resolve(string module, string name) =>
        Allowed.GetValueOrDefault((module, name));

    private static Dictionary<(string, string), TorchGlobal> Build()
    {
        var all = new List<TorchGlobal>
        {
            new("collections", "OrderedDict", TorchGlobalKind.OrderedDict),
            new("torch._utils", "_rebuild_tensor_v2", TorchGlobalKind.RebuildTensorV2),
            new("torch._utils", "_rebuild_tensor_v3", TorchGlobalKind.RebuildTensorV3),
            new("torch._utils", "_rebuild_parameter", TorchGlobalKind.RebuildParameter),
            new("torch._utils", "_rebuild_parameter_with_state", TorchGlobalKind.RebuildParameterWithState),
            new("torch._tensor", "_rebuild_from_type_v2", TorchGlobalKind.RebuildFromTypeV2),
            new("torch", "Tensor", TorchGlobalKind.TensorType),
            new("torch._tensor", "Tensor", TorchGlobalKind.TensorType),
            new("torch.nn.parameter", "Parameter", TorchGlobalKind.TensorType),
        };
        (string Name, Dtype Dtype)[] storages =
        [
            ("DoubleStorage", Checkpoints.Dtype.F64), ("FloatStorage", Checkpoints.Dtype.F32),
            ("HalfStorage", Checkpoints.Dtype.F16), ("BFloat16Storage", Checkpoints.Dtype.BF16),
            ("LongStorage", Checkpoints.Dtype.I64), ("IntStorage", Checkpoints.Dtype.I32),
            ("ShortStorage", Checkpoints.Dtype.I16), ("CharStorage", Checkpoints.Dtype.I8),
            ("ByteStorage", Checkpoints.Dtype.U8), ("BoolStorage", Checkpoints.Dtype.Bool),
        ];
        // torch.cuda.* storage types come from checkpoints saved by old PyTorch versions on a GPU.
        foreach (var module in new[] { "torch", "torch.cuda" })
            foreach (var (name, dtype) in storages)
                all.Add(new(module, name, TorchGlobalKind.StorageType, dtype));
        // An untyped storage holds raw bytes; torch.load gives its tensors dtype uint8 unless v3 names one.
        foreach (var (module, name) in new[] { ("torch", "UntypedStorage"), ("torch.storage", "UntypedStorage"),
            ("torch", "_UntypedStorage"), ("torch.storage", "_UntypedStorage") })
            all.Add(new(module, name, TorchGlobalKind.StorageType, Checkpoints.Dtype.U8));
        (string Name, Dtype Dtype)[] dtypes =
        [
            ("float32", Checkpoints.Dtype.F32), ("float", Checkpoints.Dtype.F32),
            ("float64", Checkpoints.Dtype.F64), ("double", Checkpoints.Dtype.F64),
            ("float16", Checkpoints.Dtype.F16), ("half", Checkpoints.Dtype.F16),
            ("bfloat16", Checkpoints.Dtype.BF16),
            ("int64", Checkpoints.Dtype.I64), ("long", Checkpoints.Dtype.I64),
            ("int32", Checkpoints.Dtype.I32), ("int", Checkpoints.Dtype.I32),
            ("int16", Checkpoints.Dtype.I16), ("short", Checkpoints.Dtype.I16),
            ("int8", Checkpoints.Dtype.I8), ("uint8", Checkpoints.Dtype.U8),
            ("uint16", Checkpoints.Dtype.U16), ("uint32", Checkpoints.Dtype.U32), ("uint64", Checkpoints.Dtype.U64),
            ("bool", Checkpoints.Dtype.Bool),
            ("float8_e5m2", Checkpoints.Dtype.F8E5M2), ("float8_e4m3fn", Checkpoints.Dtype.F8E4M3),
        ];
        foreach (var (name, dtype) in dtypes) all.Add(new("torch", name, TorchGlobalKind.Dtype, dtype));
        return all.ToDictionary(g => (g.Module, g.Name));
    }
}
