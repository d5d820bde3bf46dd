namespace VocabTrim.TestSupport;

public static class RepositoryPaths
{
    /// <summary>The repository root: the folder holding VocabTrim.sln.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VocabTrim.sln"))) return dir.FullName;
        throw new InvalidOperationException("VocabTrim.sln not found above " + AppContext.BaseDirectory);
    }
}
