using VocabTrim.Checkpoints;
using VocabTrim.Inference.Families;

namespace VocabTrim.Surgery;

/// <summary>
/// Decides, for every tensor of a checkpoint, whether it is copied, sliced to the kept vocabulary or dropped as a
/// tied duplicate, so that the written folder loads in transformers without missing keys and without stale rows.
/// </summary>
public sealed class VocabularyTensorPlan
{
    private VocabularyTensorPlan(IReadOnlyList<PlannedTensor> tensors, long vocabularyRows)
    {
        Tensors = tensors;
        VocabularyRows = vocabularyRows;
    }

    /// <summary>Every tensor of the checkpoint, in checkpoint order.</summary>
    public IReadOnlyList<PlannedTensor> Tensors { get; }

    /// <summary>
    /// Rows of the embedding matrices: at least the tokenizer's pieces (mT5: 250,112 rows for 250,100 pieces).
    /// </summary>
    public long VocabularyRows { get; }

    public IEnumerable<PlannedTensor> Written => Tensors.Where(t => t.Action != TensorAction.Drop);

    public static VocabularyTensorPlan For(ICheckpoint checkpoint, ModelConfig config)
    {
        var roles = checkpoint.Tensors.Keys.ToDictionary(n => n, n => config.Family.RoleOf(n), StringComparer.Ordinal);
        var rows = VocabularyRowsOf(checkpoint, config, roles);
        CheckShapes(checkpoint, roles, rows);

        var drops = new Dictionary<string, string>(StringComparer.Ordinal);
        DropStorageDuplicates(checkpoint, roles, drops);
        var present = roles.Keys.Where(n => !drops.ContainsKey(n)).ToList();
        var input = present.FirstOrDefault(n => roles[n] == TensorRole.InputEmbedding);
        string? renamedAlias = null;
        foreach (var alias in present.Where(n => roles[n] == TensorRole.EmbeddingAlias))
        {
            // T5Stack.embed_tokens is shared.weight itself inside transformers; a separate copy in the file
            // would only race it on loading.
            if (input != null) drops[alias] = $"transformers ties it to {input}";
            else (input, renamedAlias) = (alias, alias);
        }
        if (input == null)
            throw new ModelTrimException($"{checkpoint.Location}: the checkpoint has no input embedding " +
                $"({config.Family.InputEmbeddingName(checkpoint.Tensors)})");
        var head = present.FirstOrDefault(n => roles[n] == TensorRole.OutputEmbedding && !drops.ContainsKey(n));
        if (head != null && config.TieWordEmbeddings)
            drops[head] = $"{ModelConfig.FileName} ties it to {input} (tie_word_embeddings), as transformers saves it";
        if (head == null && !config.TieWordEmbeddings)
            throw new ModelTrimException(
                $"{checkpoint.Location}: {ModelConfig.FileName} says the LM head is untied (tie_word_embeddings " +
                "false) but there is no lm_head.weight");

        var planned = new List<PlannedTensor>();
        foreach (var (name, role) in roles)
        {
            var info = checkpoint.Tensors[name];
            if (drops.TryGetValue(name, out var why))
                planned.Add(new PlannedTensor(name, name, role, TensorAction.Drop, why));
            else if (name == renamedAlias)
                planned.Add(new PlannedTensor(name, config.Family.InputEmbeddingName(checkpoint.Tensors), role,
                    TensorAction.SliceRows,
                    $"written as {config.Family.InputEmbeddingName(checkpoint.Tensors)}, the name transformers loads " +
                    "the shared embedding from"));
            else if (role == TensorRole.Other) planned.Add(new PlannedTensor(name, name, role, TensorAction.Copy));
            else planned.Add(new PlannedTensor(name, name, role,
                info.Shape.Rank == 2 && info.Shape[0] == 1 && role == TensorRole.VocabularyBias
                    ? TensorAction.SliceBiasRow
                    : TensorAction.SliceRows));
        }
        return new VocabularyTensorPlan(planned, rows);
    }

    private static long VocabularyRowsOf(ICheckpoint checkpoint, ModelConfig config,
        Dictionary<string, TensorRole> roles)
    {
        long? rows = null;
        foreach (var (name, role) in roles)
        {
            if (role is not (TensorRole.InputEmbedding or TensorRole.EmbeddingAlias or TensorRole.OutputEmbedding))
                continue;
            var info = checkpoint.Tensors[name];
            if (info.Shape.Rank != 2)
                throw new ModelTrimException($"{checkpoint.Location}: tensor '{name}' {info.Shape} should be a " +
                    "[vocab, hidden] matrix");
            rows ??= info.Shape[0];
            if (info.Shape[0] != rows)
                throw new ModelTrimException($"{checkpoint.Location}: tensor '{name}' {info.Shape} has " +
                    $"{info.Shape[0]} rows, other vocabulary matrices {rows}");
        }
        if (rows == null)
            throw new ModelTrimException($"{checkpoint.Location}: the checkpoint has no input embedding " +
                $"({config.Family.InputEmbeddingName(checkpoint.Tensors)})");
        if (rows != config.VocabSize)
            throw new ModelTrimException(
                $"{config.Path}: vocab_size is {config.VocabSize} but the checkpoint's embedding has {rows} rows; " +
                "they must agree");
        return rows.Value;
    }

    private static void CheckShapes(ICheckpoint checkpoint, Dictionary<string, TensorRole> roles, long rows)
    {
        foreach (var (name, role) in roles)
        {
            var shape = checkpoint.Tensors[name].Shape;
            if (role == TensorRole.Other)
            {
                // Slicing it or copying it could both be wrong; only a person knows which.
                if (shape.Rank >= 1 && shape[0] == rows || shape.Rank == 2 && shape[0] == 1 && shape[1] == rows)
                    throw new ModelTrimException(
                        $"{checkpoint.Location}: tensor '{name}' {shape} is vocabulary-sized ({rows} rows) but " +
                        "vocabtrim does not know its role; " +
                        "it would be neither sliced nor copied safely");
            }
            else if (role == TensorRole.VocabularyBias
                && !(shape.Rank == 1 && shape[0] == rows || shape.Rank == 2 && shape[0] == 1 && shape[1] == rows))
            {
                throw new ModelTrimException($"{checkpoint.Location}: tensor '{name}' {shape} should be a [{rows}] " +
                    $"or [1, {rows}] bias");
            }
        }
    }

    private static void DropStorageDuplicates(ICheckpoint checkpoint, Dictionary<string, TensorRole> roles,
        Dictionary<string, string> drops)
    {
        foreach (var group in checkpoint.SharedTensors)
        {
            if (!group.Any(n => TensorRoles.IsVocabularySized(roles[n]))) continue;
            var keep = group.OrderBy(n => TensorRoles.KeepPriority(roles[n])).First();
            foreach (var name in group.Where(n => n != keep))
                drops[name] = $"the same storage as {keep} (tied); transformers restores it on loading";
        }
    }
}
