using System.Buffers.Binary;
using System.Text.Json.Nodes;
using VocabTrim.Pipeline.Tests.Cli;
using VocabTrim.TestSupport;
using VocabTrim.Validation;

namespace VocabTrim.Pipeline.Tests.Validation;

/// <summary>
/// The streamed validation (layer weights read per layer, one batch, the original's head only when the bodies are
/// proven identical) against the in-memory one (both models whole, the original run in full per corpus) on the
/// shared reference checkpoints trimmed with their keep lists.
/// </summary>
public class StreamedValidationTests
{
    private static readonly IReadOnlyList<(string, string)> Corpora =
        [("en", SharedData.EnglishSample), ("de", SharedData.GermanSample)];

    private static ValidationOptions Options(bool streamed) =>
        new(MaxSentences: 200, LogitSentences: 6, MaxNewTokens: 5, Streamed: streamed);

    private static string Trim(TempDir dir, string model, params string[] extra)
    {
        var reference = SharedData.Reference(model);
        CliRun.Of(
            ["trim", "--model", reference, "--keep", Path.Combine(reference, $"kept_{model}.json"), "--out",
                dir.File("slim"), .. extra])
            .ExitCode.Should().Be(0);
        return dir.File("slim");
    }

    private static int[][] BloomInputs() =>
        [.. JsonNode.Parse(
            File.ReadAllText(Path.Combine(SharedData.Reference("bloom-tiny"), "inputs.json")))!["inputs"]!.AsArray()
            .Select(i => i!.AsArray().Select(id => (int)id!).ToArray())];

    private static void ShouldAgree(ValidationReport streamed, ValidationReport inMemory)
    {
        streamed.Passed.Should().BeTrue(string.Join("; ", streamed.Failures));
        inMemory.Passed.Should().BeTrue(string.Join("; ", inMemory.Failures));
        streamed.Languages.Should().HaveCount(inMemory.Languages.Count);
        for (var i = 0; i < streamed.Languages.Count; i++)
        {
            var (s, m) = (streamed.Languages[i], inMemory.Languages[i]);
            s.Should().BeEquivalentTo(m, o => o.Excluding(l => l.MaxAbsLogitDifference));
            s.LogitSteps.Should().BeGreaterThan(0);
            s.MaxAbsLogitDifference.Should().BeLessThanOrEqualTo(1e-4)
                .And.BeApproximately(m.MaxAbsLogitDifference, 1e-4);
        }
        streamed.SlimModel.GeneratedTokens.Should().Be(inMemory.SlimModel.GeneratedTokens);
        streamed.OriginalModel.Parameters.Should().Be(inMemory.OriginalModel.Parameters);
        streamed.OriginalModel.VocabularyRows.Should().Be(inMemory.OriginalModel.VocabularyRows);
    }

    // The original's head rows multiply the slim model's head inputs as the slim model's steps did (few rows, float32
    // on the CPU): a kept row's logit has the same bits, so any difference would be a remapping fault.
    private static void HeadOnlyLogitsShouldBeExact(ValidationReport streamed)
    {
        foreach (var language in streamed.Languages)
        {
            language.LogitSteps.Should().BeGreaterThan(0);
            language.MaxAbsLogitDifference.Should().Be(0, $"{language.Language}'s kept logits are the same products");
        }
    }

    [Fact]
    public void Mt5_tiny_streamed_with_the_original_head_only_equals_the_in_memory_run()
    {
        using var dir = new TempDir();
        var slim = Trim(dir, "mt5-tiny");
        var original = SharedData.Reference("mt5-tiny");

        var streamed = new SlimModelValidator(Options(streamed: true)).Validate(original, slim, Corpora);
        var inMemory = new SlimModelValidator(Options(streamed: false)).Validate(original, slim, Corpora);

        ShouldAgree(streamed, inMemory);
        streamed.Run!.Original.Should().Be(ValidationRun.HeadOnly);
        HeadOnlyLogitsShouldBeExact(streamed);
        streamed.Run.BodySha256.Should().HaveLength(64);
        // Encoder once; decoder once for the cross-attention keys and once per step of the longest sequence.
        streamed.Run.SlimDecoderPasses.Should().Be(1 + 5);
        streamed.Run.SlimWeightBytesRead.Should().BeGreaterThan(0);
        inMemory.Run.Should().BeNull();
    }

    [Fact]
    public void Bloom_tiny_streamed_with_the_original_head_only_equals_the_in_memory_run()
    {
        using var dir = new TempDir();
        var slim = Trim(dir, "bloom-tiny");
        var original = SharedData.Reference("bloom-tiny");

        var streamed = new SlimModelValidator(Options(streamed: true)).Validate(
            original, slim, [], inputIds: BloomInputs());
        var inMemory = new SlimModelValidator(Options(streamed: false)).Validate(
            original, slim, [], inputIds: BloomInputs());

        ShouldAgree(streamed, inMemory);
        streamed.Run!.Original.Should().Be(ValidationRun.HeadOnly);
        HeadOnlyLogitsShouldBeExact(streamed);
        streamed.Run.SlimDecoderPasses.Should().Be(5, "the prompt pass and one per later step");
    }

    [Fact]
    public void A_trim_to_bfloat16_runs_the_original_in_full_streamed_and_equals_the_in_memory_run()
    {
        using var dir = new TempDir();
        var slim = Trim(dir, "mt5-tiny", "--dtype", "bfloat16");
        var original = SharedData.Reference("mt5-tiny");

        var streamed = new SlimModelValidator(Options(streamed: true)).Validate(original, slim, Corpora);
        var inMemory = new SlimModelValidator(Options(streamed: false)).Validate(original, slim, Corpora);

        ShouldAgree(streamed, inMemory);
        streamed.Run!.Original.Should().Be(ValidationRun.Full);
        streamed.Run.OriginalReason.Should().Contain("is BF16 in the slim folder, F32 in the original");
    }

    [Fact]
    public void A_body_tensor_one_byte_off_is_found_by_its_hash_and_the_original_runs_in_full()
    {
        using var dir = new TempDir();
        var slim = Trim(dir, "mt5-tiny");
        const string Tensor = "decoder.final_layer_norm.weight";
        // The top byte of the first weight: its sign flips, so the slim model's logits are no longer the original's.
        FlipByte(Path.Combine(slim, "model.safetensors"), Tensor, byteInTensor: 3);
        var original = SharedData.Reference("mt5-tiny");

        var identity = BodyIdentity.Check(original, slim, KeptIdMap.FromSlimFolder(slim));
        var report = new SlimModelValidator(Options(streamed: true)).Validate(original, slim, Corpora);

        identity.Holds.Should().BeFalse();
        identity.Reason.Should().Contain($"'{Tensor}' differs from the original's (SHA-256 ");
        report.Run!.Original.Should().Be(ValidationRun.Full);
        report.Run.OriginalReason.Should().Be(identity.Reason);
        report.Passed.Should().BeFalse("the original, run in full, does not have the flipped weight");
        report.Failures.Should().Contain(f => f.Contains("logits differ by more than"));
    }

    [Fact]
    public void The_bodies_of_a_clean_trim_hash_identical_and_a_changed_config_setting_does_not()
    {
        using var dir = new TempDir();
        var slim = Trim(dir, "mt5-tiny");
        var original = SharedData.Reference("mt5-tiny");
        var map = KeptIdMap.FromSlimFolder(slim);

        var clean = BodyIdentity.Check(original, slim, map);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(slim, "config.json")))!.AsObject();
        config["layer_norm_epsilon"] = 1e-3;
        File.WriteAllText(Path.Combine(slim, "config.json"), config.ToJsonString());
        var changed = BodyIdentity.Check(original, slim, map);

        clean.Holds.Should().BeTrue(clean.Reason);
        clean.BytesHashed.Should().BeGreaterThan(2 * 64 * 64 * 4, "both folders' bodies and kept rows");
        changed.Holds.Should().BeFalse();
        changed.Reason.Should().StartWith("config.json: layer_norm_epsilon differs");
    }

    [Fact]
    public void Cancelling_while_a_layer_runs_stops_the_streamed_validation()
    {
        using var dir = new TempDir();
        var slim = Trim(dir, "mt5-tiny");
        using var cancel = new CancellationTokenSource();
        var seen = new List<ValidationProgress>();

        var act = () =>
            new SlimModelValidator(Options(streamed: true)).Validate(SharedData.Reference("mt5-tiny"), slim, Corpora,
            cancel: cancel.Token, progress: p =>
            {
                seen.Add(p);
                if (p.Status.Contains("decoder layer 2")) cancel.Cancel();
            });

        act.Should().Throw<OperationCanceledException>();
        seen.Should().Contain(p => p.Status.StartsWith("hashing both folders"));
        seen.Last().Status.Should().Contain("decoder layer 2", "the next layer checks the token before it runs");
        seen.Select(p => p.Fraction).Should().BeInAscendingOrder().And.OnlyContain(f => f >= 0 && f < 1);
    }

    [Fact]
    public void Progress_rises_to_the_end_over_the_whole_comparison()
    {
        using var dir = new TempDir();
        var slim = Trim(dir, "mt5-tiny");
        var seen = new List<ValidationProgress>();

        new SlimModelValidator(Options(streamed: true)).Validate(
            SharedData.Reference("mt5-tiny"), slim, Corpora, progress: seen.Add);

        seen.Select(p => p.Fraction).Should().BeInAscendingOrder();
        seen.Last().Fraction.Should().BeApproximately(1, 1e-9);
        seen.Should().Contain(p => p.Status.Contains("slim model: encoder layer 1 of 2"))
            .And.Contain(p => p.Status.StartsWith("the original's LM head"));
    }

    private static void FlipByte(string safetensors, string tensor, int byteInTensor)
    {
        var bytes = File.ReadAllBytes(safetensors);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = JsonNode.Parse(bytes.AsSpan(8, headerLength))!;
        var start = header[tensor]!["data_offsets"]![0]!.GetValue<long>();
        bytes[8 + headerLength + start + byteInTensor] ^= 0x80;
        File.WriteAllBytes(safetensors, bytes);
    }
}
