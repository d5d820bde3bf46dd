using VocabTrim.TestSupport;

namespace VocabTrim.Hub.Tests;

internal static class FakeHubOptions
{
    /// <summary>Hub options that point at <paramref name="hub"/> and a test's own cache folder.</summary>
    public static HubOptions Options(
        this FakeHuggingFaceHub hub, string cacheDirectory, string? token = null, bool offline = false) =>
        new(hub.Server.Origin, token, cacheDirectory, offline);
}
