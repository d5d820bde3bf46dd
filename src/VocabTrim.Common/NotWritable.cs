namespace VocabTrim.Common;

/// <summary>
/// The OS refused to create a file beside an output: said in terms of the output the user named, not of the
/// temporary or lock file the refusal was about.
/// </summary>
public static class NotWritable
{
    public static UnauthorizedAccessException For(string output, string folder, UnauthorizedAccessException e) =>
        new($"cannot write {output}: no permission to create files in {folder}", e);
}
