using System.CommandLine;
using VocabTrim.Cli;

namespace VocabTrim.Pipeline.Tests.Cli;

/// <summary>Every verb's <c>--help</c> shows worked examples that name the verb itself.</summary>
public sealed class HelpTests
{
    public static TheoryData<string> Verbs()
    {
        var data = new TheoryData<string>();
        foreach (var path in Leaves(VocabTrimCommand.Create(), "")) data.Add(path);
        return data;
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Help_has_examples_of_the_verb(string verb)
    {
        var run = CliRun.Of([.. verb.Split(' '), "--help"]);
        var output = run.Output;

        run.ExitCode.Should().Be(0);
        output.Should().Contain("Examples:");
        var examples = output[output.IndexOf("Examples:", StringComparison.Ordinal)..];
        examples.Should().MatchRegex($@"vocabtrim {verb}(\s|$)", "an example shows this verb in use");
    }

    private static IEnumerable<string> Leaves(Command command, string prefix)
    {
        foreach (var sub in command.Subcommands)
        {
            var path = (prefix + " " + sub.Name).Trim();
            if (sub.Subcommands.Count == 0) yield return path;
            else foreach (var leaf in Leaves(sub, path)) yield return leaf;
        }
    }
}
