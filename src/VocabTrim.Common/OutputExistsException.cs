namespace VocabTrim.Common;

/// <summary>The output appeared (or was there) and replacing it was not asked for.</summary>
public sealed class OutputExistsException(string target)
    : IOException($"{target}: already exists; choose another output or replace it with --force")
{
    public string Target { get; } = target;
}
