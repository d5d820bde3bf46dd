using System.Text.Json.Serialization;
using VocabTrim.Inference;

namespace VocabTrim.Validation;

/// <summary>How thoroughly to compare a slim model with its original.</summary>
/// <param name="MaxSentences">Sentences per corpus for the tokenization check.</param>
/// <param name="LogitSentences">
/// Sentences per corpus run through both models (as the slim tokenizer encodes them).
/// </param>
/// <param name="MaxNewTokens">Greedy steps per sentence; every step's logits are compared.</param>
/// <param name="AbsoluteTolerance">Logits may differ by at most <c>abs + rel·|original|</c>.</param>
/// <param name="CheckSource">
/// Whether to check first that the original is the folder the slim one was made from (vocabtrim.json's sha256s); off
/// where the slim folder was just made from it.
/// </param>
/// <param name="Streamed">
/// Read layer weights per layer run, all sentences in one batch, and run only the original's head when the bodies are
/// proven identical (memory: one layer per stack plus the vocabulary matrices); false loads both models whole and
/// runs the original in full, per corpus.
/// </param>
public sealed record ValidationOptions(
    int MaxSentences = 1000,
    int LogitSentences = 16,
    int MaxNewTokens = 8,
    double AbsoluteTolerance = 1e-4,
    double RelativeTolerance = 1e-5,
    InferenceOptions? Inference = null,
    bool CheckSource = true,
    bool Streamed = true)
{
    /// <summary>
    /// The original's tokenizer as the caller already loaded it (adapt: the one counting used); null loads it from the
    /// original folder.
    /// </summary>
    [JsonIgnore] public VocabTrim.Tokenizers.ITokenizer? OriginalTokenizer { get; init; }

    /// <summary>
    /// The slim model's kept ids as the caller has them (adapt: from the trim just made); null reads the slim folder's
    /// vocabtrim.json.
    /// </summary>
    [JsonIgnore] public KeptIdMap? Kept { get; init; }
}
