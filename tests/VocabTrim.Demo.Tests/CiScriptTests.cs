using VocabTrim.TestSupport;

namespace VocabTrim.Demo.Tests;

/// <summary>
/// CI runs what README.md tells a contributor to run: the quick start's first command and the test command, each
/// as a command line of <c>.ci/run</c> (not in an echo or a comment), so the two cannot drift apart.
/// </summary>
public class CiScriptTests
{
    private static string[] Readme => File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md"));

    private static string[] CiCommands => File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".ci", "run"))
        .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("echo ")).ToArray();

    /// <summary>The first indented (code) line after <paramref name="heading"/>.</summary>
    private static string FirstCommandUnder(string heading)
    {
        var lines = Readme;
        var start = Array.IndexOf(lines, heading);
        start.Should().BeGreaterThanOrEqualTo(0, $"README.md has a '{heading}' section");
        return lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .First(l => l.StartsWith("    ", StringComparison.Ordinal)).Trim();
    }

    [Fact]
    public void Ci_runs_the_readme_test_command_as_written()
    {
        var command = FirstCommandUnder("## Tests");

        command.Should().Be("tools/test.sh");
        CiCommands.Should().Contain(l => l == command || l.StartsWith(command + " ", StringComparison.Ordinal),
            ".ci/run must run README.md's test command");
    }

    [Fact]
    public void Ci_runs_the_readme_quick_start_before_the_test_command()
    {
        var quickStart = FirstCommandUnder("## Quick start");
        var commands = CiCommands.ToList();

        var first = commands.FindIndex(l => l.StartsWith(quickStart, StringComparison.Ordinal));
        var tests = commands.FindIndex(l => l.StartsWith(FirstCommandUnder("## Tests"), StringComparison.Ordinal));
        first.Should().BeGreaterThanOrEqualTo(0, ".ci/run must run README.md's first command");
        first.Should().BeLessThan(tests, "the first command runs before the test command installs any reference tool");
    }
}
