using VocabTrim.Checkpoints;
using VocabTrim.Checkpoints.Sharding;
using VocabTrim.Common;

namespace VocabTrim.Synthetic;

/// <summary>
/// Random-weight model folders of real shapes in the hub's layouts, for benchmarks (weights and configs; the
/// tokenizer is the caller's): e.g. <c>WriteMt5(dir, Mt5Architecture.Mt0Xxl(), HubLayout.Mt0Xxl)</c> or
/// <c>WriteBloom(dir, BloomArchitecture.Bloomz176b(), HubLayout.Bloomz176bSlice)</c>. Values are generated while
/// written, so memory stays small at any size; the bytes depend only on the seed and the tensor names.
/// </summary>
public static class SyntheticCheckpoints
{
    public static WrittenCheckpoint WriteMt5(string folder, Mt5Architecture architecture, HubLayout layout,
        ulong seed = 1, WeightFill fill = WeightFill.FastUniform)
    {
        Mt5ConfigFiles.Write(folder, architecture);
        if (layout.Dtype is { } dtype && dtype != Dtype.F32) SetTorchDtype(folder, dtype);
        return layout.Write(folder, RandomMt5Checkpoint.Sources(architecture, seed, fill));
    }

    public static WrittenCheckpoint WriteBloom(string folder, BloomArchitecture architecture, HubLayout layout,
        ulong seed = 1, WeightFill fill = WeightFill.FastUniform)
    {
        BloomConfigFiles.Write(folder, architecture, TorchDtype(layout.Dtype ?? Dtype.F32));
        return layout.Write(folder, [.. BloomTensors.Plan(architecture).Select(t =>
            new RandomTensorSource(t.Name, t.Shape, fill == WeightFill.FastUniform ? t.Init.AsUniform() : t.Init,
                seed))]);
    }

    /// <summary>Bytes of weights a layout of these tensors holds (each storage once).</summary>
    public static long WeightBytes(IEnumerable<(string Name, long[] Shape, TensorInit Init)> plan, Dtype dtype) =>
        plan.Sum(t => t.Shape.Aggregate(1L, (a, b) => a * b)) * dtype.ElementSize;

    private static string TorchDtype(Dtype dtype) => dtype switch
    {
        Dtype.F16 => "float16",
        Dtype.BF16 => "bfloat16",
        _ => "float32",
    };

    private static void SetTorchDtype(string folder, Dtype dtype)
    {
        var path = Path.Combine(folder, Mt5ConfigFiles.Config);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllBytes(path))!.AsObject();
        json["torch_dtype"] = TorchDtype(dtype);
        var bytes = HfJson.Serialize(json);
        AtomicFile.Write(path, s => s.Write(bytes));
    }
}
