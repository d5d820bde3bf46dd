using VocabTrim.Inference.Llama;

namespace VocabTrim.Inference.Tests;

/// <summary>The Llama family's working-memory estimate against what its cache really allocates.</summary>
public class LlamaWorkingMemoryTests
{
    [Fact]
    public void Llama_working_memory_estimate_covers_its_kv_cache_of_key_value_heads()
    {
        using var model = (LlamaModel)LanguageModels.Load(Support.ReferenceRun.Load("llama-tiny").Folder);
        using var cache = model.NewCache(4, 140 + 7);
        var cacheBytes = Enumerable.Range(0, model.Config.Layers)
            .Sum(l => cache.KeyBuffer(l).NumberOfElements + cache.ValueBuffer(l).NumberOfElements) * 4.0;
        cache.KeyBuffer(0).shape.Should().Equal(4, 2, 147, 16);
        model.WorkingBytes(4, 140, 8).Should().BeGreaterThan(cacheBytes + 2.0 * 4 * 1024 * 4)
            .And.BeLessThan(
                cacheBytes + 8.0 * 4 * 4 * 140 * 140 * 4 + 4.0 * 4 * 140 * 256 * 4 + 2.0 * 4 * 1024 * 4 + 1);
    }
}
