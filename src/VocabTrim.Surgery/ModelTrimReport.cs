using VocabTrim.Checkpoints;

namespace VocabTrim.Surgery;

/// <summary>What <see cref="ModelTrimmer"/> did, for the command line and for vocabtrim.json.</summary>
/// <param name="RowsBefore">Vocabulary rows of the original embedding (including padding rows without a piece).</param>
/// <param name="RowsAfter">
/// Rows of the trimmed matrices: the kept ids plus <paramref name="PaddingRowsAdded"/> zero rows.
/// </param>
/// <param name="PlaceholderIds">Kept ids without a tokenizer piece, which got a placeholder piece.</param>
/// <param name="Tensors">Every tensor of the original and what became of it.</param>
/// <param name="WeightFiles">The weight files written (names in the output folder).</param>
/// <param name="LeftOut">Files of the model folder not carried over, with the reason.</param>
/// <param name="Dtype">
/// The dtype asked for the floating-point weights (<see cref="WeightDtype.Keep"/>: as stored).
/// </param>
/// <param name="ConvertedTensors">Tensors written in another dtype than the original stores them in.</param>
public sealed record ModelTrimReport(
    string OutputFolder,
    string ModelType,
    int Kept,
    long RowsBefore,
    long RowsAfter,
    long PaddingRowsAdded,
    IReadOnlyList<int> PlaceholderIds,
    IReadOnlyList<PlannedTensor> Tensors,
    long ParametersBefore,
    long ParametersAfter,
    long BytesBefore,
    long BytesAfter,
    IReadOnlyList<string> WeightFiles,
    IReadOnlyDictionary<string, string> LeftOut,
    IReadOnlyList<string> Notes,
    WeightDtype Dtype = WeightDtype.Keep,
    int ConvertedTensors = 0)
{
    /// <summary>What was written as vocabtrim.json (the sources' digests, the keep list's hash, the ids).</summary>
    public TrimManifest? Manifest { get; init; }
}
