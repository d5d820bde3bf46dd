namespace VocabTrim.DemoAssets;

/// <summary>The generator cannot run: a shared input is missing or the result would not have mT5's layout.</summary>
public sealed class DemoAssetsException(string message) : Exception(message);
