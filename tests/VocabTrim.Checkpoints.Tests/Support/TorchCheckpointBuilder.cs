using VocabTrim.Checkpoints;

namespace VocabTrim.Checkpoints.Tests.Support;

/// <summary>
/// Crafts <c>pytorch_model.bin</c> files laid out as torch.save writes them (protocol-2 pickle of a dict of
/// <c>_rebuild_tensor_v2</c> calls, one <c>data/&lt;key&gt;</c> entry per storage), for cases the shared reference
/// files do not cover: other dtypes, views, shards, Zip64, broken archives.
/// </summary>
internal sealed class TorchCheckpointBuilder
{
    private readonly List<CraftedTensor> _tensors = [];
    private readonly Dictionary<string, (string Type, long Count, byte[] Data)> _storages = [];
    private readonly Dictionary<string, (long Bytes, (long Offset, byte[] Bytes)[] Patches)> _sparse = [];
    private readonly List<(string Name, string Text)> _extras = [];

    public string Prefix { get; init; } = "archive";

    public static string StorageTypeOf(Dtype dtype) => VocabTrim.Checkpoints.Pickle.StateDictPickle.StorageType(dtype);

    public TorchCheckpointBuilder Storage(string key, Dtype dtype, byte[] data)
    {
        _storages[key] = (StorageTypeOf(dtype), data.Length / dtype.ElementSize, data);
        return this;
    }

    /// <summary>
    /// A storage of <paramref name="count"/> elements, zero but the patches, as a hole in a sparse file.
    /// </summary>
    public TorchCheckpointBuilder SparseStorage(
        string key, Dtype dtype, long count, params (long Offset, byte[] Bytes)[] patches)
    {
        _storages[key] = (StorageTypeOf(dtype), count, []);
        _sparse[key] = (checked(count * dtype.ElementSize), patches);
        return this;
    }

    /// <summary>A storage whose pickled element count disagrees with its bytes, or whose type is unusual.</summary>
    public TorchCheckpointBuilder RawStorage(string key, string storageType, long declaredCount, byte[] data)
    {
        _storages[key] = (storageType, declaredCount, data);
        return this;
    }

    public TorchCheckpointBuilder Tensor(
        string name, string storageKey, long offset, long[] size, long[]? stride = null)
    {
        _tensors.Add(new CraftedTensor(name, storageKey, offset, size, stride ?? Contiguous(size)));
        return this;
    }

    public TorchCheckpointBuilder Extra(string name, string text)
    {
        _extras.Add((name, text));
        return this;
    }

    public byte[] Pickle()
    {
        var p = new PickleBuilder().Proto(2).EmptyDict().Mark();
        foreach (var t in _tensors)
        {
            var (type, count, _) = _storages[t.StorageKey];
            p.Unicode(t.Name).Global("torch._utils", "_rebuild_tensor_v2")
                .Mark()
                .Mark().Unicode("storage").Global("torch", type).Unicode(t.StorageKey).Unicode("cpu").Int(count).Tuple()
                .BinPersId()
                .Int(t.StorageOffset).IntTuple(t.Size).IntTuple(t.Stride).NewFalse()
                .Global("collections", "OrderedDict").EmptyTuple().Reduce()
                .Tuple()
                .Reduce();
        }
        return p.SetItems().Stop().ToArray();
    }

    /// <param name="pickle">A replacement data.pkl, to test the unpickler on hand-made programs.</param>
    public void Write(string path, bool zip64 = false, byte[]? pickle = null)
    {
        var archive = new TorchArchiveBuilder().Add($"{Prefix}/data.pkl", pickle ?? Pickle());
        foreach (var (key, (_, _, data)) in _storages)
        {
            if (_sparse.TryGetValue(key, out var sparse))
                archive.AddSparse($"{Prefix}/data/{key}", sparse.Bytes, sparse.Patches);
            else archive.Add($"{Prefix}/data/{key}", data);
        }
        archive.Add($"{Prefix}/version", "3\n");
        foreach (var (name, text) in _extras) archive.Add($"{Prefix}/{name}", text);
        archive.Write(path, zip64);
    }

    /// <summary>The named tensors of a checkpoint as a pickle, each in a storage of its own.</summary>
    public static TorchCheckpointBuilder From(ICheckpoint source, IEnumerable<string> names)
    {
        var builder = new TorchCheckpointBuilder();
        var key = 0;
        foreach (var name in names)
        {
            var info = source.Info(name);
            builder.Storage(key.ToString(), info.Dtype, source.ReadTensor(name));
            builder.Tensor(name, key.ToString(), 0, info.Shape.ToArray());
            key++;
        }
        return builder;
    }

    private static long[] Contiguous(long[] size)
    {
        var stride = new long[size.Length];
        long s = 1;
        for (var i = size.Length - 1; i >= 0; i--)
        {
            stride[i] = s;
            s *= size[i];
        }
        return stride;
    }
}
