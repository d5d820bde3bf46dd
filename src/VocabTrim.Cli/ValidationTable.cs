using System.Globalization;
using VocabTrim.Validation;

namespace VocabTrim.Cli;

/// <summary>The validation report as the short tables validate, adapt and test print.</summary>
public static class ValidationTable
{
    public static void Print(ValidationReport r, TextWriter o)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c,
            $"{"language",-8} {"sentences",10} {"covered",9} {"identical ids",14} {"bytes/unk",10} {"logit steps",12} "
            + $"{"max |Δ|",10} {"greedy same",12} {"orig in kept",13}"));
        foreach (var l in r.Languages)
            o.WriteLine(string.Create(c,
                $"{l.Language,-8} {l.Sentences,10:N0} {l.CoveredShare,9:P1} "
                + $"{l.CoveredIdentical,7:N0}/{l.Covered,-6:N0} "
                + $"{l.UncoveredWithByteFallback,4:N0}/{l.UncoveredWithUnknown,-5:N0} {l.LogitSteps,12:N0} "
                + $"{l.MaxAbsLogitDifference,10:G3} {l.GreedyIdentical,5:N0}/{l.LogitSentences,-6:N0} "
                + $"{l.OriginalGreedyWithinKept,6:N0}/{l.LogitSentences,-6:N0}"));
        o.WriteLine();
        o.WriteLine(string.Create(c,
            $"{"model",-9} {"parameters",14} {"weight bytes",15} {"vocab rows",11} {"tokens/s",9} {"peak RSS",10} "
            + $"{"stored",7} {"ran in",9}"));
        foreach (var (name, m) in new[] { ("original", r.OriginalModel), ("slim", r.SlimModel) })
            o.WriteLine(string.Create(c,
                $"{name,-9} {m.Parameters,14:N0} {m.WeightFileBytes,15:N0} {m.VocabularyRows,11:N0} "
                + $"{m.TokensPerSecond,9:F1} {m.PeakRssBytes / 1048576.0,7:F0} MB {m.StoredDtype,7} "
                + $"{m.ComputeDtype,9}"));
        o.WriteLine("greedy same: the slim model's choice is the original's best kept token at every step (the "
            + "original is driven along");
        o.WriteLine("the slim model's tokens); orig in kept: the original's own greedy output never left the "
            + "kept vocabulary.");
        o.WriteLine("Peak RSS is the process's: the slim model runs first, so the original's figure includes it.");
        if (r.Run is { } run)
        {
            o.WriteLine(run.Original == ValidationRun.HeadOnly
                ? "original: LM head only, over the slim model's hidden states (bodies proven identical, SHA-256 "
                    + $"{run.BodySha256[..16]}…)"
                : $"original: run in full ({run.OriginalReason})");
            o.WriteLine(string.Create(c,
                $"time: identity {run.IdentitySeconds:F1} s, slim {run.SlimSeconds:F1} s (encoder "
                + $"{run.SlimEncoderSeconds:F1} s, {run.SlimDecoderPasses} decoder passes {run.SlimDecoderSeconds:F1} "
                + $"s; reading layer weights {run.SlimWeightReadSeconds:F1} s, {run.SlimWeightBytesRead / 1e9:F1} GB), "
                + $"original {run.OriginalSeconds:F1} s"));
        }
        o.WriteLine();
        if (r.Passed) o.WriteLine("validation passed");
        else foreach (var f in r.Failures) o.WriteLine($"FAILED: {f}");
    }
}
