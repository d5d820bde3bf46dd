using System.CommandLine;

namespace VocabTrim.Cli;

/// <summary><c>vocabtrim corpus</c>: the Leipzig corpora of the manifest (<c>corpora/leipzig.json</c>).</summary>
public static class CorpusCommand
{
    public static Command Create() => new("corpus", "List and download the Leipzig corpora vocabtrim knows by name.")
    {
        CorpusListCommand.Create(),
        CorpusFetchCommand.Create(),
    };
}
