using VocabTrim.Validation;

namespace VocabTrim.Reporting;

/// <summary>
/// The validation outcome in Markdown, shared by the card and the report: what was measured, and the numbers.
/// </summary>
internal static class ValidationSummary
{
    public static IEnumerable<string> Lines(ValidationReport? report)
    {
        if (report == null)
        {
            yield return "**Validation was skipped** for this model (the recipe's `validation.skip`): the adapted " +
                         "model was not compared with the original. " +
                         "`vocabtrim test --recipe recipe.json --model-dir .` runs that comparison.";

            yield break;
        }
        var o = report.Options;
        yield return $"**{(report.Passed ? "Passed" : "Failed")}.** vocabtrim compared the adapted model with the " +
                     $"original (`validation.json` has every number). On up to {Numbers.Count(o.MaxSentences)} " +
                     "sentences per corpus it checked that every sentence the original tokenizes with kept tokens " +
                     "only (\"covered\") gets exactly those tokens from the adapted tokenizer. On the first " +
                     $"{o.LogitSentences} sentences it decoded {o.MaxNewTokens} tokens greedily with the adapted " +
                     "model while driving the original along the same tokens, and compared the logits of every kept " +
                     $"token at every step (tolerance {Numbers.Scientific(o.AbsoluteTolerance)} + " +
                     $"{Numbers.Scientific(o.RelativeTolerance)}·|logit|) and each greedy choice with the original's " +
                     "best kept token.";
        yield return "";
        yield return "| language | corpus | sentences | covered | covered, same tokens | uncovered: byte fallback / " +
                     "unknown | logit sentences × steps | max \\|Δ logit\\| | values out of tolerance | same greedy " +
                     "tokens | original's greedy output within kept |";
        yield return "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";
        foreach (var l in report.Languages)
            yield return $"| {l.Language} | `{Path.GetFileName(l.Corpus)}` | {Numbers.Count(l.Sentences)} | " +
                         $"{Numbers.Count(l.Covered)} ({Numbers.Percent(l.CoveredShare)}) | " +
                         $"{Numbers.Count(l.CoveredIdentical)} | {Numbers.Count(l.UncoveredWithByteFallback)} / " +
                         $"{Numbers.Count(l.UncoveredWithUnknown)} | {l.LogitSentences} ({l.LogitSteps} steps) | " +
                         $"{Numbers.Scientific(l.MaxAbsLogitDifference)} | " +
                         $"{Numbers.Count(l.LogitValuesOutOfTolerance)} | {l.GreedyIdentical} of {l.LogitSentences} " +
                         $"| {l.OriginalGreedyWithinKept} of {l.LogitSentences} |";
        yield return "";
        var inference = o.Inference ?? VocabTrim.Inference.InferenceOptions.Default;
        yield return $"Measured while validating ({inference.Device.ToString().ToLowerInvariant()}, " +
                     $"{inference.Dtype.ToString().ToLowerInvariant()}):";
        yield return "";
        yield return "| | original | adapted |";
        yield return "| --- | ---: | ---: |";
        // Sizes are in the results above (validation.json also has the weight bytes it measured).
        yield return $"| parameters loaded | {Numbers.Count(report.OriginalModel.Parameters)} | " +
                     $"{Numbers.Count(report.SlimModel.Parameters)} |";
        yield return $"| vocabulary rows | {Numbers.Count(report.OriginalModel.VocabularyRows)} | " +
                     $"{Numbers.Count(report.SlimModel.VocabularyRows)} |";
        var headOnly = report.Run?.Original == ValidationRun.HeadOnly;
        yield return "| decoding steps per second (slim: greedy; original: along the slim tokens) | " +
                     $"{(headOnly ? "head only" : Numbers.Fixed(report.OriginalModel.TokensPerSecond, 1))} | " +
                     $"{Numbers.Fixed(report.SlimModel.TokensPerSecond, 1)} |";
        yield return $"| peak resident memory | {Numbers.Bytes(report.OriginalModel.PeakRssBytes)} | " +
                     $"{Numbers.Bytes(report.SlimModel.PeakRssBytes)} |";
        if (report.Run is { } run)
        {
            yield return "";
            yield return (headOnly
                ? "The two folders share every non-vocabulary tensor byte for byte and the kept rows in keep-list " +
                  $"order (SHA-256 `{run.BodySha256[..16]}…`), so the original ran only its LM head, over the " +
                  "adapted model's hidden states."
                : $"The original ran in full along the adapted model's tokens: {run.OriginalReason}.")
                + $" Time: identity check {Numbers.Fixed(run.IdentitySeconds, 1)} s, adapted model " +
                  $"{Numbers.Fixed(run.SlimSeconds, 1)} s"
                + $" (encoder {Numbers.Fixed(run.SlimEncoderSeconds, 1)} s, {run.SlimDecoderPasses} decoder passes " +
                  $"{Numbers.Fixed(run.SlimDecoderSeconds, 1)} s,"
                + $" of which reading layer weights {Numbers.Fixed(run.SlimWeightReadSeconds, 1)} s), original " +
                  $"{Numbers.Fixed(run.OriginalSeconds, 1)} s.";
        }
        if (report.Failures.Count == 0) yield break;
        yield return "";
        yield return "Failures:";
        yield return "";
        foreach (var failure in report.Failures) yield return $"- {failure}";
    }
}
