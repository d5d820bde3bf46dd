using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using VocabTrim.Checkpoints;
using VocabTrim.Checkpoints.Safetensors;
using VocabTrim.Inference;
using VocabTrim.Inference.Generation;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Cli;

/// <summary>
/// Every verb fed bad input, through the real command tree: exit code 1, one line on stderr starting with
/// <c>vocabtrim: </c> (after the verb's own progress lines, where it prints any), no stack trace, nothing written.
/// </summary>
public class BadInputTests
{
    private static string Bloom => SharedData.Reference("bloom-tiny");
    private static string Mt5 => SharedData.Reference("mt5-tiny");

    /// <param name="progressLines">Progress lines the verb prints on stderr before it finds the problem.</param>
    private static void ShouldRefuse(CliRun run, string expected, int progressLines = 0, params string[] notWritten)
    {
        run.ExitCode.Should().Be(1, run.ToString());
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(progressLines + 1, run.ToString());
        lines[^1].Should().StartWith("vocabtrim: ").And.Contain(expected);
        lines.Count(l => l.StartsWith("vocabtrim: ", StringComparison.Ordinal)).Should().Be(1);
        (run.Output + run.Error).Should().NotContain("   at ", "a user error has no stack trace")
            .And.NotContain("Exception");
        foreach (var path in notWritten) Path.Exists(path).Should().BeFalse($"{path} must not be written");
    }

    /// <summary>
    /// A command line that does not parse: one line on stderr like any other user error, pointing at the verb's
    /// help, which is not printed; exit 1, no trace.
    /// </summary>
    private static void ShouldBeParseError(CliRun run, string expected, string verb)
    {
        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Which.Should()
            .StartWith("vocabtrim: ").And.Contain(expected).And.EndWith($"(see vocabtrim {verb} --help)");
        run.Output.Should().BeEmpty("the help is not dumped after the error");
        run.Error.Should().NotContain("   at ").And.NotContain("System.");
    }

    private static string CopyModel(TempDir dir, string source, string name, Func<string, string>? editConfig = null)
    {
        var folder = Directory.CreateDirectory(dir.File(name)).FullName;
        foreach (var file in new[] { "config.json", "model.safetensors", "spiece.model", "generation_config.json" })
            if (File.Exists(Path.Combine(source, file)))
                File.Copy(Path.Combine(source, file), Path.Combine(folder, file));
        if (editConfig != null)
        {
            var config = Path.Combine(folder, "config.json");
            var edited = editConfig(File.ReadAllText(config));
            edited.Should().NotBe(File.ReadAllText(config), "the edit must change the config");
            File.WriteAllText(config, edited);
        }
        return folder;
    }

    private static string Sentences(TempDir dir, string name, int lines)
    {
        var path = dir.File(name);
        File.WriteAllLines(path, File.ReadLines(SharedData.EnglishSample).Take(lines));
        return path;
    }

    // ---- count

    [Fact]
    public void Count_refuses_an_empty_corpus_naming_it()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("empty-sentences.txt"), []);
        ShouldRefuse(
            CliRun.Of(
                "count", "--tokenizer", Mt5, "--corpus", $"en={dir.File("empty-sentences.txt")}", "--out",
                dir.File("counts"), "--quiet"),
            "empty-sentences.txt: no sentences", notWritten: dir.File("counts"));
    }

    [Fact]
    public void Count_refuses_an_archive_with_two_sentence_files_naming_both()
    {
        using var dir = new TempDir();
        var archive = dir.File("two.tar.gz");
        using (var gzip = new GZipStream(File.Create(archive), CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip))
        {
            tar.WriteEntry(Sentences(dir, "eng_a-sentences.txt", 20), "a/eng_a-sentences.txt");
            tar.WriteEntry(Sentences(dir, "eng_b-sentences.txt", 20), "b/eng_b-sentences.txt");
        }
        ShouldRefuse(
            CliRun.Of("count", "--tokenizer", Mt5, "--corpus", $"en={archive}", "--out", dir.File("counts"), "--quiet"),
            "a/eng_a-sentences.txt and b/eng_b-sentences.txt", notWritten: dir.File("counts"));
    }

    [Fact]
    public void Count_of_dev_zero_stops_at_the_line_length_bound()
    {
        using var dir = new TempDir();
        ShouldRefuse(
            CliRun.Of(
                "count", "--tokenizer", Mt5, "--corpus", "en=/dev/zero", "--plain-text", "--out", dir.File("counts"),
                "--quiet"),
            "/dev/zero:1: expected a line ending within 4 MiB", notWritten: dir.File("counts"));
    }

    [Theory]
    [InlineData("count", "--threads")]
    [InlineData("generate", "--threads")]
    [InlineData("adapt", "--threads")]
    public void Negative_threads_are_a_parse_error(string verb, string option)
    {
        var args = verb switch
        {
            "count" => new[] { "count", "--tokenizer", Mt5, "--corpus", "en=x", "--out", "x" },
            "generate" => ["generate", "--model", Bloom, "--input-ids", "1"],
            _ => ["adapt", "--model", Mt5, "--langs", "en:10", "--out", "x"],
        };
        ShouldBeParseError(CliRun.Of([.. args, option, "-2"]), $"{option} must be at least 0, not -2", verb);
    }

    // ---- select

    [Fact]
    public void Select_refuses_a_counts_folder_with_broken_json()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("counts"));
        File.WriteAllText(dir.File("counts/counts.json"), "{\"format\": ");
        ShouldRefuse(
            CliRun.Of("select", "--counts", dir.File("counts"), "--langs", "en:10", "--out", dir.File("keep.json")),
            "counts.json: line", notWritten: dir.File("keep.json"));
    }

    // ---- trim

    [Fact]
    public void Trim_tokenizer_checks_the_sha256_of_a_kept_and_tokenizer_keep_file()
    {
        using var dir = new TempDir();
        File.WriteAllText(
            dir.File("keep.json"), JsonSerializer.Serialize(
                new { kept = Enumerable.Range(0, 300), tokenizer = new { sha256 = new string('0', 64) } }));
        ShouldRefuse(
            CliRun.Of(
                "trim", "--tokenizer", SharedData.Mt5TinySpiece, "--keep", dir.File("keep.json"), "--out",
                dir.File("out")),
            "made for the tokenizer with sha256 0000", notWritten: dir.File("out"));
    }

    [Theory]
    [InlineData(
        "bloom-tiny", "\"hidden_size\": 64", "\"hidden_size\": 128",
        "tensor 'transformer.word_embeddings.weight' is [1024, 64], but")]
    [InlineData(
        "mt5-tiny", "\"num_layers\": 2", "\"num_layers\": 3",
        "tensor 'encoder.block.2.layer.0.SelfAttention.q.weight' is missing")]
    [InlineData("mt5-tiny", "\"num_heads\": 4", "\"num_heads\": 8", "relative_attention_bias.weight' is [32, 4]")]
    [InlineData("mt5-tiny", "\"d_ff\": 128", "\"d_ff\": 256", "DenseReluDense.wi_0.weight' is [128, 64], but")]
    [InlineData(
        "llama-tiny", "\"num_key_value_heads\": 2", "\"num_key_value_heads\": 4",
        "self_attn.k_proj.weight' is [32, 64], but")]
    [InlineData(
        "qwen2-tiny", "\"intermediate_size\": 128", "\"intermediate_size\": 96",
        "mlp.gate_proj.weight' is [128, 64], but")]
    public void Trim_model_refuses_a_checkpoint_that_contradicts_its_config_before_writing(
        string name, string from, string to, string expected)
    {
        using var dir = new TempDir();
        var model = CopyModel(dir, SharedData.Reference(name), "model", c => c.Replace(from, to));
        ShouldRefuse(
            CliRun.Of(
                "trim", "--model", model, "--keep", Path.Combine(SharedData.Reference(name), $"kept_{name}.json"),
                "--out", dir.File("out")),
            expected, notWritten: dir.File("out"));
    }

    // ---- validate

    private static string TrimmedMt5(TempDir dir)
    {
        var slim = dir.File("slim");
        var run = CliRun.Of("trim", "--model", Mt5, "--keep", Path.Combine(Mt5, "kept_mt5-tiny.json"), "--out", slim);
        run.ExitCode.Should().Be(0, run.ToString());
        return slim;
    }

    [Fact]
    public void Validate_refuses_an_original_the_slim_folder_was_not_made_from()
    {
        using var dir = new TempDir();
        var slim = TrimmedMt5(dir);
        // Same sizes, other bytes: only the sha256 tells them apart.
        var other = CopyModel(
            dir, Mt5, "other", c => c.Replace("\"layer_norm_epsilon\": 1e-06", "\"layer_norm_epsilon\": 2e-06"));
        ShouldRefuse(
            CliRun.Of(
                "validate", "--original", other, "--slim", slim, "--input-ids", Path.Combine(Mt5, "inputs.json"),
                "--out", dir.File("v.json")),
            "config.json has sha256", progressLines: 1, notWritten: dir.File("v.json"));
        ShouldRefuse(
            CliRun.Of(
                "validate", "--original", Bloom, "--slim", slim, "--input-ids", Path.Combine(Mt5, "inputs.json"),
                "--out", dir.File("v.json")),
            "is --original the model it was trimmed from?", progressLines: 1, notWritten: dir.File("v.json"));
    }

    [Theory]
    [InlineData("[[]]", "$[0] is empty")]
    [InlineData("[]", "nothing to compare")]
    [InlineData("{\"inputs\": [[1, 2.5]]}", "$.inputs[0][1]: expected a token id")]
    [InlineData("[[1, -3]]", "$[0][1]: expected a token id")]
    [InlineData("[[1,", "not valid JSON")]
    public void Validate_refuses_input_ids_with_nothing_or_no_ids_to_compare(string json, string expected)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("ids.json"), json);
        ShouldRefuse(
            CliRun.Of(
                "validate", "--original", Mt5, "--slim", Mt5, "--input-ids", dir.File("ids.json"), "--out",
                dir.File("v.json")),
            expected, notWritten: dir.File("v.json"));
    }

    [Theory]
    [InlineData("--atol")]
    [InlineData("--rtol")]
    public void Validate_refuses_negative_tolerances_at_parse(string option) =>
        ShouldBeParseError(
            CliRun.Of("validate", "--original", Mt5, "--slim", Mt5, "--input-ids", "x", option, "-1"),
            $"{option} must be a number >= 0", "validate");

    [Theory]
    [InlineData("adapt --overall x --out o", "--overall: expected a whole number, got 'x'", "adapt")]
    [InlineData("trim --pad-to-multiple 1.5 --model m --keep k --out o",
        "--pad-to-multiple: expected a whole number, got '1.5'", "trim")]
    [InlineData("validate --atol lots --original a --slim b", "--atol: expected a number, got 'lots'", "validate")]
    [InlineData("adapt --recipe r --bogus --out o", "Unrecognized command or argument '--bogus'", "adapt")]
    [InlineData("adapt --recipe r", "Option '--out' is required", "adapt")]
    [InlineData("adapt --lang en:5 --out o", "'--lang'; Unrecognized command or argument 'en:5'; did you mean --langs?",
        "adapt")]
    [InlineData("corpus fetsh x", "'fetsh'; Unrecognized command or argument 'x'; did you mean fetch?", "corpus")]
    [InlineData("corpus fetch", "Required argument 'NAME' missing", "corpus fetch")]
    public void A_command_line_that_does_not_parse_is_one_line_in_the_users_terms(
        string commandLine, string expected, string verb) =>
        ShouldBeParseError(CliRun.Of(commandLine.Split(' ')), expected, verb);

    [Fact]
    public void Help_is_still_shown_when_asked_for_beside_a_bad_value()
    {
        var run = CliRun.Of("adapt", "--overall", "x", "--help");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Contain("--overall");
    }

    // ---- generate

    [Theory]
    [InlineData("1,,2", "item 2 is empty")]
    [InlineData("", "--input-ids is empty")]
    [InlineData("5,-1", "item 2 '-1' is not a token id")]
    [InlineData("5,x", "item 2 'x' is not a token id")]
    [InlineData("5,1024", "id 1024 at position 2 is outside the model's vocabulary (ids 0 to 1023)")]
    public void Generate_refuses_bad_input_ids(string ids, string expected)
    {
        using var dir = new TempDir();
        ShouldRefuse(
            CliRun.Of("generate", "--model", Bloom, "--input-ids", ids, "--logits-out", dir.File("l.json")), expected,
            notWritten: dir.File("l.json"));
    }

    [Fact]
    public void Generate_refuses_a_missing_folder_a_broken_config_and_broken_weights()
    {
        using var dir = new TempDir();
        ShouldRefuse(
            CliRun.Of("generate", "--model", dir.File("none"), "--input-ids", "1"), "none: no such model folder");

        var broken = CopyModel(dir, Bloom, "broken", c => c[..(c.Length / 2)]);
        ShouldRefuse(CliRun.Of("generate", "--model", broken, "--input-ids", "1"), "config.json: not valid JSON: line");

        var fractional = CopyModel(dir, Bloom, "fractional", c => c.Replace("\"n_head\": 4", "\"n_head\": 4.5"));
        ShouldRefuse(
            CliRun.Of("generate", "--model", fractional, "--input-ids", "1"), "$.n_head: expected a whole number");

        var wide = CopyModel(dir, Bloom, "wide", c => c.Replace("\"hidden_size\": 64", "\"hidden_size\": 128"));
        ShouldRefuse(
            CliRun.Of("generate", "--model", wide, "--input-ids", "1"),
            "is [1024, 64], config.json implies [1024, 128]");

        var pickle = CopyModel(dir, Bloom, "pickle");
        File.Delete(Path.Combine(pickle, "model.safetensors"));
        File.WriteAllText(Path.Combine(pickle, "pytorch_model.bin"), "cos\nsystem\n(S'echo hi'\ntR.");
        ShouldRefuse(CliRun.Of("generate", "--model", pickle, "--input-ids", "1"), "pytorch_model.bin");

        var stub = CopyModel(dir, Mt5, "stub");
        SafetensorsWriter.Write(Path.Combine(stub, "model.safetensors"),
            [new BytesTensorSource(new TensorInfo("x", Dtype.F32, new TensorShape(1)), new byte[4])]);
        ShouldRefuse(CliRun.Of("generate", "--model", stub, "--input-ids", "1"), "there is no tensor 'shared.weight'");
    }

    [Fact]
    public void Generate_on_cuda_without_cuda_says_what_to_do()
    {
        if (TorchRuntime.CudaAvailable) return;
        ShouldRefuse(
            CliRun.Of("generate", "--model", Bloom, "--input-ids", "1", "--device", "cuda"),
            "--device cuda: no CUDA device is usable");
    }

    [Fact]
    public void Generate_refuses_an_unwritable_logits_file_and_leaves_no_temporary_file()
    {
        using var dir = new TempDir();
        ShouldRefuse(
            CliRun.Of("generate", "--model", Bloom, "--input-ids", "1", "--logits-out", dir.File("no/l.json")),
            "the folder");
        // /proc/self takes no new files, even from root.
        var run = CliRun.Of(
            "generate", "--model", Bloom, "--input-ids", "1", "--max-new-tokens", "2", "--logits-out",
            "/proc/self/l.json");
        ShouldRefuse(run, "--logits-out /proc/self/l.json: cannot write it");
        run.Error.Should().NotContain(".tmp-", "the user knows only the file they asked for");
    }

    [Theory]
    [InlineData("bloom-tiny")]
    [InlineData("mt5-tiny")]
    public void Generate_refuses_more_new_tokens_than_memory_holds_before_allocating(string model)
    {
        var clock = Stopwatch.StartNew();
        ShouldRefuse(
            CliRun.Of(
                "generate", "--model", SharedData.Reference(model), "--input-ids", "1", "--max-new-tokens",
                "100000000"),
            "100,000,000 new tokens need about");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "refused before any allocation, not after");
    }

    [Fact]
    public void The_memory_check_compares_the_estimate_with_what_is_available()
    {
        using var model = LanguageModels.Load(Bloom);
        long[][] prompt = [[.. Enumerable.Repeat(5L, 10_000)]];
        var needed = model.WorkingBytes(1, 10_000, 32);
        needed.Should().BeGreaterThan(
            4e9, "a 10k-token prompt's attention scores alone are 4 heads × 10k² floats, several times over");
        FluentActions.Invoking(() => GenerationRequest.Check(model, prompt, 32, (long)(needed - 1), 0))
            .Should().Throw<InferenceRequestException>().WithMessage(
                "a 10,000-token input and 32 new tokens need about * GB*but only * GB of memory is available*");
        FluentActions.Invoking(() => GenerationRequest.Check(model, prompt, 32, (long)needed + 1, 0)).Should()
            .NotThrow();
        // The KV cache grows with the new tokens: 2 layers × keys and values × 4 heads × 16 dims × 4 bytes per
        // position.
        (model.WorkingBytes(1, 1, 1_000_001) - model.WorkingBytes(1, 1, 1)).Should()
            .BeApproximately(2 * 2 * 4 * 16 * 4 * 1e6, 1e3);
    }

    [Fact]
    public async Task Generate_with_a_bad_number_is_a_parse_error_not_an_abort_in_a_real_process()
    {
        var start = new ProcessStartInfo(
            "dotnet")
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "vocabtrim.dll"), "generate",
            "--model", Bloom, "--input-ids", "1", "--max-new-tokens", "abc" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(1, "134 was the runtime aborting on an exception thrown while parsing");
        (await error).Should().Be(
            "vocabtrim: --max-new-tokens: expected a whole number, got 'abc' (see vocabtrim generate --help)\n");
        (await output).Should().BeEmpty();
    }

    // ---- adapt, recipe, test, corpus, model

    // sysfs refuses new files even to root, so this holds whoever runs the tests. The OS's own message would name
    // the temporary file (recipe new) or the hidden lock file (adapt) instead of the output.
    [Theory]
    [InlineData("recipe new", "/sys/vocabtrim-test.json")]
    [InlineData("adapt", "/sys/vocabtrim-test")]
    public void An_output_where_files_cannot_be_made_is_named_in_one_line(string verb, string output)
    {
        var demo = Path.Combine(RepositoryPaths.Root, "recipes", "demo-en-de.json");
        ShouldRefuse(CliRun.Of([.. verb.Split(' '), "--recipe", demo, "--out", output]),
            $"cannot write {output}: no permission to create files in /sys", notWritten: output);
    }

    [Fact]
    public void Adapt_recipe_and_test_refuse_a_broken_recipe_in_one_line()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("r.json"), "{\"model\": ");
        ShouldRefuse(
            CliRun.Of("adapt", "--recipe", dir.File("r.json"), "--out", dir.File("out"), "--quiet"), "r.json: line",
            notWritten: dir.File("out"));
        ShouldRefuse(CliRun.Of("recipe", "check", dir.File("r.json")), "r.json: line");
        ShouldRefuse(
            CliRun.Of("recipe", "new", "--model", "a/b", "--langs", "en:many", "--out", dir.File("new.json")),
            "--langs", notWritten: dir.File("new.json"));
        ShouldRefuse(
            CliRun.Of("test", "--recipe", dir.File("r.json"), "--model-dir", dir.Path, "--quiet"), "r.json: line");
    }

    [Fact]
    public void Corpus_and_model_verbs_refuse_bad_manifests_and_unknown_names()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("manifest.json"), "{\"corpora\": 5}");
        ShouldRefuse(
            CliRun.Of("corpus", "list", "--manifest", dir.File("manifest.json")), "$.corpora: expected an object");
        ShouldRefuse(
            CliRun.Of("corpus", "fetch", "nothere_news_2020_1M", "--cache", dir.File("cache")),
            "'nothere_news_2020_1M' is not a corpus",
            notWritten: dir.File("cache/nothere_news_2020_1M.tar.gz"));
        ShouldRefuse(
            CliRun.Of("model", "fetch", "not/there", "--offline", "--cache", dir.File("hf"), "--quiet"),
            "not in the Hugging Face cache");
    }
}
