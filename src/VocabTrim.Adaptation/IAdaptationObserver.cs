using VocabTrim.Reporting;

namespace VocabTrim.Adaptation;

/// <summary>
/// Follows an adaptation as it runs, to draw progress bars on a terminal or write log lines. Calls may come from
/// worker threads; implementations must be thread-safe and quick.
/// </summary>
public interface IAdaptationObserver
{
    void StageStarted(string stage, string description);

    /// <param name="fraction">
    /// Share done in [0, 1] when the total is known, for a bar and an ETA; null otherwise.
    /// </param>
    void StageProgress(string stage, string status, double? fraction);

    void StageFinished(StageTiming timing, string summary);

    /// <summary>Something the user should read (a shortfall, a reused cache entry, a validation step).</summary>
    void Note(string message);
}
