namespace VocabTrim.Common;

/// <summary>Another vocabtrim process, still running, is writing the same output.</summary>
public sealed class OutputBusyException(string target)
    : IOException($"{target}: another vocabtrim run is writing this output right now; wait for it to finish or " +
        "choose another output")
{
    public string Target { get; } = target;
}
