using VocabTrim.Common;

namespace VocabTrim.Cli;

/// <summary>A command line that parses but asks for something impossible or malformed.</summary>
public sealed class UsageException(string message) : UserInputException(message);
