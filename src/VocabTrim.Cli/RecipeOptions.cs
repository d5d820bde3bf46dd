using System.CommandLine;
using VocabTrim.Checkpoints;
using VocabTrim.Recipes;
using VocabTrim.Selection;

namespace VocabTrim.Cli;

/// <summary>
/// The recipe flags that <c>adapt</c> and <c>recipe new</c> share: a recipe file and the flags that override
/// its fields (or make a recipe without one). Relative paths in flags are relative to the working folder.
/// </summary>
public sealed class RecipeOptions
{
    public Option<string?> Recipe { get; } = new("--recipe")
    {
        Description = "A recipe file (recipes/*.json); the other flags override its fields.",
    };

    public Option<string?> Model { get; } = new("--model")
    {
        Description = "Hub id (org/name, e.g. bigscience/mt0-small) or model folder.",
    };

    public Option<string?> Revision { get; } = new("--revision")
    {
        Description = "Hub branch, tag or commit (default: main).",
    };

    public Option<string?> Langs { get; } = new("--langs")
    {
        Description =
            "Languages and pieces to keep of each, e.g. en:15000,de:30000. Replaces the recipe's languages; " +
            "those it had keep their corpus, new ones count on the manifest's default corpus.",
    };

    public Option<string[]> Corpus { get; } = new("--corpus")
    {
        Description =
            "LANG=PATH or LANG=NAME, repeatable: a language's counting corpus (a Leipzig file, folder or .tar.gz, or a "
            + "corpus name such as deu_news_2023_1M).",
    };

    public Option<int?> Overall { get; } = new("--overall")
    {
        Description = "Also keep the K most frequent pieces over all the languages (default: 0).",
    };

    public Option<long?> MaxSentences { get; } = new("--max-sentences")
    {
        Description = "Count only the first N sentences of each language's corpus.",
    };

    public Option<string?> Sentinels { get; } = new("--sentinels")
    {
        Description = "mT5 sentinels <extra_id_N> to keep: all (default), none, or N for the first N.",
    };

    public Option<int?> PadToMultiple { get; } = new("--pad-to-multiple")
    {
        Description = "Pad the vocabulary matrices to a multiple of this, e.g. 64 (default: 1, no padding).",
    };

    public Option<string?> Dtype { get; } = CreateDtype();

    public Option<string?> MaxShardSize { get; } = new("--max-shard-size")
    {
        Description = "Largest weight file before the weights are split into shards, e.g. 5GB (the default), 500MiB.",
    };

    public Option<int?> ValidationSentences { get; } = new("--validation-sentences")
    {
        Description = "Sentences per language for validation (default: 1000).",
    };

    public Option<int?> LogitSentences { get; } = new("--logit-sentences")
    {
        Description = "Of those, how many both models decode with their logits compared (default: 16; 0: none).",
    };

    public Option<int?> MaxNewTokens { get; } = new("--max-new-tokens")
    {
        Description = "Greedy steps per logit sentence, each step's logits compared (default: 8).",
    };

    public Option<double?> Atol { get; } = new("--atol")
    {
        Description = "Absolute logit tolerance for validation (default: 1e-4).",
    };

    public Option<double?> Rtol { get; } = new("--rtol")
    {
        Description = "Relative logit tolerance for validation (default: 1e-5).",
    };

    public Option<bool> SkipValidation { get; } = new("--skip-validation")
    {
        Description = "Do not validate the slim model against the original.",
    };

    public Option<string?> Device { get; } = CreateDevice();

    /// <summary>Every option, in the order --help lists them.</summary>
    public IEnumerable<Option> All =>
    [
        Recipe, Model, Revision, Langs, Corpus, Overall, MaxSentences, Sentinels, PadToMultiple, Dtype, MaxShardSize,
        ValidationSentences, LogitSentences, MaxNewTokens, Atol, Rtol, SkipValidation, Device,
    ];

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    /// <summary>The flags given, as overrides; flags not given stay null.</summary>
    /// <exception cref="RecipeException">A flag's value is malformed (--langs, --corpus, --sentinels).</exception>
    public RecipeOverrides ToOverrides(ParseResult parse)
    {
        var sentinels = parse.GetValue(Sentinels);
        SpecialTokenPolicy? policy = null;
        if (sentinels != null && !SpecialTokenPolicy.TryParseSentinels(sentinels, out policy))
            throw new RecipeException("--sentinels", null,
                $"expected all, none or a whole number >= 0, got '{sentinels}'");
        return new RecipeOverrides
        {
            Model = parse.GetValue(Model),
            Revision = parse.GetValue(Revision),
            Languages = parse.GetValue(Langs) is { } langs ? LanguageTop.ParseList(langs) : null,
            Corpora = [.. (parse.GetValue(Corpus) ?? []).Select(c => LanguageCorpus.Parse(c))],
            Overall = parse.GetValue(Overall),
            MaxSentences = parse.GetValue(MaxSentences),
            SpecialTokens = policy,
            PadToMultiple = parse.GetValue(PadToMultiple),
            Dtype = parse.GetValue(Dtype) is { } dtype ? WeightDtypes.Parse(dtype) : null,
            MaxShardSize = parse.GetValue(MaxShardSize),
            ValidationSentences = parse.GetValue(ValidationSentences),
            LogitSentences = parse.GetValue(LogitSentences),
            MaxNewTokens = parse.GetValue(MaxNewTokens),
            Atol = parse.GetValue(Atol),
            Rtol = parse.GetValue(Rtol),
            // A bool option always has a result (false when absent); only a flag actually given overrides the recipe.
            SkipValidation = parse.GetResult(SkipValidation) is { Implicit: false } ? parse.GetValue(SkipValidation)
                : null,
            Device = parse.GetValue(Device),
        };
    }

    /// <summary>
    /// The recipe the flags describe: --recipe with the other flags applied, or a recipe from the flags alone.
    /// </summary>
    /// <exception cref="RecipeException">The recipe file is invalid, or the flags are.</exception>
    public Recipe ToRecipe(ParseResult parse)
    {
        var overrides = ToOverrides(parse);
        return parse.GetValue(Recipe) is { } path ? RecipeFile.Load(path).With(overrides)
            : Recipes.Recipe.FromOverrides(overrides);
    }

    private static Option<string?> CreateDtype()
    {
        var option = new Option<string?>("--dtype")
        {
            Description = "Weights written as keep (default: as the original), float32, float16 or bfloat16.",
        };
        option.AcceptOnlyFromAmong([.. WeightDtypes.Names]);
        return option;
    }

    private static Option<string?> CreateDevice()
    {
        var option = new Option<string?>("--device")
        {
            Description = "Where validation runs: cpu (default), cuda or auto.",
        };
        option.AcceptOnlyFromAmong([.. ValidationSettings.Devices]);
        return option;
    }
}
