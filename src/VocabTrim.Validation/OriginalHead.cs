using System.Diagnostics;
using System.Runtime.InteropServices;
using VocabTrim.Checkpoints;
using VocabTrim.Inference;
using VocabTrim.Inference.Generation;
using static TorchSharp.torch;

namespace VocabTrim.Validation;

/// <summary>
/// The original model's LM head over given head inputs (the slim model's, once <see cref="BodyIdentity"/> holds):
/// per input, the original's logits at the kept ids (slim order) and its best token over its whole vocabulary, as
/// <see cref="ForcedDecoder"/> keeps them from a full run. The head matrix is read in row chunks, so memory holds
/// one chunk and the logits of the inputs for that chunk, never the whole matrix. The inputs go through
/// <see cref="DecodingHead"/> in groups of the slim run's batch, so that each logit is summed as the slim model's
/// step summed it: on the CPU's few-row path the kept logits equal the slim model's bit for bit, and what the
/// comparison then finds is the remapping, not float32 rounding.
/// </summary>
internal static class OriginalHead
{
    private const long ChunkBytes = 64L << 20;

    /// <param name="inputs">Head inputs, d_model floats each.</param>
    /// <param name="stepRows">Sequences per step of the run the inputs come from (its batch).</param>
    /// <param name="progress">Rows done and in all.</param>
    /// <returns>One step per input, and the head's rows (the original's vocabulary, for the report).</returns>
    public static (ForcedStep[] Steps, long HeadRows) Apply(
        string folder, InferenceOptions inference, IReadOnlyList<float[]> inputs, int stepRows,
        IReadOnlyList<int> keptIds, CancellationToken cancel, Action<long, long>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepRows, 1);
        var steps = new ForcedStep[inputs.Count];
        using var checkpoint = Checkpoint.Open(folder);
        var name = LanguageModels.HeadWeightName(folder, checkpoint);
        var info = checkpoint.Info(name);
        if (inputs.Count == 0) return (steps, info.Shape[0]);
        if (info.Shape.Rank != 2 || info.Shape[1] != inputs[0].Length)
            throw new ValidationException($"{checkpoint.Location}: the head '{name}' is {info.Shape}; " +
                $"the slim model's head inputs have {inputs[0].Length} features");
        var (rows, width) = (info.Shape[0], (int)info.Shape[1]);
        var source = info.Dtype switch
        {
            Dtype.F32 => ScalarType.Float32,
            Dtype.F16 => ScalarType.Float16,
            Dtype.BF16 => ScalarType.BFloat16,
            _ => throw new ValidationException(
                $"{checkpoint.Location}: the head '{name}' is {info.Dtype}; weights must be F32, F16 or BF16"),
        };
        var slimOf = new int[rows];
        Array.Fill(slimOf, -1);
        for (var j = 0; j < keptIds.Count; j++) slimOf[keptIds[j]] = j;
        var kept = new float[inputs.Count][];
        for (var n = 0; n < kept.Length; n++) kept[n] = new float[keptIds.Count];
        var best = new long[inputs.Count];
        var bestValue = new float[inputs.Count];
        Array.Fill(bestValue, float.NegativeInfinity);

        var device = TorchRuntime.Prepare(inference);
        var dtype = inference.Dtype.ToScalarType();
        using var noGrad = inference_mode();
        // [n, d_model]
        using var hidden = tensor(inputs.SelectMany(x => x).ToArray(), [inputs.Count, width]).to(dtype, device);
        var perChunk = Math.Max(1, ChunkBytes / Math.Max(1, info.RowByteLength));
        for (long first = 0; first < rows; first += perChunk)
        {
            cancel.ThrowIfCancellationRequested();
            var count = Math.Min(perChunk, rows - first);
            using var scope = NewDisposeScope();
            var stored = empty([count, width], source, CPU);                                      // [count, d_model]
            checkpoint.ReadRows(name, first, count, stored.bytes);
            // A float32 model keeps F16/BF16 rows narrow: the product widens them as a streamed layer's does.
            var weight = dtype == ScalarType.Float32 ? stored.to(device) : stored.to(dtype, device);
            var groups = new List<Tensor>();
            for (long n = 0; n < inputs.Count; n += stepRows)
                groups.Add(DecodingHead.Logits(hidden.narrow(0, n, Math.Min(stepRows, inputs.Count - n)), weight));
            var logits = cat(groups, 0).to(ScalarType.Float32).cpu().contiguous();                // [n, count]
            var all = MemoryMarshal.Cast<byte, float>(logits.bytes);
            var keptHere = Enumerable.Range(0, (int)count).Where(r => slimOf[first + r] >= 0).ToArray();
            for (var n = 0; n < inputs.Count; n++)
            {
                var row = all.Slice((int)(n * count), (int)count);
                foreach (var r in keptHere) kept[n][slimOf[first + r]] = row[r];
                // torch's argmax over the whole row, chunk by chunk: the first NaN, else the first largest value.
                if (float.IsNaN(bestValue[n])) continue;
                var local = GreedyChoice.Of(row);
                if (float.IsNaN(row[(int)local]) || row[(int)local] > bestValue[n])
                    (best[n], bestValue[n]) = (first + local, row[(int)local]);
            }
            progress?.Invoke(first + count, rows);
        }
        for (var n = 0; n < steps.Length; n++) steps[n] = new ForcedStep(kept[n], (int)best[n]);
        return (steps, rows);
    }
}
