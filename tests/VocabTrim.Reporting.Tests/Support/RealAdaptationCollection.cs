namespace VocabTrim.Reporting.Tests.Support;

[CollectionDefinition(Name)]
public sealed class RealAdaptationCollection : ICollectionFixture<RealAdaptation>
{
    public const string Name = "real adaptation";
}
