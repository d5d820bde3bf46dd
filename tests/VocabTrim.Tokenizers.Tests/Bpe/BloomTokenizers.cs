using VocabTrim.Synthetic;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Tokenizers.Tests.Bpe;

/// <summary>
/// BLOOM-format tokenizers trained once per test run over both shared samples with our own trainer:
/// one with a few thousand merges and one of 1,024 tokens (bloom-tiny's vocabulary size).
/// </summary>
public sealed class BloomTokenizers : IDisposable
{
    private readonly TempDir _dir = new();

    public const int LargeVocabSize = 8_000;
    public const int TinyVocabSize = 1_024;

    public string LargePath { get; }
    public string TinyPath { get; }
    public BpeTokenizer Large { get; }
    public BpeTokenizer Tiny { get; }
    public IReadOnlyList<string> Sentences { get; } = LeipzigSample.Both();

    public BloomTokenizers()
    {
        LargePath = Write("large.json", LargeVocabSize);
        TinyPath = Write("tiny.json", TinyVocabSize);
        Large = BpeTokenizer.Load(LargePath);
        Tiny = BpeTokenizer.Load(TinyPath);
    }

    public string File(string name) => _dir.File(name);

    private string Write(string name, int size)
    {
        var (tokens, merges) = BpeTrainer.Train(Sentences, size);
        var path = _dir.File(name);
        System.IO.File.WriteAllText(path, BloomFormat.Write(tokens, merges));
        return path;
    }

    public void Dispose() => _dir.Dispose();
}
