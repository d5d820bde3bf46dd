using System.Text.RegularExpressions;

namespace VocabTrim.Recipes;

/// <summary>
/// Something a recipe names that may be a path: the model (a hub id or a folder), a corpus (a Leipzig name
/// or a file), the schema. It keeps the text as written, so that the recipe can be written elsewhere with
/// its relative paths rewritten, and what a path means: where it points from the folder it was written in.
/// Two references are equal when they name the same thing (the same full path, or the same name).
/// </summary>
public sealed partial class RecipeReference : IEquatable<RecipeReference>
{
    private RecipeReference(string text, string baseFolder, bool isPath)
    {
        Text = text;
        BaseFolder = Path.GetFullPath(baseFolder);
        IsPath = isPath;
        FullPath = Path.GetFullPath(text, BaseFolder);
    }

    /// <summary>As written in the recipe or on the command line.</summary>
    public string Text { get; }

    /// <summary>
    /// The folder a relative <see cref="Text"/> is relative to: the recipe's folder, or the working folder for a flag.
    /// </summary>
    public string BaseFolder { get; }

    /// <summary>False for a hub id, a Leipzig corpus name or a URL, which are used as written.</summary>
    public bool IsPath { get; }

    /// <summary>
    /// <see cref="Text"/> read as a path from <see cref="BaseFolder"/>. Also set for names, so that a caller
    /// may prefer an existing file or folder of that name; nothing here checks that it exists.
    /// </summary>
    public string FullPath { get; }

    /// <summary>What to open or look up: <see cref="FullPath"/> for a path, else <see cref="Text"/>.</summary>
    public string Value => IsPath ? FullPath : Text;

    /// <summary>A model: exactly <c>org/name</c> is a hub id, anything else a folder.</summary>
    public static RecipeReference Model(string text, string baseFolder) =>
        new(text, baseFolder, !HubId().IsMatch(text));

    /// <summary>A corpus: letters, digits, '_' and '-' only is a Leipzig corpus name, anything else a path.</summary>
    public static RecipeReference Corpus(string text, string baseFolder) =>
        new(text, baseFolder, !CorpusName().IsMatch(text));

    /// <summary>A file or folder, always a path.</summary>
    public static RecipeReference File(string text, string baseFolder) => new(text, baseFolder, isPath: true);

    /// <summary>A <c>$schema</c> reference: a URL is used as written, anything else is a path.</summary>
    public static RecipeReference Schema(string text, string baseFolder) =>
        new(text, baseFolder, !text.Contains("://", StringComparison.Ordinal));

    /// <summary>
    /// The text to write into a recipe in <paramref name="folder"/>: a relative path is rewritten relative to it
    /// (with '/' separators, so recipes read the same everywhere); absolute paths and names stay as written.
    /// </summary>
    public string TextRelativeTo(string folder)
    {
        if (!IsPath || Path.IsPathRooted(Text)) return Text;
        var relative = Path.GetRelativePath(Path.GetFullPath(folder), FullPath).Replace('\\', '/');
        // models/x would read back as a hub id and a bare name as a corpus name; ./ keeps them paths.
        var explicitlyRelative = relative is "." or ".." || relative.StartsWith("./", StringComparison.Ordinal)
            || relative.StartsWith("../", StringComparison.Ordinal);
        return explicitlyRelative ? relative : "./" + relative;
    }

    public bool Equals(RecipeReference? other) =>
        other is not null && IsPath == other.IsPath && (IsPath ? FullPath == other.FullPath : Text == other.Text);

    public override bool Equals(object? obj) => Equals(obj as RecipeReference);

    public override int GetHashCode() => HashCode.Combine(IsPath, IsPath ? FullPath : Text);

    public override string ToString() => Text;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex HubId();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex CorpusName();
}
