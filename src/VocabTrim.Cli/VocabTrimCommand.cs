using System.CommandLine;

namespace VocabTrim.Cli;

/// <summary>The root <c>vocabtrim</c> command; each verb has its own factory.</summary>
public static class VocabTrimCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("vocabtrim: make multilingual language models small for the languages you need.")
        {
            CountCommand.Create(),
            SelectCommand.Create(),
            TrimCommand.Create(),
            GenerateCommand.Create(),
            ValidateCommand.Create(),
            CorpusCommand.Create(),
            ModelCommand.Create(),
            RecipeCommand.Create(),
        };
        CommandExamples.Install(root);
        return root;
    }
}
