namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// Standard error that presses Ctrl-C (cancels) when a line containing <paramref name="trigger"/> is written.
/// </summary>
internal sealed class CancellingWriter(string trigger, CancellationTokenSource cancel) : StringWriter
{
    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        if (value != null && value.Contains(trigger, StringComparison.Ordinal)) cancel.Cancel();
    }
}
