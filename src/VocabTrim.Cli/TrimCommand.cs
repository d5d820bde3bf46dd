using System.CommandLine;
using VocabTrim.Counting;
using VocabTrim.Selection;
using VocabTrim.Tokenizers.SentencePiece;
using VocabTrim.Trimming;

namespace VocabTrim.Cli;

/// <summary><c>vocabtrim trim</c>: cuts a SentencePiece tokenizer down to a keep list.</summary>
public static class TrimCommand
{
    public const string ModelFile = "spiece.model";

    public static Command Create()
    {
        var tokenizer = new Option<string>("--tokenizer") { Description = "The SentencePiece model (spiece.model) to trim.", Required = true };
        var keep = new Option<string>("--keep")
        {
            Description = "The keep list: keep.json from vocabtrim select, or a JSON array of ids (new id i = old id kept[i]).",
            Required = true,
        };
        var output = new Option<string>("--out") { Description = $"The folder to write {ModelFile} into.", Required = true };

        var command = new Command("trim", "Cut the tokenizer down to the pieces of a keep list.") { tokenizer, keep, output };
        command.SetAction(parseResult => CommandErrors.Run(parseResult, stdout => Run(
            parseResult.GetRequiredValue(tokenizer), parseResult.GetRequiredValue(keep), parseResult.GetRequiredValue(output), stdout)));
        return command;
    }

    private static void Run(string tokenizerPath, string keepPath, string outputFolder, TextWriter stdout)
    {
        var model = SentencePieceModel.Load(tokenizerPath);
        var keep = KeepListFile.Read(keepPath);
        if (keep.TokenizerSha256 == null)
            stdout.WriteLine($"note: {keepPath} does not say which tokenizer it was made for; it is taken as made for {tokenizerPath}");
        var trimmed = SentencePieceTrimmer.Trim(model, keep);

        using (var staging = new StagingFolder(outputFolder))
        {
            File.WriteAllBytes(staging.File(ModelFile), trimmed.Model.ToBytes());
            staging.Commit();
        }

        stdout.WriteLine($"kept {keep.Ids.Count:N0} of {model.PieceCount:N0} pieces");
        if (trimmed.PlaceholderIds.Count > 0)
            stdout.WriteLine($"{trimmed.PlaceholderIds.Count} kept ids are beyond the tokenizer's pieces (checkpoint padding rows) " +
                $"and got unused placeholder pieces: {string.Join(", ", trimmed.PlaceholderIds)}");
        foreach (var moved in trimmed.RemappedSpecialIds) stdout.WriteLine($"trainer_spec {moved}");
        if (trimmed.DroppedSelfTestSamples > 0)
            stdout.WriteLine($"dropped {trimmed.DroppedSelfTestSamples} self-test samples that use dropped pieces");
        stdout.WriteLine($"wrote {Path.Combine(Path.GetFullPath(outputFolder), ModelFile)}");
    }
}
