using TorchSharp;

namespace VocabTrim.Inference;

/// <summary>
/// A loaded model that generates: an encoder-decoder (mT5) or a decoder-only (BLOOM) network. Generation
/// goes through <see cref="Start"/> and the <see cref="IDecodingState"/> it returns, so that one greedy loop
/// drives both families.
/// </summary>
public interface ILanguageModel : IDisposable
{
    /// <summary>config.json's model_type: "mt5", "t5", "bloom", "llama" or "qwen2".</summary>
    string ModelType { get; }

    /// <summary>
    /// Inputs are encoder inputs ending in eos (mT5), not a prompt the model continues (BLOOM, Llama).
    /// </summary>
    bool IsEncoderDecoder => ModelType is "mt5" or "t5";

    /// <summary>Width of the logits: rows of the LM head.</summary>
    int VocabularySize { get; }

    /// <summary>config.json's eos id: the one mT5 encoder inputs end with.</summary>
    long EosTokenId { get; }

    /// <summary>
    /// The ids generation stops on (generation_config.json may list several); contains <see cref="EosTokenId"/> in
    /// every released config.
    /// </summary>
    IReadOnlyList<long> EosTokenIds => [EosTokenId];

    long PadTokenId { get; }

    torch.Device Device { get; }

    torch.ScalarType Dtype { get; }

    /// <summary>
    /// Runs the prompts (mT5: encoder inputs, right-padded; BLOOM: prompts, left-padded) and returns the state
    /// holding the logits of the first new token, with room for <paramref name="maxNewTokens"/> tokens.
    /// </summary>
    IDecodingState Start(IReadOnlyList<IReadOnlyList<long>> inputs, int maxNewTokens);

    /// <summary>
    /// An upper estimate of the bytes, beyond the weights, that <see cref="Start"/> and the steps after it
    /// allocate for <paramref name="batch"/> inputs of up to <paramref name="inputLength"/> tokens and
    /// <paramref name="maxNewTokens"/> new ones: the KV cache, the prompt's attention scores and activations.
    /// A double, as absurd requests overflow a long.
    /// </summary>
    double WorkingBytes(int batch, int inputLength, int maxNewTokens);
}
