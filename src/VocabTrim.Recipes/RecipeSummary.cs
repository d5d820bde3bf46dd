using System.Globalization;
using VocabTrim.Checkpoints;

namespace VocabTrim.Recipes;

/// <summary>A recipe in one line, for <c>recipe check</c> and logs.</summary>
public static class RecipeSummary
{
    /// <summary>
    /// E.g. <c>bigscience/mt0-xl@main: en:15000 (eng_news_2023_1M), de:30000 (deu_news_2023_1M), overall 2000,
    /// sentinels all, dtype keep, validation on 1000 sentences (atol 0.0001, rtol 1e-05)</c>.
    /// </summary>
    public static string Line(Recipe recipe)
    {
        var c = CultureInfo.InvariantCulture;
        var model = recipe.Model.IsPath ? recipe.Model.Text : $"{recipe.Model.Text}@{recipe.Revision}";
        var languages = string.Join(", ", recipe.Languages.Select(l =>
            $"{l.Language}:{l.Top.ToString(c)} ({l.Corpus?.Text ?? "default corpus"}"
            + $"{(l.MaxSentences is { } max ? string.Create(c, $", first {max} sentences") : "")})"));
        var validation = recipe.Validation.Skip
            ? "validation skipped"
            : string.Create(c,
                $"validation on {recipe.Validation.Sentences} sentences (atol {recipe.Validation.Atol:g}, rtol "
                + $"{recipe.Validation.Rtol:g}, {recipe.Validation.Device})");
        var padding = recipe.PadToMultiple > 1
            ? string.Create(c, $", padded to a multiple of {recipe.PadToMultiple}") : "";
        return string.Create(c,
            $"{model}: {languages}, overall {recipe.Overall}, sentinels {recipe.SpecialTokens.SentinelsText}, dtype "
            + $"{recipe.Dtype.Name}{padding}, {validation}");
    }
}
