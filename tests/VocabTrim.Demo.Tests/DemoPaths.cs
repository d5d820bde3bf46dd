using VocabTrim.DemoAssets;
using VocabTrim.TestSupport;

namespace VocabTrim.Demo.Tests;

/// <summary>The committed demo assets in this repository.</summary>
internal static class DemoPaths
{
    public static string Model => Path.Combine(RepositoryPaths.Root, DemoAssetGenerator.ModelFolder);

    public static string Corpus(string language) => Path.Combine(RepositoryPaths.Root, DemoCorpora.Folder,
        DemoCorpora.Files.Single(f => f.Language == language).Excerpt);

    public static IReadOnlyList<string> Sentences(string language) => LeipzigSample.Sentences(Corpus(language));
}
