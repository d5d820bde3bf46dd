using VocabTrim.Checkpoints;
using VocabTrim.Inference.Families;
using VocabTrim.Surgery;

namespace VocabTrim.Reporting;

/// <summary>Where a model's parameters are, before and after trimming: embedding, LM head and the rest.</summary>
public sealed record ParameterGroups(IReadOnlyList<GroupSize> Groups)
{
    public GroupSize this[TensorGroup group] => Groups.First(g => g.Group == group);

    public long ParametersBefore => Groups.Sum(g => g.ParametersBefore);

    public long ParametersAfter => Groups.Sum(g => g.ParametersAfter);

    public static TensorGroup GroupOf(TensorRole role) => role switch
    {
        TensorRole.InputEmbedding or TensorRole.EmbeddingAlias => TensorGroup.Embedding,
        TensorRole.OutputEmbedding or TensorRole.VocabularyBias => TensorGroup.LmHead,
        _ => TensorGroup.Rest,
    };

    /// <summary>
    /// Sizes the groups from tensor headers (no tensor data is read). Before: the original checkpoint. After: the
    /// slim checkpoint when <paramref name="slimModelFolder"/> is given (exact whatever dtype it was written in);
    /// otherwise derived from what <paramref name="trim"/> did with each tensor: copied ones keep their size, sliced
    /// ones keep <see cref="ModelTrimReport.RowsAfter"/> of <see cref="ModelTrimReport.RowsBefore"/> rows, dropped tied
    /// duplicates are gone. A tied LM head that was never stored counts nothing in either column.
    /// </summary>
    public static ParameterGroups Measure(
        string originalModelFolder, ModelTrimReport trim, string? slimModelFolder = null)
    {
        var sums = Enum.GetValues<TensorGroup>().ToDictionary(g => g, _ => new long[4]);
        using (var original = Checkpoint.Open(originalModelFolder))
        {
            // Pickles can store one tensor under several names; count it once, as ParameterCount does.
            var duplicates = original.SharedTensors.SelectMany(g => g.Skip(1)).ToHashSet(StringComparer.Ordinal);
            foreach (var planned in trim.Tensors)
            {
                if (duplicates.Contains(planned.Name)) continue;
                var info = original.Info(planned.Name);
                var sum = sums[GroupOf(planned.Role)];
                sum[0] += info.ElementCount;
                sum[2] += info.ByteLength;
                if (slimModelFolder != null) continue;
                var elementsAfter = planned.Action switch
                {
                    TensorAction.Copy => info.ElementCount,
                    TensorAction.SliceRows or TensorAction.SliceBiasRow =>
                        info.ElementCount / trim.RowsBefore * trim.RowsAfter,
                    TensorAction.Drop => 0,
                    _ => throw new ArgumentOutOfRangeException(
                        nameof(trim), planned.Action, $"unknown action for {planned.Name}"),
                };
                sum[1] += elementsAfter;
                sum[3] += elementsAfter * info.Dtype.ElementSize;
            }
        }
        if (slimModelFolder != null)
        {
            var roles = trim.Tensors.Where(t => t.Action != TensorAction.Drop)
                .ToDictionary(t => t.OutputName, t => t.Role, StringComparer.Ordinal);
            using var slim = Checkpoint.Open(slimModelFolder);
            foreach (var info in slim.Tensors.Values)
            {
                var sum = sums[GroupOf(roles.GetValueOrDefault(info.Name, TensorRole.Other))];
                sum[1] += info.ElementCount;
                sum[3] += info.ByteLength;
            }
        }
        return new ParameterGroups(
            [.. sums.Select(s => new GroupSize(s.Key, s.Value[0], s.Value[1], s.Value[2], s.Value[3]))]);

    }
}
