using VocabTrim.Reporting;

namespace VocabTrim.Adaptation;

/// <summary>Follows nothing: for runs nobody watches (tests, library callers without progress).</summary>
internal sealed class NullAdaptationObserver : IAdaptationObserver
{
    public static readonly NullAdaptationObserver Instance = new();

    public void StageStarted(string stage, string description) { }
    public void StageProgress(string stage, string status, double? fraction) { }
    public void StageFinished(StageTiming timing, string summary) { }
    public void Note(string message) { }
}
