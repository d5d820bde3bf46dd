namespace VocabTrim.Cli;

/// <summary>Command descriptions with worked examples, which <c>--help</c> prints under the description.</summary>
internal static class HelpText
{
    public static string WithExamples(string description, params string[] examples) =>
        description + Environment.NewLine + Environment.NewLine + "Examples:" + Environment.NewLine +
        string.Join(Environment.NewLine, examples.Select(e => "  " + e));
}
