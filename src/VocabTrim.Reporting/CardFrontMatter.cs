
namespace VocabTrim.Reporting;

/// <summary>
/// The new card's YAML front matter: what describes the slim model is set from the facts, what still holds for
/// it (license, tags, datasets, pipeline) is carried from the original card unless the recipe overrides it, and
/// what only describes the original (widget examples, evaluation results, its languages) is left out, in a comment.
/// </summary>
internal static class CardFrontMatter
{
    /// <summary>The Hub's index of the Leipzig Corpora Collection (links each corpus to its download).</summary>
    public const string LeipzigDataset = "imvladikon/leipzig_corpora_collection";

    public const string Tag = "vocabtrim";

    // Keys written here from the facts, or carried: never copied a second time.
    private static readonly string[] Written =
    [
        "language", "license", "license_name", "license_link", "tags", "datasets", "base_model", "library_name",
        "pipeline_tag",
    ];

    public static IReadOnlyList<string> Lines(AdaptationFacts facts, OriginalCard? original)
    {
        var lines = new List<string> { "---" };
        if (original?.Problem is { } problem)
            lines.Add($"# Nothing was carried over from the original card's front matter: {OneLine(problem)}");

        lines.AddRange(YamlText.List("language", facts.Selection.Rule.Quotas.Select(q => q.Language)));

        var license = facts.Card.License ?? Scalar(original, "license");
        if (license != null)
        {
            lines.Add("license: " + YamlText.Scalar(license));
            // license_name/license_link only belong to the original's own license (license: other).
            if (facts.Card.License == null)
                foreach (var key in new[] { "license_name", "license_link" })
                    if (Scalar(original, key) is { } value) lines.Add($"{key}: {YamlText.Scalar(value)}");
        }

        var given = facts.Card.Tags.Count > 0 ? facts.Card.Tags : original?["tags"]?.AsList() ?? [];
        var tags = given.Append(Tag).Distinct(StringComparer.Ordinal);
        lines.AddRange(YamlText.List("tags", tags));

        var datasets = new List<string>();
        if (facts.Corpora.Any(c => c.IsLeipzig)) datasets.Add(LeipzigDataset);
        datasets.AddRange(original?["datasets"]?.AsList() ?? []);
        if (datasets.Count > 0) lines.AddRange(YamlText.List("datasets", datasets.Distinct(StringComparer.Ordinal)));

        if (facts.BaseModel.HubId is { } hubId) lines.Add("base_model: " + YamlText.Scalar(hubId));
        else
            lines.Add($"# base_model: not set, the original was the local folder '{OneLine(facts.BaseModel.Name)}' " +
                      "(the Hub wants a model id)");
        lines.Add("library_name: transformers");
        var pipeline = Scalar(original, "pipeline_tag") ?? ModelUsage.For(facts.Trim.ModelType).PipelineTag;
        lines.Add("pipeline_tag: " + YamlText.Scalar(pipeline));

        var left = (original?.Metadata ?? []).Select(e => e.Key).Where(k => !Written.Contains(k)).ToList();
        if (left.Count > 0)
            lines.Add("# Not carried over from the original card, as they describe the original model: " +
                      string.Join(", ", left));

        lines.Add("---");
        return lines;
    }

    private static string? Scalar(OriginalCard? card, string key) => card?[key]?.Scalar is { Length: > 0 } s ? s : null;

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
