using TorchSharp;

namespace VocabTrim.Inference.Tests.Support;

/// <summary>Host copies of tensors for assertions.</summary>
public static class TensorData
{
    public static float[] Floats(torch.Tensor t)
    {
        using var host = t.to(torch.ScalarType.Float32).cpu().contiguous();
        return host.data<float>().ToArray();
    }

    public static double[] Doubles(torch.Tensor t)
    {
        using var host = t.to(torch.ScalarType.Float64).cpu().contiguous();
        return host.data<double>().ToArray();
    }

    public static double[] Flatten(double[][] rows) => [.. rows.SelectMany(r => r)];

    public static IReadOnlyList<IReadOnlyList<long>> Sequences(IEnumerable<long[]> ids) =>
        [.. ids.Select(i => (IReadOnlyList<long>)i)];
}
