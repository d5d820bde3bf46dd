using System.Globalization;
using VocabTrim.Checkpoints;
using VocabTrim.Checkpoints.Sharding;

namespace VocabTrim.Recipes;

/// <summary>
/// Applies <see cref="RecipeOverrides"/> to a recipe, checking each flag's value as the schema checks the field.
/// </summary>
internal static class RecipeMerger
{
    public static Recipe Apply(Recipe recipe, RecipeOverrides o)
    {
        var languages = o.Languages == null
            ? recipe.Languages.ToList()
            : o.Languages.Select(l => recipe.Language(l.Language) is { } known
                ? known with { Top = l.Top } : new LanguageRecipe(l.Language, l.Top)).ToList();
        if (o.Languages != null) CheckLanguages(o.Languages);
        var twice = o.Corpora.GroupBy(c => c.Language).FirstOrDefault(g => g.Count() > 1);
        if (twice != null)
            throw new RecipeException("--corpus", null,
                $"{twice.Key} is given twice ({string.Join(", ", twice.Select(c => $"'{c.Language}={c.Corpus}'"))})");
        foreach (var c in o.Corpora)
        {
            var index = languages.FindIndex(l => l.Language == c.Language);
            if (index < 0)
                throw new RecipeException("--corpus", null,
                    $"'{c.Language}={c.Corpus}': {c.Language} is not one of the languages "
                    + $"({string.Join(", ", languages.Select(l => l.Language))}); add it to --langs");
            if (c.Corpus.Trim().Length == 0)
                throw new RecipeException("--corpus", null,
                    $"'{c.Language}=': expected a path or corpus name after '='");
            languages[index] = languages[index] with { Corpus = RecipeReference.Corpus(c.Corpus, o.BaseFolder) };
        }
        if (o.MaxSentences is { } max)
        {
            AtLeast("--max-sentences", max, 1);
            languages = [.. languages.Select(l => l with { MaxSentences = max })];
        }

        var validation = recipe.Validation;
        // Validation corpora of dropped languages go with them.
        if (o.Languages != null)
        {
            var kept = validation.Corpora.Where(c => languages.Any(l => l.Language == c.Key));
            validation = validation with { Corpora = new(kept) };
        }
        if (o.ValidationSentences is { } sentences)
            validation = validation with { Sentences = AtLeast("--validation-sentences", sentences, 1) };
        if (o.LogitSentences is { } logit)
            validation = validation with { LogitSentences = AtLeast("--logit-sentences", logit, 0) };
        if (o.MaxNewTokens is { } steps)
            validation = validation with { MaxNewTokens = AtLeast("--max-new-tokens", steps, 1) };
        if (o.Atol is { } atol) validation = validation with { Atol = AtLeast("--atol", atol, 0) };
        if (o.Rtol is { } rtol) validation = validation with { Rtol = AtLeast("--rtol", rtol, 0) };
        if (o.SkipValidation is { } skip) validation = validation with { Skip = skip };
        if (o.Device is { } device)
        {
            if (!ValidationSettings.Devices.Contains(device))
                throw new RecipeException("--device", null,
                    $"expected one of {string.Join(", ", ValidationSettings.Devices)}, got '{device}'");
            validation = validation with { Device = device };
        }

        if (o.Model is { } model && model.Trim().Length == 0)
            throw new RecipeException("--model", null, "expected a hub id or a model folder, got ''");
        if (o.Revision is { } revision && revision.Trim().Length == 0)
            throw new RecipeException("--revision", null, "expected a branch, tag or commit, got ''");
        // A written recipe.json holds its inputs to the hashes it recorded; an input a flag replaces is a new one.
        var resolved = recipe.Resolved;
        if (resolved != null && (o.Model != null || o.Revision != null))
            resolved = resolved with { Model = resolved.Model with { Files = EquatableMap<string>.Empty } };
        if (resolved != null && o.Corpora.Count > 0)
        {
            var kept = resolved.Corpora.Where(c => o.Corpora.All(given => given.Language != c.Key));
            resolved = resolved with { Corpora = new(kept) };
        }
        return recipe with
        {
            Resolved = resolved,
            Model = o.Model == null ? recipe.Model : RecipeReference.Model(o.Model, o.BaseFolder),
            Revision = o.Revision ?? recipe.Revision,
            Languages = new(languages),
            Overall = o.Overall is { } overall ? AtLeast("--overall", overall, 0) : recipe.Overall,
            SpecialTokens = o.SpecialTokens ?? recipe.SpecialTokens,
            PadToMultiple = o.PadToMultiple is { } pad ? AtLeast("--pad-to-multiple", pad, 1) : recipe.PadToMultiple,
            Dtype = o.Dtype ?? recipe.Dtype,
            MaxShardSize = o.MaxShardSize is { } size ? ShardSize(size) : recipe.MaxShardSize,
            Validation = validation,
        };
    }

    private static void CheckLanguages(IReadOnlyList<LanguageTop> languages)
    {
        if (languages.Count == 0)
            throw new RecipeException("--langs", null, "expected at least one language, e.g. en:15000,de:30000");
        foreach (var l in languages)
        {
            if (LanguageKey.Normalize(l.Language) != l.Language)
                throw new RecipeException("--langs", null, $"'{l}': {LanguageKey.Expected}");
            AtLeast("--langs", l.Top, 1);
        }
        var twice = languages.GroupBy(l => l.Language).FirstOrDefault(g => g.Count() > 1);
        if (twice != null) throw new RecipeException("--langs", null, $"{twice.Key} is given twice");
    }

    // Spelled as the schema wants it, or the recipe.json an adapt writes would not read back ("1mb").
    private static string ShardSize(string size)
    {
        try { return ByteSize.Canonical(size); }
        catch (FormatException e) { throw new RecipeException("--max-shard-size", null, e.Message); }
    }

    private static T AtLeast<T>(string flag, T value, T minimum) where T : IComparable<T>, IFormattable =>
        value.CompareTo(minimum) >= 0 ? value : throw new RecipeException(flag, null,
            string.Create(CultureInfo.InvariantCulture,
                $"expected {(typeof(T) == typeof(double) ? "a number" : "a whole number")} >= {minimum}, got {value}"));
}
