using System.Buffers;

namespace VocabTrim.Checkpoints;

/// <summary>Whole-tensor and row-oriented reads on top of <see cref="ICheckpoint.ReadBytes"/>.</summary>
public static class CheckpointReads
{
    /// <summary>
    /// Parameters of the model: every tensor's elements, tied tensors (one storage, several names) counted once.
    /// </summary>
    public static long ParameterCount(this ICheckpoint checkpoint) =>
        checkpoint.Tensors.Values.Sum(t => t.ElementCount)
        - checkpoint.SharedTensors.Sum(g => (g.Count - 1) * checkpoint.Tensors[g[0]].ElementCount);

    // Big enough that per-call overhead vanishes, small enough to stay out of the large-object heap churn.
    internal const int CopyBufferBytes = 4 << 20;

    /// <summary>The tensor's description, or an error that names the tensor and the checkpoint.</summary>
    public static TensorInfo Info(this ICheckpoint checkpoint, string name) =>
        checkpoint.Tensors.TryGetValue(name, out var info)
            ? info
            : throw new CheckpointFormatException(checkpoint.Location, $"there is no tensor '{name}'");

    /// <summary>All of a tensor's bytes. For tensors over 2 GB use <see cref="CopyTensorTo"/> or row reads.</summary>
    public static byte[] ReadTensor(this ICheckpoint checkpoint, string name)
    {
        var info = checkpoint.Info(name);
        if (info.ByteLength > Array.MaxLength)
            throw new InvalidOperationException(
                $"{checkpoint.Location}: tensor '{name}' {info.Shape} {info.Dtype} has {info.ByteLength:N0} bytes, " +
                "more than one array holds; read it in row ranges or copy it to a stream");
        var bytes = GC.AllocateUninitializedArray<byte>((int)info.ByteLength);
        checkpoint.ReadBytes(name, 0, bytes);
        return bytes;
    }

    /// <summary>
    /// Rows <c>[firstRow, firstRow + rowCount)</c> along dimension 0, into <paramref name="destination"/>.
    /// </summary>
    public static void ReadRows(this ICheckpoint checkpoint, string name, long firstRow, long rowCount,
        Span<byte> destination)
    {
        var info = checkpoint.Info(name);
        if (firstRow < 0 || rowCount < 0 || firstRow > info.RowCount - rowCount)
            throw new ArgumentOutOfRangeException(nameof(firstRow),
                $"rows [{firstRow}, {firstRow + rowCount}) are outside tensor '{name}' {info.Shape}");
        var bytes = checked(rowCount * info.RowByteLength);
        if (destination.Length != bytes)
            throw new ArgumentException($"{rowCount} rows of '{name}' are {bytes} bytes, the destination holds " +
                $"{destination.Length}", nameof(destination));
        checkpoint.ReadBytes(name, firstRow * info.RowByteLength, destination);
    }

    public static byte[] ReadRows(this ICheckpoint checkpoint, string name, long firstRow, long rowCount)
    {
        var bytes = new byte[checked((int)(rowCount * checkpoint.Info(name).RowByteLength))];
        checkpoint.ReadRows(name, firstRow, rowCount, bytes);
        return bytes;
    }

    /// <summary>
    /// The given rows, in the given order (repeats allowed), packed into <paramref name="destination"/>:
    /// the data of the tensor sliced to a kept-token list along dimension 0.
    /// </summary>
    public static void GatherRows(this ICheckpoint checkpoint, string name, ReadOnlySpan<long> rows,
        Span<byte> destination)
    {
        var info = checkpoint.Info(name);
        var rowBytes = info.RowByteLength;
        if (destination.Length != checked(rows.Length * rowBytes))
            throw new ArgumentException($"{rows.Length} rows of '{name}' are {rows.Length * rowBytes} bytes, the " +
                $"destination holds {destination.Length}", nameof(destination));
        CheckRows(info, rows);
        for (var i = 0; i < rows.Length; i++)
            checkpoint.ReadBytes(name, rows[i] * rowBytes, destination.Slice((int)(i * rowBytes), (int)rowBytes));
    }

    public static byte[] GatherRows(this ICheckpoint checkpoint, string name, ReadOnlySpan<long> rows)
    {
        var bytes = new byte[checked((int)(rows.Length * checkpoint.Info(name).RowByteLength))];
        checkpoint.GatherRows(name, rows, bytes);
        return bytes;
    }

    /// <summary>Streams the tensor's bytes to <paramref name="destination"/> in bounded chunks.</summary>
    public static void CopyTensorTo(this ICheckpoint checkpoint, string name, Stream destination)
    {
        var length = checkpoint.Info(name).ByteLength;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(CopyBufferBytes, Math.Max(1, length)));
        try
        {
            for (long done = 0; done < length;)
            {
                var n = (int)Math.Min(buffer.Length, length - done);
                checkpoint.ReadBytes(name, done, buffer.AsSpan(0, n));
                destination.Write(buffer, 0, n);
                done += n;
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    /// <summary>
    /// Streams the given rows, in order, to <paramref name="destination"/>, batching them into bounded chunks.
    /// </summary>
    public static void CopyRowsTo(this ICheckpoint checkpoint, string name, IReadOnlyList<long> rows,
        Stream destination)
    {
        var info = checkpoint.Info(name);
        var rowBytes = info.RowByteLength;
        if (rowBytes > int.MaxValue)
            throw new InvalidOperationException($"a row of '{name}' {info.Shape} is over 2 GB");
        var rowsPerChunk = (int)Math.Max(1, CopyBufferBytes / Math.Max(1, rowBytes));
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, Math.Min(rows.Count, rowsPerChunk) * rowBytes));
        var chunk = new long[Math.Min(rows.Count, rowsPerChunk)];
        try
        {
            for (var start = 0; start < rows.Count; start += chunk.Length)
            {
                var count = Math.Min(chunk.Length, rows.Count - start);
                for (var i = 0; i < count; i++) chunk[i] = rows[start + i];
                var bytes = (int)(count * rowBytes);
                checkpoint.GatherRows(name, chunk.AsSpan(0, count), buffer.AsSpan(0, bytes));
                destination.Write(buffer, 0, bytes);
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    internal static void CheckRows(TensorInfo info, ReadOnlySpan<long> rows)
    {
        var rowCount = info.RowCount;
        foreach (var row in rows)
            if ((ulong)row >= (ulong)rowCount)
                throw new ArgumentOutOfRangeException(nameof(rows),
                    $"row {row} is outside tensor '{info.Name}' {info.Shape}");
    }
}
