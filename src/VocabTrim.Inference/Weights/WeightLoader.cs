using TorchSharp;
using VocabTrim.Checkpoints;

namespace VocabTrim.Inference.Weights;

/// <summary>
/// Reads named tensors from a checkpoint (through the project's one reader) into torch tensors on the compute
/// device and dtype, checking every shape against what the config implies. Keeps what it loaded so that the
/// model can dispose its weights at once.
/// </summary>
public sealed class WeightLoader(ICheckpoint checkpoint, torch.Device device, torch.ScalarType dtype) : IDisposable
{
    private readonly List<torch.Tensor> _loaded = [];

    /// <summary>Larger tensors are read in row chunks of at most this many bytes, so none has to fit in one span.</summary>
    internal long ChunkBytes { get; init; } = 64L << 20;

    public torch.Device Device => device;

    public torch.ScalarType Dtype => dtype;

    public ICheckpoint Checkpoint => checkpoint;

    public IReadOnlyList<torch.Tensor> Loaded => _loaded;

    public bool Has(string name) => checkpoint.Tensors.ContainsKey(name);

    /// <summary>The tensor <paramref name="name"/>, which must have exactly <paramref name="shape"/>.</summary>
    public torch.Tensor Load(string name, params long[] shape)
    {
        var (info, sourceType) = Check(name, shape);
        var host = torch.empty(shape, sourceType, torch.CPU);
        try
        {
            Fill(host, info);
            var result = sourceType == dtype && device.type == DeviceType.CPU ? host : host.to(dtype, device);
            if (!ReferenceEquals(result, host)) host.Dispose();
            result.DetachFromDisposeScope();
            _loaded.Add(result);
            return result;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Several [<paramref name="rows"/>, <paramref name="columns"/>] matrices stacked: [names × rows, columns], so
    /// that projections of the same input run as one product (<see cref="Linear"/>'s [out, in] layout).
    /// </summary>
    public torch.Tensor LoadStacked(IReadOnlyList<string> names, long rows, long columns)
    {
        var result = torch.empty([rows * names.Count, columns], dtype, device).DetachFromDisposeScope();
        try
        {
            for (var i = 0; i < names.Count; i++)
            {
                var (info, sourceType) = Check(names[i], [rows, columns]);
                using var scope = torch.NewDisposeScope();
                var part = result.narrow(0, i * rows, rows);
                if (sourceType == dtype && device.type == DeviceType.CPU)
                {
                    Fill(part, info);
                    continue;
                }
                // Converted in row chunks, so that no whole copy in the checkpoint's dtype exists at once.
                var rowsPerChunk = Math.Max(1, ChunkBytes / Math.Max(1, info.RowByteLength));
                for (long row = 0; row < rows; row += rowsPerChunk)
                {
                    var count = Math.Min(rowsPerChunk, rows - row);
                    using var chunk = torch.NewDisposeScope();
                    var host = torch.empty([count, columns], sourceType, torch.CPU);  // [count, columns]
                    if (host.NumberOfElements > 0) checkpoint.ReadRows(names[i], row, count, host.bytes);
                    part.narrow(0, row, count).copy_(host.to(dtype, device));
                }
            }
        }
        catch
        {
            result.Dispose();
            throw;
        }
        _loaded.Add(result);
        return result;
    }

    /// <summary>
    /// The matrix <paramref name="name"/> of shape [<paramref name="rows"/>, <paramref name="columns"/>], stored
    /// transposed ([columns, rows], contiguous) for <see cref="Linear"/>. Rows are read and transposed in
    /// chunks, so the untransposed matrix never exists whole (the LM head is most of the model).
    /// </summary>
    public torch.Tensor LoadTransposed(string name, long rows, long columns) => LoadTransposed([name], rows, columns);

    /// <summary>
    /// Several [<paramref name="rows"/>, <paramref name="columns"/>] matrices side by side after transposing:
    /// [columns, names × rows], so that projections of the same input run as one matrix product.
    /// </summary>
    public torch.Tensor LoadTransposed(IReadOnlyList<string> names, long rows, long columns)
    {
        var result = torch.empty([columns, rows * names.Count], dtype, device).DetachFromDisposeScope();
        try
        {
            for (var i = 0; i < names.Count; i++)
            {
                var (info, sourceType) = Check(names[i], [rows, columns]);
                var rowsPerChunk = Math.Max(1, ChunkBytes / Math.Max(1, info.RowByteLength));
                for (long row = 0; row < rows; row += rowsPerChunk)
                {
                    var count = Math.Min(rowsPerChunk, rows - row);
                    using var scope = torch.NewDisposeScope();
                    var host = torch.empty([count, columns], sourceType, torch.CPU);  // [count, columns]
                    if (host.NumberOfElements > 0) checkpoint.ReadRows(names[i], row, count, host.bytes);
                    result.narrow(1, i * rows + row, count).copy_(host.to(dtype, device).t()); // [columns, count]
                }
            }
        }
        catch
        {
            result.Dispose();
            throw;
        }
        _loaded.Add(result);
        return result;
    }

    private (TensorInfo Info, torch.ScalarType SourceType) Check(string name, long[] shape)
    {
        var info = checkpoint.Info(name);
        if (!info.Shape.AsSpan().SequenceEqual(shape))
            throw new ModelFolderException(checkpoint.Location,
                $"tensor '{name}' is {info.Shape}, config.json implies {new TensorShape(shape)}");
        var sourceType = info.Dtype switch
        {
            Checkpoints.Dtype.F32 => torch.ScalarType.Float32,
            Checkpoints.Dtype.F16 => torch.ScalarType.Float16,
            Checkpoints.Dtype.BF16 => torch.ScalarType.BFloat16,
            _ => throw new ModelFolderException(checkpoint.Location, $"tensor '{name}' is {info.Dtype}; weights must be F32, F16 or BF16"),
        };
        return (info, sourceType);
    }

    private void Fill(torch.Tensor host, TensorInfo info)
    {
        if (info.ElementCount == 0) return;
        if (info.Shape.Rank == 0 || info.ByteLength <= ChunkBytes)
        {
            checkpoint.ReadBytes(info.Name, 0, host.bytes);
            return;
        }
        var rowBytes = info.RowByteLength;
        var rowsPerChunk = Math.Max(1, ChunkBytes / Math.Max(1, rowBytes));
        for (long row = 0; row < info.RowCount; row += rowsPerChunk)
        {
            var count = Math.Min(rowsPerChunk, info.RowCount - row);
            using var slice = host.narrow(0, row, count);
            checkpoint.ReadRows(info.Name, row, count, slice.bytes);
        }
    }

    public void Dispose()
    {
        foreach (var t in _loaded) t.Dispose();
        _loaded.Clear();
    }
}
