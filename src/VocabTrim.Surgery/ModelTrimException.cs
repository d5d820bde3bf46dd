using VocabTrim.Common;

namespace VocabTrim.Surgery;

/// <summary>
/// A model folder and keep list that cannot be trimmed together: missing or unsupported config, a special id
/// the keep list drops, a vocabulary-sized tensor of unknown role. The message names the file or tensor to blame.
/// </summary>
public sealed class ModelTrimException(string message) : UserInputException(message);
