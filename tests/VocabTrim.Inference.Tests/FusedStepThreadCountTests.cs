using TorchSharp;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Tests.Support;
using VocabTrim.TestSupport;

namespace VocabTrim.Inference.Tests;

/// <summary>
/// The fused step's logits do not depend on how many threads split it. Alone in its collection: it sets
/// libtorch's thread count, which every generation elsewhere reads and sets too.
/// </summary>
[Collection(TorchThreadCountCollection.Name)]
public class FusedStepThreadCountTests
{
    [Fact]
    public void Fused_logits_are_the_same_bits_whatever_the_thread_count()
    {
        using var model = LanguageModels.Load(SharedData.Reference("mt5-tiny"));
        var prompts = TensorData.Sequences([[5, 17, 33, 1], [40, 41, 42, 43, 44, 1], [9, 1]]);
        var options = new GenerationOptions(6, StopAtEos: false, KeepStepLogits: true);
        var threads = torch.get_num_threads();
        try
        {
            torch.set_num_threads(1);
            var one = new GreedyGenerator(model).Generate(prompts, options);
            torch.set_num_threads(2);
            var two = new GreedyGenerator(model).Generate(prompts, options);
            for (var i = 0; i < prompts.Count; i++)
                for (var step = 0; step < 6; step++)
                    two.StepLogits[i][step].Should().Equal(one.StepLogits[i][step], $"sequence {i} step {step}");
        }
        finally { torch.set_num_threads(threads); }
    }
}
