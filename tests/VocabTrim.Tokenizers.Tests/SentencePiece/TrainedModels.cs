using VocabTrim.TestSupport;

namespace VocabTrim.Tokenizers.Tests.SentencePiece;

/// <summary>
/// Small models trained once per test run with the reference trainer (spm_train) on the shared
/// samples, covering the options the shared models do not: no byte fallback, other normalization
/// rules, no dummy prefix, user-defined symbols, kept whitespace, whitespace as suffix.
/// </summary>
public sealed class TrainedModels : IDisposable
{
    private readonly TempDir _dir = new();

    public static readonly IReadOnlyDictionary<string, string[]> Options = new Dictionary<string, string[]>
    {
        ["no-byte-fallback"] = ["--byte_fallback=false", "--character_coverage=0.98"],
        ["nfkc-cf"] = ["--normalization_rule_name=nfkc_cf", "--byte_fallback=true"],
        ["identity"] = ["--normalization_rule_name=identity", "--character_coverage=0.99"],
        ["no-dummy-prefix"] = ["--add_dummy_prefix=false", "--byte_fallback=true"],
        ["user-defined"] =
        [
            "--user_defined_symbols=<sep>,<mask>,Corona,▁und▁die,2020", "--control_symbols=<cls>",
            "--byte_fallback=true",
        ],

        ["keep-whitespace"] = ["--remove_extra_whitespaces=false", "--character_coverage=0.99"],
        ["whitespace-suffix"] = ["--treat_whitespace_as_suffix=true", "--byte_fallback=true"],
    };

    public IReadOnlyDictionary<string, string> Paths { get; }

    public string CorpusFile { get; }

    public TrainedModels()
    {
        CorpusFile = _dir.File("corpus.txt");
        File.WriteAllLines(CorpusFile, LeipzigSample.Both());
        var paths = new Dictionary<string, string>();
        foreach (var (name, options) in Options)
            paths[name] = ReferenceSentencePiece.Train(_dir.Path, CorpusFile, name,
                [
                    "--model_type=unigram", "--vocab_size=3000", "--input_sentence_size=8000",
                    "--shuffle_input_sentence=false", .. options,
                ]);

        Paths = paths;
    }

    public void Dispose() => _dir.Dispose();
}
