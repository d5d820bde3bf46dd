using System.CommandLine;

namespace VocabTrim.Cli;

/// <summary>The root <c>vocabtrim</c> command; each verb has its own factory.</summary>
public static class VocabTrimCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("vocabtrim: make multilingual language models small for the languages you need.")
        {
            AdaptCommand.Create(),
            CountCommand.Create(),
            SelectCommand.Create(),
            TrimCommand.Create(),
            GenerateCommand.Create(),
            ValidateCommand.Create(),
            TestCommand.Create(),
            CorpusCommand.Create(),
            ModelCommand.Create(),
            RecipeCommand.Create(),
        };
        CommandExamples.Install(root);
        return root;
    }

    /// <summary>
    /// Parses and runs a command line: the verb, its <c>--help</c>, or for a command line that does not parse, one
    /// line on stderr and exit 1 (<see cref="ParseErrorReport"/>).
    /// </summary>
    public static Task<int> InvokeAsync(string[] args, InvocationConfiguration configuration,
        CancellationToken cancel = default)
    {
        var parse = Create().Parse(args);
        return ParseErrorReport.Applies(parse)
            ? Task.FromResult(ParseErrorReport.Write(parse, configuration.Error))
            : parse.InvokeAsync(configuration, cancel);
    }

    /// <inheritdoc cref="InvokeAsync"/>
    public static int Invoke(string[] args, InvocationConfiguration configuration)
    {
        var parse = Create().Parse(args);
        return ParseErrorReport.Applies(parse)
            ? ParseErrorReport.Write(parse, configuration.Error)
            : parse.Invoke(configuration);
    }
}
