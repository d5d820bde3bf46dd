using System.Text.Json;
using VocabTrim.Validation;

namespace VocabTrim.Adaptation;

/// <summary>
/// The check a user keeps in CI (<c>vocabtrim test</c>): validates a slim model against its original again with the
/// recipe's settings, and compares the tokenization figures with those recorded in the slim folder's
/// <c>validation.json</c> when the model was made. Tokenization is deterministic, so any change there is drift
/// (a changed tokenizer file, a changed corpus, a different vocabtrim); logits must stay within the tolerances.
/// </summary>
public static class RegressionTest
{
    public static RegressionOutcome Run(string originalFolder, string slimFolder, ValidationPlan plan,
        Action<string>? log = null,
        CancellationToken cancel = default)
    {
        var report = new SlimModelValidator(plan.Options).Validate(originalFolder, slimFolder, plan.Corpora, log,
            cancel: cancel);
        var recordedPath = Path.Combine(slimFolder, ValidationReportFile.FileName);
        var drift = File.Exists(recordedPath) ? Compare(report, recordedPath) : [];
        return new RegressionOutcome(report, drift, File.Exists(recordedPath) ? recordedPath : null);
    }

    private static List<string> Compare(ValidationReport now, string recordedPath)
    {
        var drift = new List<string>();
        using var recorded = JsonDocument.Parse(File.ReadAllBytes(recordedPath));
        if (!recorded.RootElement.TryGetProperty("languages", out var languages)
            || languages.ValueKind != JsonValueKind.Array)
            throw new AdaptationException($"{recordedPath}: $.languages is missing; not a validation.json written by " +
                "vocabtrim");
        var byLanguage = languages.EnumerateArray()
            .Where(l => l.TryGetProperty("language", out _))
            .ToDictionary(l => l.GetProperty("language").GetString()!, l => l);
        foreach (var language in now.Languages)
        {
            if (!byLanguage.TryGetValue(language.Language, out var was)) continue;
            // Figures from another number of sentences are not comparable; the logits are judged by tolerance alone.
            if (Number(was, "sentences") != language.Sentences) continue;
            Check(drift, language.Language, "sentences covered", Number(was, "covered"), language.Covered);
            Check(drift, language.Language, "covered sentences with identical ids", Number(was, "covered_identical"),
                language.CoveredIdentical);
            Check(drift, language.Language, "uncovered sentences using byte pieces",
                Number(was, "uncovered_with_byte_fallback"), language.UncoveredWithByteFallback);
            Check(drift, language.Language, "uncovered sentences using <unk>", Number(was, "uncovered_with_unknown"),
                language.UncoveredWithUnknown);
        }
        return drift;
    }

    private static long? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt64()
            : null;

    private static void Check(List<string> drift, string language, string what, long? was, long now)
    {
        if (was is { } w && w != now) drift.Add($"{language}: {what} {w:N0} when the model was made, {now:N0} now");
    }
}
