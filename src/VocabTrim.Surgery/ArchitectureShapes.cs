using VocabTrim.Checkpoints;
using VocabTrim.Inference;

namespace VocabTrim.Surgery;

/// <summary>
/// Checks a checkpoint against the tensors its family's config implies
/// (<see cref="Inference.Families.IModelFamily.ExpectedTensors"/>). A checkpoint that contradicts its config (an
/// embedding narrower than d_model, a head count that does not divide the width, a missing block) is refused before
/// anything is written: trimmed as it is, it would become a folder that no loader accepts. Tensors beyond these pass
/// through unchecked.
/// </summary>
public static class ArchitectureShapes
{
    /// <param name="vocabularyRows">The rows of the vocabulary tensors (checked against vocab_size elsewhere).</param>
    public static void Check(ModelConfig config, ICheckpoint checkpoint, long vocabularyRows)
    {
        try
        {
            foreach (var (name, shape, why) in config.Family.ExpectedTensors(config.Reader, checkpoint.Tensors,
                vocabularyRows))
            {
                if (!checkpoint.Tensors.TryGetValue(name, out var info))
                    throw new ModelTrimException($"{checkpoint.Location}: tensor '{name}' is missing; {config.Path} " +
                        $"({why}) needs it");
                if (!info.Shape.AsSpan().SequenceEqual(shape))
                    throw new ModelTrimException(
                        $"{checkpoint.Location}: tensor '{name}' is {info.Shape}, but {config.Path} implies " +
                        $"{new TensorShape(shape)} ({why})");
            }
        }
        catch (ModelFolderException e)
        {
            throw new ModelTrimException(e.Message);
        }
    }
}
