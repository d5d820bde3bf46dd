using VocabTrim.Inference.Cpu;
using VocabTrim.Inference.Tests.Support;
using VocabTrim.TestSupport;

namespace VocabTrim.Inference.Tests;

/// <summary>The documented way out of the fused CPU path: VOCABTRIM_FUSED_CPU=0.</summary>
public class FusedCpuSwitchTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData(" OFF ", false)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    public void The_variable_turns_the_fused_path_off(string? value, bool enabled) =>
        FusedCpuPath.EnabledBy(value).Should().Be(enabled);

    [Fact]
    public void With_the_fused_path_off_generate_still_gives_the_reference_ids()
    {
        var run = ReferenceRun.Load("mt5-tiny");
        var c = run.Cases[2];
        var result = CliProcess.Run(null, new Dictionary<string, string?> { [FusedCpuPath.Variable] = "0" },
            "generate", "--model", run.Folder, "--input-ids", string.Join(',', c.InputIds),
            "--max-new-tokens", run.MaxNewTokens.ToString(), "--ids");
        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Split('\n',
            StringSplitOptions.RemoveEmptyEntries).Last().Trim().Should().Be(string.Join(' ', c.Generated));
    }
}
