using VocabTrim.Common;

namespace VocabTrim.Inference;

/// <summary>
/// A model folder the inference core cannot load: no or broken config.json, a config key missing or of the
/// wrong type, an unsupported model_type, a weight whose shape or dtype contradicts the config.
/// The message starts with the file to blame.
/// </summary>
public sealed class ModelFolderException(string path, string message) : UserInputException($"{path}: {message}")
{
    public string Path { get; } = path;
}
