namespace VocabTrim.Inference.Tests.Support;

/// <summary>Tests that need libtorch's thread count to stay as it is while they run: none runs beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchThreadCountCollection
{
    public const string Name = "libtorch's thread count";
}
