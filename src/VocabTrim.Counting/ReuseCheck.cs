namespace VocabTrim.Counting;

/// <summary>Whether existing counts for a language can stand in for a new count, and why (for the user).</summary>
public sealed record ReuseCheck(bool CanReuse, string Reason);
