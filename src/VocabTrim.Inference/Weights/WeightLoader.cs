using TorchSharp;
using VocabTrim.Checkpoints;

namespace VocabTrim.Inference.Weights;

/// <summary>
/// Reads named tensors from a checkpoint (through the project's one reader) into torch tensors on the compute
/// device and dtype, checking every shape against what the config implies. Keeps what it loaded so that the
/// model can dispose its weights at once. With <see cref="Streaming"/>, the tensors a model asks for inside
/// <see cref="InLayer"/> are not read then: they are buffers shared by every layer of that stack, filled by
/// <see cref="Bring"/> just before a layer runs.
/// </summary>
public sealed class WeightLoader(ICheckpoint checkpoint, torch.Device device, torch.ScalarType dtype) : IDisposable
{
    private readonly List<torch.Tensor> _loaded = [];
    private readonly Dictionary<(string Stack, int Ordinal), torch.Tensor> _slots = [];
    private readonly Dictionary<(string Stack, int Index), LayerFill> _layers = [];
    private readonly Dictionary<string, int> _held = [];
    private (string Stack, int Index, int Ordinal)? _building;
    private (bool Found, torch.ScalarType? Type) _narrowStorage;

    private sealed class LayerFill
    {
        public List<Action> Fills { get; } = [];
        public long Bytes { get; set; }
    }

    /// <summary>
    /// Larger tensors are read in row chunks of at most this many bytes, so none has to fit in one span.
    /// </summary>
    internal long ChunkBytes { get; init; } = 64L << 20;

    /// <summary>
    /// When set, layer weights are read per layer run instead of once (see <see cref="LayerStreaming"/>).
    /// </summary>
    public LayerStreaming? Streaming { get; init; }

    /// <summary>
    /// Whether disposing the loader closes the checkpoint (a streaming model reads it for as long as it lives).
    /// </summary>
    public bool OwnsCheckpoint { get; init; }

    public torch.Device Device => device;

    public torch.ScalarType Dtype => dtype;

    public ICheckpoint Checkpoint => checkpoint;

    public IReadOnlyList<torch.Tensor> Loaded => _loaded;

    public bool Has(string name) => checkpoint.Tensors.ContainsKey(name);

    /// <summary>
    /// Builds the model <paramref name="build"/> makes from these weights, which it owns from then on; when building
    /// fails, the loader is disposed here, as no model holds it.
    /// </summary>
    public T BuildOwner<T>(Func<T> build)
    {
        try { return build(); }
        catch { Dispose(); throw; }
    }

    /// <summary>
    /// Builds layer <paramref name="index"/> of <paramref name="stack"/>: the tensors <paramref name="build"/> loads
    /// belong to that layer. Every layer of a stack must load the same shapes in the same order.
    /// </summary>
    public T InLayer<T>(string stack, int index, Func<T> build)
    {
        _building = (stack, index, 0);
        try { return build(); }
        finally { _building = null; }
    }

    /// <summary>
    /// Makes layer <paramref name="index"/> of <paramref name="stack"/> ready to run: with streaming, reads its
    /// weights into the stack's buffers unless they hold it already. Stops here when the run is cancelled.
    /// </summary>
    public void Bring(string stack, int index)
    {
        if (Streaming is not { } streaming) return;
        streaming.Cancellation.ThrowIfCancellationRequested();
        if (_layers.TryGetValue((stack, index), out var layer)
            && (!_held.TryGetValue(stack, out var held) || held != index))
        {
            _held.Remove(stack);                   // half-filled buffers hold no layer
            streaming.Reading(() =>
            {
                using var scope = torch.NewDisposeScope();
                foreach (var fill in layer.Fills) fill();
            }, layer.Bytes);
            _held[stack] = index;
        }
        streaming.LayerStarting?.Invoke(stack, index);
    }

    /// <summary>The tensor <paramref name="name"/>, which must have exactly <paramref name="shape"/>.</summary>
    public torch.Tensor Load(string name, params long[] shape)
    {
        var (info, sourceType) = Check(name, shape);
        return Place(shape, info.ByteLength, dtype, target => Copy(info, sourceType, target));
    }

    /// <summary>
    /// The weight [<paramref name="rows"/>, <paramref name="columns"/>] of a <see cref="Linear"/>. A streamed layer's
    /// weight stays in its stored dtype when that is F16 or BF16 and the model computes in float32 (as every 2-D
    /// tensor of the checkpoint is stored): the layer's buffers are then half the size, which is what lets one
    /// BLOOMZ-176B block (4.9 GB in BF16, 9.9 GB in float32) fit beside the vocabulary in 16 GB.
    /// <see cref="Linear"/> widens it in row chunks as it multiplies, which is exact (every F16 and BF16 value
    /// is a float32), so the outputs equal those of a float32 buffer.
    /// </summary>
    public torch.Tensor LoadMatrix(string name, long rows, long columns)
    {
        var (info, sourceType) = Check(name, [rows, columns]);
        var slotType = Streaming is not null && _building is not null
            && NarrowStorage() == sourceType ? sourceType : dtype;
        return Place([rows, columns], info.ByteLength, slotType, target => Copy(info, sourceType, target));
    }

    /// <summary>
    /// The narrower float type every 2-D tensor of the checkpoint is stored in, when that is one type and the
    /// compute dtype is float32; else null. One type for all, so that every layer of a stack gets the same buffers.
    /// </summary>
    private torch.ScalarType? NarrowStorage()
    {
        if (!_narrowStorage.Found) _narrowStorage = (true, FindNarrowStorage());
        return _narrowStorage.Type;
    }

    private torch.ScalarType? FindNarrowStorage()
    {
        var stored = checkpoint.Tensors.Values.Where(t => t.Shape.Rank == 2 && FloatConversion.IsFloatingPoint(t.Dtype))
            .Select(t => t.Dtype).Distinct().ToList();
        return dtype != torch.ScalarType.Float32 || stored.Count != 1 ? null : stored[0] switch
        {
            Checkpoints.Dtype.F16 => torch.ScalarType.Float16,
            Checkpoints.Dtype.BF16 => torch.ScalarType.BFloat16,
            _ => null,
        };
    }

    /// <summary>
    /// Several [<paramref name="rows"/>, <paramref name="columns"/>] matrices stacked: [names × rows, columns], so
    /// that projections of the same input run as one product (<see cref="Linear"/>'s [out, in] layout).
    /// </summary>
    public torch.Tensor LoadStacked(IReadOnlyList<string> names, long rows, long columns)
    {
        var parts = names.Select(n => Check(n, [rows, columns])).ToList();
        return Place([rows * names.Count, columns], parts.Sum(p => p.Info.ByteLength), dtype, target =>
        {
            for (var i = 0; i < parts.Count; i++)
            {
                using var part = target.narrow(0, i * rows, rows);
                Copy(parts[i].Info, parts[i].SourceType, part);
            }
        });
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
        var parts = names.Select(n => Check(n, [rows, columns])).ToList();
        return Place([columns, rows * names.Count], parts.Sum(p => p.Info.ByteLength), dtype, target =>
        {
            for (var i = 0; i < parts.Count; i++)
            {
                var (info, sourceType) = parts[i];
                var rowsPerChunk = Math.Max(1, ChunkBytes / Math.Max(1, info.RowByteLength));
                for (long row = 0; row < rows; row += rowsPerChunk)
                {
                    var count = Math.Min(rowsPerChunk, rows - row);
                    using var scope = torch.NewDisposeScope();
                    var host = torch.empty([count, columns], sourceType, torch.CPU);  // [count, columns]
                    if (host.NumberOfElements > 0) checkpoint.ReadRows(info.Name, row, count, host.bytes);
                    target.narrow(1, i * rows + row, count).copy_(host.t());            // [columns, count]
                }
            }
        });
    }

    /// <summary>
    /// A tensor of <paramref name="shape"/> and <paramref name="type"/> filled by <paramref name="fill"/>: now, or,
    /// for a layer's tensor while streaming, the stack's shared buffer for it, filled whenever that layer is brought.
    /// </summary>
    private torch.Tensor Place(long[] shape, long bytes, torch.ScalarType type, Action<torch.Tensor> fill)
    {
        if (Streaming is null || _building is not { } building)
        {
            var result = torch.empty(shape, type, device).DetachFromDisposeScope();
            try
            {
                using var scope = torch.NewDisposeScope();
                fill(result);
            }
            catch
            {
                result.Dispose();
                throw;
            }
            _loaded.Add(result);
            return result;
        }
        _building = building with { Ordinal = building.Ordinal + 1 };
        var key = (building.Stack, building.Ordinal);
        if (!_slots.TryGetValue(key, out var slot))
        {
            slot = torch.empty(shape, type, device).DetachFromDisposeScope();
            _slots[key] = slot;
            _loaded.Add(slot);
        }
        else if (!slot.shape.AsSpan().SequenceEqual(shape))
            throw new InvalidDataException(
                $"{checkpoint.Location}: layer {building.Index} of '{building.Stack}' has a " +
                $"{new TensorShape(shape)} tensor where layer 0 has {new TensorShape(slot.shape)}");
        if (!_layers.TryGetValue((building.Stack, building.Index), out var layer))
        {
            _layers[(building.Stack, building.Index)] = layer = new LayerFill();
            Streaming.AddLayer(building.Stack);
        }
        layer.Fills.Add(() => fill(slot));
        layer.Bytes += bytes;
        Streaming.AddLayerBytes(building.Stack, bytes);
        return slot;
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
            _ => throw new ModelFolderException(checkpoint.Location,
                $"tensor '{name}' is {info.Dtype}; weights must be F32, F16 or BF16"),
        };
        return (info, sourceType);
    }

    /// <summary>
    /// The tensor's data into <paramref name="target"/> (contiguous, its shape): read straight into it when it is
    /// a CPU tensor of the stored dtype, else converted in row chunks, so that no whole copy in the checkpoint's
    /// dtype exists at once.
    /// </summary>
    private void Copy(TensorInfo info, torch.ScalarType sourceType, torch.Tensor target)
    {
        if (info.ElementCount == 0) return;
        var direct = sourceType == target.dtype && device.type == DeviceType.CPU;
        if (info.Shape.Rank == 0 || info.ByteLength <= ChunkBytes)
        {
            if (direct)
            {
                checkpoint.ReadBytes(info.Name, 0, target.bytes);
                return;
            }
            using var host = torch.empty(target.shape, sourceType, torch.CPU);
            checkpoint.ReadBytes(info.Name, 0, host.bytes);
            target.copy_(host);
            return;
        }
        var rowsPerChunk = Math.Max(1, ChunkBytes / Math.Max(1, info.RowByteLength));
        for (long row = 0; row < info.RowCount; row += rowsPerChunk)
        {
            var count = Math.Min(rowsPerChunk, info.RowCount - row);
            using var slice = target.narrow(0, row, count);
            if (direct)
            {
                checkpoint.ReadRows(info.Name, row, count, slice.bytes);
                continue;
            }
            using var host = torch.empty(slice.shape, sourceType, torch.CPU);
            checkpoint.ReadRows(info.Name, row, count, host.bytes);
            slice.copy_(host);
        }
    }

    public void Dispose()
    {
        foreach (var t in _loaded) t.Dispose();
        _loaded.Clear();
        _slots.Clear();
        _layers.Clear();
        if (OwnsCheckpoint) checkpoint.Dispose();
    }
}
