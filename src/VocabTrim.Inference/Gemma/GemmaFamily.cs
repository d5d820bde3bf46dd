using VocabTrim.Checkpoints;
using VocabTrim.Inference.Families;
using VocabTrim.Inference.Llama;
using VocabTrim.Inference.Weights;

namespace VocabTrim.Inference.Gemma;

/// <summary>
/// Gemma 3 text models (<c>gemma3_text</c>, Gemma3ForCausalLM: gemma-3-1b): <c>model.embed_tokens</c>, with the
/// LM head tied to it. Trimming only: the inference core has no Gemma network, so a slim Gemma model cannot be
/// validated, and the shapes checked are the vocabulary's and the final norm's (there is no Hugging Face reference
/// checkpoint to hold a layer list to).
/// </summary>
public sealed class GemmaFamily : IModelFamily
{
    // Gemma3ForCausalLM names its body, embedding and head as LlamaForCausalLM does.
    private static readonly LlamaFamily Llama = new();
    private const string Head = LlamaFamily.Head;
    private static readonly string Embedding = LlamaFamily.Embedding;

    public string Name => "gemma";

    public IReadOnlyList<string> ModelTypes { get; } = ["gemma3_text"];

    // Gemma3TextConfig ties by default.
    public bool TiesByDefault(string modelType) => true;

    public bool HasNetwork => false;

    public TensorRole RoleOf(string name) => Llama.RoleOf(name);

    public string InputEmbeddingName(IReadOnlyDictionary<string, TensorInfo> tensors) => Embedding;

    public IReadOnlyList<string> TokenIdKeys => ModelFamilies.CommonTokenIdKeys;

    public IReadOnlyList<string> FolderFiles => Llama.FolderFiles;

    public IEnumerable<ExpectedTensor> ExpectedTensors(ModelConfigJson config,
        IReadOnlyDictionary<string, TensorInfo> tensors, long vocab)
    {
        long h = config.PositiveInt("hidden_size");
        yield return new(Embedding, [vocab, h], $"vocabulary × hidden_size {h}");
        if (!config.Bool("tie_word_embeddings", true) || tensors.ContainsKey(Head)) yield return new(Head, [vocab, h],
            $"vocabulary × hidden_size {h}");
        yield return new(LlamaFamily.Body.Pp("norm").Weight, [h], $"hidden_size {h}");
    }

    public string HeadWeightName(ModelConfigJson config, IReadOnlyDictionary<string, TensorInfo> tensors) =>
        config.Bool("tie_word_embeddings", true) ? Embedding : Head;

    public ILanguageModel Load(ModelConfigJson config, ModelConfigJson? generation, WeightLoader weights) =>
        throw new ModelFolderException(config.Path, ModelFamilies.NoNetwork(this, config.String("model_type")));
}
