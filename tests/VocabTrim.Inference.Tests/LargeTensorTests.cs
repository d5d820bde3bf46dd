using TorchSharp;

namespace VocabTrim.Inference.Tests;

/// <summary>
/// Weights over 2 GB (a BLOOMZ-176B head of 65,000 kept rows is 3.8 GB in float32) go through the raw-memory
/// products: a span cannot cover them, so the products must not ask for one.
/// </summary>
public class LargeTensorTests
{
    [Fact]
    public void The_few_row_product_takes_a_weight_larger_than_a_span()
    {
        const long rows = 32_769, columns = 16_384;   // 2,147,549,184 bytes: just over int.MaxValue
        // Untouched pages of an empty tensor cost no memory; only the rows set here are ever written.
        using var weight = torch.empty([rows, columns]);
        weight[0].fill_(2f);
        weight[rows - 1].fill_(1f);
        using var x = torch.ones([1, columns]);

        using var y = FewRowProduct.Multiply(x, weight);

        y[0, 0].item<float>().Should().Be(2f * columns);
        y[0, rows - 1].item<float>().Should().Be(columns);
    }
}
