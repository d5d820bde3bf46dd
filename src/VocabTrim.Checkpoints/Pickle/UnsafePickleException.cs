namespace VocabTrim.Checkpoints.Pickle;

/// <summary>
/// A pickle that asks for something a weights file has no need of (a global such as <c>os.system</c>, or an
/// object-building opcode). Nothing of it was executed: the restricted unpickler never imports or calls.
/// </summary>
public sealed class UnsafePickleException(string path, string message) : CheckpointFormatException(path, message);
