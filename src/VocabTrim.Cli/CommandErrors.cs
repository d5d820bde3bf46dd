using System.CommandLine;
using VocabTrim.Adaptation;
using VocabTrim.Corpora;
using VocabTrim.Corpora.Fetching;
using VocabTrim.Checkpoints;
using VocabTrim.Counting;
using VocabTrim.Hub;
using VocabTrim.Recipes;
using VocabTrim.Selection;
using VocabTrim.Surgery;
using VocabTrim.Tokenizers;
using VocabTrim.Trimming;

namespace VocabTrim.Cli;

/// <summary>
/// Runs a verb's work and shows the errors a user can fix (bad input files, impossible requests) as one
/// line on stderr with exit code 1. Anything else is a bug and keeps its stack trace.
/// </summary>
internal static class CommandErrors
{
    public static int Run(ParseResult parseResult, Action<TextWriter> work)
    {
        var configuration = parseResult.InvocationConfiguration;
        try
        {
            work(configuration.Output);
            return 0;
        }
        catch (Exception e) when (IsUserError(e))
        {
            configuration.Error.WriteLine($"vocabtrim: {OneLine(e.Message)}");
            return 1;
        }
    }

    private static bool IsUserError(Exception e) => e is DataFileException or TokenizerFormatException
        or SelectionException or TrimException or IOException or UnauthorizedAccessException
        or CorpusFormatException or UnknownLanguageException or UsageException
        or ModelTrimException or CheckpointFormatException
        or CorpusManifestException or CorpusDownloadException
        or HubException or RecipeException or AdaptationException;

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
