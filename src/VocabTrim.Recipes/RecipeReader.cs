using System.Text.Json;
using VocabTrim.Checkpoints;
using VocabTrim.Corpora;
using VocabTrim.Hub;
using VocabTrim.Selection;

namespace VocabTrim.Recipes;

/// <summary>
/// Maps a document that fits the schema to a <see cref="Recipe"/>, checking what the schema cannot:
/// language codes vocabtrim knows, no language twice after normalization (en and eng), validation corpora
/// only for the recipe's languages.
/// </summary>
internal static class RecipeReader
{
    public static Recipe Read(JsonElement root, string source, string baseFolder)
    {
        var languages = new List<LanguageRecipe>();
        foreach (var (key, path, value) in Languages(root.GetProperty("languages"), "$.languages", source))
        {
            languages.Add(new LanguageRecipe(key, Int(value.GetProperty("top"), path + ".top", source))
            {
                Corpus = String(value, "corpus") is { } corpus ? RecipeReference.Corpus(corpus, baseFolder) : null,
                MaxSentences = value.TryGetProperty("maxSentences", out var max)
                    ? Long(max, path + ".maxSentences", source) : null,
                Format = String(value, "format") == "plain-text" ? CorpusFormat.PlainText : CorpusFormat.Leipzig,
            });
        }
        var known = languages.Select(l => l.Language).ToList();

        return new Recipe
        {
            Schema = String(root, "$schema") is { } schema ? RecipeReference.Schema(schema, baseFolder) : null,
            Description = String(root, "description"),
            Model = RecipeReference.Model(root.GetProperty("model").GetString()!, baseFolder),
            Revision = String(root, "revision") ?? Recipe.DefaultRevision,
            Languages = new(languages),
            Overall = root.TryGetProperty("overall", out var overall) ? Int(overall, "$.overall", source) : 0,
            SpecialTokens = root.TryGetProperty("specialTokens", out var special)
                ? SpecialTokens(special, source) : SpecialTokenPolicy.All,
            PadToMultiple = root.TryGetProperty("padToMultiple", out var pad) ? Int(pad, "$.padToMultiple", source) : 1,
            Dtype = String(root, "dtype") is { } dtype ? WeightDtypes.Parse(dtype) : WeightDtype.Keep,
            MaxShardSize = String(root, "maxShardSize") ?? Recipe.DefaultMaxShardSize,
            Validation = root.TryGetProperty("validation", out var validation)
                ? Validation(validation, known, source, baseFolder) : ValidationSettings.Default,
            Card = root.TryGetProperty("card", out var card) ? Card(card) : CardMetadata.Empty,
            Resolved = root.TryGetProperty("resolved", out var resolved)
                ? Resolved(resolved, known, source, baseFolder) : null,
        };
    }

    /// <summary>The entries of an object keyed by language, with normalized, distinct codes.</summary>
    private static List<(string Key, string Path, JsonElement Value)> Languages(JsonElement map, string mapPath,
        string source)
    {
        var entries = new List<(string, string, JsonElement)>();
        var firstPath = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in map.EnumerateObject())
        {
            var path = JsonPathText.Property(mapPath, property.Name);
            var key = LanguageKey.Normalize(property.Name)
                ?? throw new RecipeException(source, path,
                    $"unknown language code '{property.Name}' ({LanguageKey.Expected})");
            if (firstPath.TryGetValue(key, out var first))
                throw new RecipeException(source, path,
                    $"{LanguageKey.Name(key)} ({key}) is given twice: {first} names the same language");
            firstPath[key] = path;
            entries.Add((key, path, property.Value));
        }
        return entries;
    }

    private static void CheckOneOf(IReadOnlyList<string> languages, string key, string path, string source)
    {
        if (!languages.Contains(key))
            throw new RecipeException(source, path,
                $"{key} is not one of the recipe's languages (expected one of {string.Join(", ", languages)})");
    }

    private static SpecialTokenPolicy SpecialTokens(JsonElement special, string source)
    {
        if (!special.TryGetProperty("sentinels", out var sentinels)) return SpecialTokenPolicy.All;
        return sentinels.ValueKind == JsonValueKind.Number
            ? SpecialTokenPolicy.KeepSentinels(Int(sentinels, "$.specialTokens.sentinels", source))
            : sentinels.GetString() == "none" ? SpecialTokenPolicy.None : SpecialTokenPolicy.All;
    }

    private static ValidationSettings Validation(JsonElement v, IReadOnlyList<string> languages, string source,
        string baseFolder)
    {
        var defaults = ValidationSettings.Default;
        var corpora = new List<KeyValuePair<string, RecipeReference>>();
        if (v.TryGetProperty("corpora", out var map))
        {
            foreach (var (key, path, value) in Languages(map, "$.validation.corpora", source))
            {
                CheckOneOf(languages, key, path, source);
                corpora.Add(new(key, RecipeReference.Corpus(value.GetString()!, baseFolder)));
            }
        }
        return new ValidationSettings
        {
            Skip = v.TryGetProperty("skip", out var skip) ? skip.GetBoolean() : defaults.Skip,
            Corpora = new(corpora),
            Sentences = v.TryGetProperty("sentences", out var sentences)
                ? Int(sentences, "$.validation.sentences", source) : defaults.Sentences,
            LogitSentences = v.TryGetProperty("logitSentences", out var logit)
                ? Int(logit, "$.validation.logitSentences", source) : defaults.LogitSentences,
            MaxNewTokens = v.TryGetProperty("maxNewTokens", out var steps)
                ? Int(steps, "$.validation.maxNewTokens", source) : defaults.MaxNewTokens,
            Atol = v.TryGetProperty("atol", out var atol) ? atol.GetDouble() : defaults.Atol,
            Rtol = v.TryGetProperty("rtol", out var rtol) ? rtol.GetDouble() : defaults.Rtol,
            Device = String(v, "device") ?? defaults.Device,
        };
    }

    private static CardMetadata Card(JsonElement c) => new()
    {
        Title = String(c, "title"),
        License = String(c, "license"),
        Tags = c.TryGetProperty("tags", out var tags)
            ? new(tags.EnumerateArray().Select(t => t.GetString()!)) : EquatableList<string>.Empty,
        Notes = String(c, "notes"),
    };

    private static ResolvedInputs Resolved(JsonElement r, IReadOnlyList<string> languages, string source,
        string baseFolder)
    {
        var model = r.GetProperty("model");
        var corpora = new List<KeyValuePair<string, ResolvedCorpus>>();
        foreach (var (key, path, value) in Languages(r.GetProperty("corpora"), "$.resolved.corpora", source))
        {
            CheckOneOf(languages, key, path, source);
            corpora.Add(new(key,
                new ResolvedCorpus(RecipeReference.File(value.GetProperty("path").GetString()!, baseFolder),
                    value.GetProperty("sha256").GetString()!)));
        }
        return new ResolvedInputs(
            r.GetProperty("vocabtrimVersion").GetString()!,
            new RecordedModel(
                model.GetProperty("source").GetString() == "hub" ? ModelSource.Hub : ModelSource.Folder,
                String(model, "repoId"),
                String(model, "commit"),
                new(model.GetProperty("files").EnumerateObject()
                    .Select(f => new KeyValuePair<string, string>(f.Name, f.Value.GetString()!)))),
            new(corpora),
            r.GetProperty("keepSha256").GetString()!);
    }

    // The schema says "integer"; the records hold int (long for sentence counts), so larger numbers are refused here.
    private static int Int(JsonElement value, string path, string source) =>
        value.TryGetInt32(out var n)
            ? n : throw new RecipeException(source, path,
                $"expected an integer <= {int.MaxValue}, got {value.GetRawText()}");

    private static long Long(JsonElement value, string path, string source) =>
        value.TryGetInt64(out var n)
            ? n : throw new RecipeException(source, path,
                $"expected an integer <= {long.MaxValue}, got {value.GetRawText()}");

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? value.GetString() : null;
}
