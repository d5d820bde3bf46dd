using VocabTrim.TestSupport;

namespace VocabTrim.Demo.Tests;

/// <summary>
/// A fact that needs ../shared (the inputs of the demo generator). Without it the test is reported as skipped
/// with the reason, rather than failing on a machine that only has the repository.
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        try { _ = SharedData.Root; }
        catch (InvalidOperationException e) { Skip = e.Message; }
    }
}
