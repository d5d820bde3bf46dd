using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VocabTrim.Checkpoints;

namespace VocabTrim.Validation;

/// <summary>
/// Whether the slim folder holds the original model with nothing changed but its vocabulary, proven from the
/// files rather than assumed from how trim works: the configs agree once vocab_size, torch_dtype and the token ids
/// (compared through the keep list) are set aside; every slim tensor that is not vocabulary-sized has the same name,
/// dtype, shape and SHA-256 of its bytes as the original's; and every vocabulary-sized one holds, as row i, the
/// original's row <c>kept[i]</c> (rows past the keep list are padding, which no kept id reaches). When it holds, the
/// slim model's hidden states along any kept tokens are the original's, so the original's body need not run: its
/// head over the slim model's head inputs gives the original's logits.
/// </summary>
/// <param name="Reason">Why it does not hold (the first difference found); empty when it holds.</param>
/// <param name="Sha256">
/// SHA-256 over the per-tensor digests both folders share, in the slim folder's order; empty when it does not hold.
/// </param>
public sealed record BodyIdentity(bool Holds, string Reason, string Sha256, long BytesHashed, double Seconds)
{
    private const int ChunkBytes = 4 << 20;

    /// <param name="progress">Bytes hashed so far and in all, from worker threads.</param>
    public static BodyIdentity Check(string originalFolder, string slimFolder, KeptIdMap map,
        CancellationToken cancel = default, Action<long, long>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        BodyIdentity Fails(string reason) => new(false, reason, "", 0, clock.Elapsed.TotalSeconds);
        var (originalConfig, slimConfig) = (ReadConfig(originalFolder), ReadConfig(slimFolder));
        if (ConfigDifference(originalConfig, slimConfig, map) is { } configReason) return Fails(configReason);
        var originalRows = originalConfig["vocab_size"]?.GetValue<long>() ?? -1;
        var slimRows = slimConfig["vocab_size"]?.GetValue<long>() ?? -1;

        using var original = Checkpoint.Open(originalFolder);
        using var slim = Checkpoint.Open(slimFolder);
        var plan = new List<(string Name, bool Rows)>();
        foreach (var (name, info) in slim.Tensors)
        {
            if (!original.Tensors.TryGetValue(name, out var source))
                return Fails($"the slim tensor '{name}' is not in the original");
            if (source.Dtype != info.Dtype)
                return Fails($"'{name}' is {info.Dtype} in the slim folder, {source.Dtype} in the original");
            var rows = IsVocabulary(info, slimRows) && IsVocabulary(source, originalRows)
                && info.Shape.Rank == source.Shape.Rank
                && info.Shape.Skip(1).SequenceEqual(source.Shape.Skip(1));
            if (rows && info.Shape[0] < map.Ids.Count)
                return Fails($"'{name}' has {info.Shape[0]} rows for {map.Ids.Count} kept ids");
            if (!rows && !info.Shape.AsSpan().SequenceEqual(source.Shape.AsSpan()))
                return Fails($"'{name}' is {info.Shape} in the slim folder, {source.Shape} in the original");
            plan.Add((name, rows));
        }
        foreach (var (name, info) in original.Tensors)
            if (!slim.Tensors.ContainsKey(name) && !IsVocabulary(info, originalRows))
                return Fails($"the original's tensor '{name}' is not in the slim folder");

        var rowBytes = plan.Where(p => p.Rows).Sum(p => map.Ids.Count * slim.Tensors[p.Name].RowByteLength);
        var total = 2 * (plan.Where(p => !p.Rows).Sum(p => slim.Tensors[p.Name].ByteLength) + rowBytes);
        long done = 0;
        void Advance(long bytes) => progress?.Invoke(Interlocked.Add(ref done, bytes), total);
        byte[][] slimDigests = [], originalDigests = [];
        // One thread per folder: the reads of the two folders overlap, and each side hashes on its own core.
        var slimSide = Task.Run(() => slimDigests = [.. plan.Select(p => p.Rows
            ? HashRows(slim, p.Name, null, map.Ids.Count, Advance, cancel)
            : HashTensor(slim, p.Name, Advance, cancel))]);
        var originalSide = Task.Run(() => originalDigests = [.. plan.Select(p => p.Rows
            ? HashRows(original, p.Name, map.Ids, map.Ids.Count, Advance, cancel)
            : HashTensor(original, p.Name, Advance, cancel))]);
        try { Task.WaitAll(slimSide, originalSide); }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Ctrl-C or a read error surfaces as itself, not wrapped.
            var first = e.InnerExceptions.FirstOrDefault(x => x is OperationCanceledException) ?? e.InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
        for (var i = 0; i < plan.Count; i++)
            if (!slimDigests[i].AsSpan().SequenceEqual(originalDigests[i]))
                return Fails(plan[i].Rows
                    ? $"the kept rows of '{plan[i].Name}' differ from the original's rows in keep-list order"
                    : $"'{plan[i].Name}' differs from the original's (SHA-256 "
                        + $"{Convert.ToHexStringLower(slimDigests[i])} ≠ "
                        + $"{Convert.ToHexStringLower(originalDigests[i])})");
        var all = SHA256.HashData(slimDigests.SelectMany(d => d).ToArray());
        return new BodyIdentity(true, "", Convert.ToHexStringLower(all), total, clock.Elapsed.TotalSeconds);
    }

    private static bool IsVocabulary(TensorInfo info, long vocabularyRows) =>
        info.Shape.Rank >= 1 && info.Shape[0] == vocabularyRows;

    private static JsonObject ReadConfig(string folder)
    {
        var path = Path.Combine(folder, "config.json");
        try
        {
            return JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject
                ?? throw new ValidationException($"{path}: expected a JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ValidationException($"{path}: not valid JSON ({e.Message})");
        }
    }

    /// <summary>The first setting in which the two configs describe different networks, or null.</summary>
    private static string? ConfigDifference(JsonObject original, JsonObject slim, KeptIdMap map)
    {
        original = (JsonObject)original.DeepClone();
        slim = (JsonObject)slim.DeepClone();
        foreach (var key in new[] { "vocab_size", "torch_dtype", "transformers_version", "_name_or_path" })
        {
            original.Remove(key);
            slim.Remove(key);
        }
        foreach (var key in slim.Select(p => p.Key).Union(original.Select(p => p.Key))
            .Where(k => k.EndsWith("_token_id", StringComparison.Ordinal)).ToList())
        {
            var slimId = slim[key] is JsonValue s && s.TryGetValue<long>(out var si) ? si : (long?)null;
            var originalId = original[key] is JsonValue o && o.TryGetValue<long>(out var oi) ? oi : (long?)null;
            var mapped = slimId is { } id && id >= 0 && id < map.Ids.Count ? map.Ids[(int)id] : (long?)null;
            if (mapped != originalId)
                return $"config.json: {key} is {slimId?.ToString() ?? "unset"} in the slim folder, which is not the "
                    + $"original's {originalId?.ToString() ?? "unset"} through the keep list";
            original.Remove(key);
            slim.Remove(key);
        }
        foreach (var (key, value) in original)
            if (!JsonNode.DeepEquals(value, slim[key]))
                return $"config.json: {key} differs ({value?.ToJsonString() ?? "null"} in the original, "
                    + $"{slim[key]?.ToJsonString() ?? "unset"} in the slim folder)";
        foreach (var (key, _) in slim)
            if (!original.ContainsKey(key)) return $"config.json: {key} is set in the slim folder only";
        return null;
    }

    private static byte[] HashTensor(ICheckpoint checkpoint, string name, Action<long> advance,
        CancellationToken cancel)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var length = checkpoint.Tensors[name].ByteLength;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            for (long offset = 0; offset < length;)
            {
                cancel.ThrowIfCancellationRequested();
                var n = (int)Math.Min(ChunkBytes, length - offset);
                checkpoint.ReadBytes(name, offset, buffer.AsSpan(0, n));
                hash.AppendData(buffer, 0, n);
                offset += n;
                advance(n);
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
        return hash.GetHashAndReset();
    }

    /// <summary>SHA-256 of rows <c>rows[0] … rows[count − 1]</c> in that order (null: rows 0 … count − 1).</summary>
    private static byte[] HashRows(ICheckpoint checkpoint, string name, IReadOnlyList<int>? row, int count,
        Action<long> advance, CancellationToken cancel)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var rowBytes = checkpoint.Tensors[name].RowByteLength;
        var perChunk = (int)Math.Max(1, ChunkBytes / Math.Max(1, rowBytes));
        var rows = new long[perChunk];
        var buffer = ArrayPool<byte>.Shared.Rent(checked((int)(perChunk * rowBytes)));
        try
        {
            for (var first = 0; first < count; first += perChunk)
            {
                cancel.ThrowIfCancellationRequested();
                var n = Math.Min(perChunk, count - first);
                var bytes = (int)(n * rowBytes);
                if (row is null) checkpoint.ReadRows(name, first, n, buffer.AsSpan(0, bytes));
                else
                {
                    for (var i = 0; i < n; i++) rows[i] = row[first + i];
                    checkpoint.GatherRows(name, rows.AsSpan(0, n), buffer.AsSpan(0, bytes));
                }
                hash.AppendData(buffer, 0, bytes);
                advance(bytes);
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
        return hash.GetHashAndReset();
    }
}
