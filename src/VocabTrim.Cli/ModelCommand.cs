using System.CommandLine;

namespace VocabTrim.Cli;

/// <summary><c>vocabtrim model</c>: models from the Hugging Face hub and its local cache.</summary>
public static class ModelCommand
{
    public static Command Create() =>
        new("model", "Hugging Face models: download into (or find in) the local Hugging Face cache.")
    {
        ModelFetchCommand.Create(),
    };
}
