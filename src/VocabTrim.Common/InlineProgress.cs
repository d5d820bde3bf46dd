namespace VocabTrim.Common;

/// <summary>
/// Reports on the calling thread. <see cref="Progress{T}"/> posts to the thread pool, where reports can
/// arrive late and out of order; a progress display wants the latest number now.
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
