using System.Collections.ObjectModel;
using System.Text;

namespace VocabTrim.Checkpoints.Pickle;

/// <summary>
/// A <c>pytorch_model.bin</c> written by <c>torch.save</c> (PyTorch 1.6 and later): a zip archive holding
/// <c>&lt;prefix&gt;/data.pkl</c> (the state dict, pickled), one <c>&lt;prefix&gt;/data/&lt;key&gt;</c> file per
/// storage, and <c>version</c> / <c>byteorder</c> records. The pickle is read by <see cref="RestrictedUnpickler"/>,
/// which executes nothing; tensor data is read by position from the archive's stored (uncompressed) entries.
/// </summary>
public sealed class PickleCheckpointReader : ICheckpoint
{
    private readonly PositionalFile _file;
    private readonly Dictionary<string, long> _dataStart;

    public string Location => _file.Path;

    public CheckpointFormat Format => CheckpointFormat.PyTorchPickle;

    public IReadOnlyDictionary<string, TensorInfo> Tensors { get; }

    public IReadOnlyList<IReadOnlyList<string>> SharedTensors { get; }

    /// <summary>For each tensor, the storage it views: this is how tied weights show.</summary>
    public IReadOnlyDictionary<string, PickledTensor> PickledTensors { get; }

    /// <summary>The folder name inside the archive (torch uses the file's base name, or "archive").</summary>
    public string ArchivePrefix { get; }

    /// <summary>The archive's serialization format version ("3" for PyTorch 1.6 to 2.x), if recorded.</summary>
    public string? Version { get; }

    private PickleCheckpointReader(PositionalFile file, string prefix, string? version,
        List<(PickledTensor Tensor, long DataStart)> tensors)
    {
        _file = file;
        ArchivePrefix = prefix;
        Version = version;
        var infos = new OrderedDictionary<string, TensorInfo>(StringComparer.Ordinal);
        var pickled = new OrderedDictionary<string, PickledTensor>(StringComparer.Ordinal);
        _dataStart = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (tensor, start) in tensors)
        {
            infos.Add(tensor.Name, new TensorInfo(tensor.Name, tensor.Dtype, tensor.Shape));
            pickled.Add(tensor.Name, tensor);
            _dataStart.Add(tensor.Name, start);
        }
        Tensors = new ReadOnlyDictionary<string, TensorInfo>(infos);
        PickledTensors = new ReadOnlyDictionary<string, PickledTensor>(pickled);
        SharedTensors = tensors
            .GroupBy(t => (t.Tensor.StorageKey, t.Tensor.StorageOffset, t.Tensor.Dtype, t.Tensor.Shape,
                Stride: string.Join(",", t.Tensor.Stride)))
            .Where(g => g.Count() > 1)
            .Select(g => (IReadOnlyList<string>)g.Select(t => t.Tensor.Name).ToList())
            .ToList();
    }

    public static PickleCheckpointReader Open(string path)
    {
        var file = PositionalFile.Open(path);
        try { return Read(file); }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static PickleCheckpointReader Read(PositionalFile file)
    {
        var path = file.Path;
        var magic = new byte[Math.Min(4, file.Length)];
        file.Read(0, magic);
        if (!magic.AsSpan().SequenceEqual("PK\x03\x04"u8))
            throw new CheckpointFormatException(path, magic.Length > 0 && magic[0] == 0x80
                ? "this is the legacy torch.save format (before PyTorch 1.6), which is not supported; re-save it " +
                    "with a newer PyTorch"
                : "not a torch.save zip archive");
        var zip = ZipDirectory.Read(file);
        var pickles = zip.Entries.Keys.Where(n => n.EndsWith("/data.pkl", StringComparison.Ordinal)
            && n.IndexOf('/') == n.Length - "/data.pkl".Length).ToList();
        if (pickles.Count != 1)
            throw new CheckpointFormatException(path, pickles.Count == 0
                ? "the archive has no <prefix>/data.pkl: not a torch.save checkpoint"
                : $"the archive has {pickles.Count} data.pkl files: {string.Join(", ", pickles)}");
        var prefix = pickles[0][..^"/data.pkl".Length];

        var byteOrder = Text(zip, $"{prefix}/byteorder");
        if (byteOrder is not (null or "little"))
            throw new CheckpointFormatException(path,
                $"the archive's byte order is '{byteOrder}'; only little-endian checkpoints are supported");
        var version = Text(zip, $"{prefix}/version") ?? Text(zip, $"{prefix}/.data/version");

        var root = RestrictedUnpickler.Load(zip.ReadAll(zip.Entries[pickles[0]]), path);
        if (root is not PickleDict dict)
            throw new CheckpointFormatException(path, "data.pkl does not hold a dict of tensors (a state dict)");
        var tensors = new List<(PickledTensor, long)>();
        foreach (var (key, value) in dict.Items)
        {
            if (key is not string name)
                throw new CheckpointFormatException(path, "the state dict has a key that is not a string");
            if (value is not TorchTensor tensor)
                throw new CheckpointFormatException(path,
                    $"the state dict holds a value of type '{RestrictedUnpickler.PythonTypeName(value)}', not a tensor",
                    name);
            tensors.Add(Locate(zip, prefix, name, tensor, path));
        }
        return new PickleCheckpointReader(file, prefix, version, tensors);
    }

    private static (PickledTensor, long) Locate(ZipDirectory zip, string prefix, string name, TorchTensor tensor,
        string path)
    {
        var shape = new TensorShape(tensor.Size);
        var entryName = $"{prefix}/data/{tensor.Storage.Key}";
        if (!zip.Entries.TryGetValue(entryName, out var entry))
            throw new CheckpointFormatException(path, $"its storage '{entryName}' is not in the archive", name);
        if (entry.Method != ZipEntry.Stored)
            throw new CheckpointFormatException(path,
                $"its storage '{entryName}' is compressed; torch.save stores storages uncompressed", name);
        var storageBytes = checked(tensor.Storage.ElementCount * tensor.Storage.Dtype.ElementSize);
        if (entry.Size != storageBytes)
            throw new CheckpointFormatException(path,
                $"its storage '{entryName}' has {entry.Size} bytes, but the pickle says " +
                $"{tensor.Storage.ElementCount} elements of {tensor.Storage.Dtype.SafetensorsName}", name);
        if (!IsContiguous(tensor.Size, tensor.Stride))
            throw new CheckpointFormatException(path,
                $"it is not contiguous (size {shape}, stride [{string.Join(", ", tensor.Stride)}]); only contiguous " +
                "tensors can be read", name);
        long begin, length;
        try
        {
            begin = checked(tensor.StorageOffset * tensor.Dtype.ElementSize);
            length = checked(shape.ElementCount * tensor.Dtype.ElementSize);
        }
        catch (OverflowException)
        {
            throw new CheckpointFormatException(path,
                $"size {shape} at offset {tensor.StorageOffset} is too large for any file", name);
        }
        if (begin > storageBytes - length)
            throw new CheckpointFormatException(path,
                $"size {shape} at element offset {tensor.StorageOffset} runs past the end of its storage " +
                $"'{tensor.Storage.Key}' ({storageBytes} bytes)", name);
        var pickled = new PickledTensor(name, tensor.Storage.Key, tensor.Dtype, tensor.StorageOffset, shape,
            tensor.Stride);
        return (pickled, entry.DataOffset + begin);
    }

    /// <summary>Row-major with no gaps; dimensions of size 1 may have any stride, as in torch's own check.</summary>
    private static bool IsContiguous(long[] size, long[] stride)
    {
        long expected = 1;
        for (var i = size.Length - 1; i >= 0; i--)
        {
            if (size[i] == 0) return true;
            if (size[i] != 1 && stride[i] != expected) return false;
            expected = checked(expected * size[i]);
        }
        return true;
    }

    private static string? Text(ZipDirectory zip, string name) =>
        zip.Entries.TryGetValue(name, out var entry) ? Encoding.UTF8.GetString(zip.ReadAll(entry)).Trim() : null;

    public void ReadBytes(string name, long offset, Span<byte> destination)
    {
        if (!_dataStart.TryGetValue(name, out var start))
            throw new CheckpointFormatException(Location, $"there is no tensor '{name}'");
        var length = Tensors[name].ByteLength;
        if (offset < 0 || offset > length - destination.Length)
            throw new ArgumentOutOfRangeException(nameof(offset),
                $"bytes [{offset}, {offset + destination.Length}) are outside tensor '{name}' of {length} bytes");
        _file.Read(start + offset, destination);
    }

    public void Dispose() => _file.Dispose();
}
