using VocabTrim.Checkpoints;

namespace VocabTrim.Inference.Families;

/// <summary>
/// Everything vocabtrim knows about one architecture family, in one place: which <c>model_type</c>s it covers,
/// which tensors are vocabulary-sized and what they are, which settings hold token ids, which tensors the
/// config implies, which files a model folder has, and how the inference core loads it. Trimming, the hub
/// download and inference look a family up in <see cref="ModelFamilies"/> rather than switching on names.
/// </summary>
public interface IModelFamily
{
    /// <summary>The family's name in messages and docs: "mt5", "bloom", "llama".</summary>
    string Name { get; }

    /// <summary>config.json <c>model_type</c> values this family reads.</summary>
    IReadOnlyList<string> ModelTypes { get; }

    /// <summary>transformers' default for <c>tie_word_embeddings</c> when config.json leaves it out.</summary>
    bool TiesByDefault(string modelType);

    /// <summary>
    /// Whether the inference core runs this family (<see cref="Load"/> works, so a slim model can be validated and
    /// generate); a family known only to trimming refuses to load with a one-line error.
    /// </summary>
    bool HasNetwork => true;

    /// <summary>What tensor <paramref name="name"/> is to the vocabulary, as transformers names it.</summary>
    TensorRole RoleOf(string name);

    /// <summary>
    /// The name transformers loads the input embedding from (an alias found alone in a checkpoint is written
    /// under it); <paramref name="tensors"/> decides between spellings such as BLOOM's with or without
    /// <c>transformer.</c>.
    /// </summary>
    string InputEmbeddingName(IReadOnlyDictionary<string, TensorInfo> tensors);

    /// <summary>config.json and generation_config.json settings holding one token id or a list of them.</summary>
    IReadOnlyList<string> TokenIdKeys { get; }

    /// <summary>
    /// Files beside the weights that a model folder of this family has (downloaded when the repository has them).
    /// </summary>
    IReadOnlyList<string> FolderFiles { get; }

    /// <summary>
    /// The tensors <paramref name="config"/> implies and their shapes, with <paramref name="vocabularyRows"/> rows for
    /// the vocabulary matrices. Checkpoint-dependent choices (a tied head stored anyway, an alias kept alone) follow
    /// <paramref name="tensors"/>. Tensors beyond these are not checked.
    /// </summary>
    IEnumerable<ExpectedTensor> ExpectedTensors(ModelConfigJson config, IReadOnlyDictionary<string, TensorInfo> tensors,
        long vocabularyRows);

    /// <summary>
    /// The tensor the LM head multiplies by ([vocab, hidden]): lm_head.weight, or the embedding when tied.
    /// </summary>
    string HeadWeightName(ModelConfigJson config, IReadOnlyDictionary<string, TensorInfo> tensors);

    /// <summary>Builds the network from <paramref name="weights"/>, which it owns from then on.</summary>
    /// <param name="generation">generation_config.json when the folder has one: its eos ids end generation.</param>
    ILanguageModel Load(ModelConfigJson config, ModelConfigJson? generation, Weights.WeightLoader weights);
}
