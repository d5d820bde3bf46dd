namespace VocabTrim.Tokenizers.Tests.Bpe;

/// <summary>Test classes that share the trained BLOOM-format tokenizers (trained once per run).</summary>
[CollectionDefinition(Name)]
public sealed class BloomCollection : ICollectionFixture<BloomTokenizers>
{
    public const string Name = "bloom-format tokenizers";
}
