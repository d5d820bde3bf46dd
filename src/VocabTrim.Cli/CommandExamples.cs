using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace VocabTrim.Cli;

/// <summary>
/// Example command lines shown at the end of a verb's <c>--help</c> (and only there: the parent's list of
/// verbs keeps the one-line descriptions).
/// </summary>
public static class CommandExamples
{
    private static readonly ConditionalWeakTable<Command, string[]> Examples = new();

    /// <summary>
    /// Registers <paramref name="examples"/> for <paramref name="command"/>; returns it for chaining.
    /// </summary>
    public static T WithExamples<T>(this T command, params string[] examples) where T : Command
    {
        Examples.AddOrUpdate(command, examples);
        return command;
    }

    /// <summary>Makes the root's help option print the command's examples after the usual help.</summary>
    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        // System.CommandLine 3.0 keeps its help layout types internal, so the examples follow the standard help.
        if (help.Action is HelpAction standard) help.Action = new WithExamplesAction(standard);
    }

    private sealed class WithExamplesAction(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var code = standard.Invoke(parseResult);
            if (Examples.TryGetValue(parseResult.CommandResult.Command, out var examples) && examples.Length > 0)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var example in examples) output.WriteLine($"  {example}");
                output.WriteLine();
            }
            return code;
        }
    }
}
