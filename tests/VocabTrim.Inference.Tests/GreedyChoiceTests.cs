using TorchSharp;
using VocabTrim.Inference.Generation;

namespace VocabTrim.Inference.Tests;

/// <summary><see cref="GreedyChoice"/> picks what torch's argmax picks, on the rows that tell them apart.</summary>
public class GreedyChoiceTests
{
    private static long[] Torch(torch.Tensor logits)
    {
        using var picked = logits.argmax(-1);
        return picked.data<long>().ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(47_105)]
    public void Random_rows_give_torchs_index(int vocab)
    {
        torch.manual_seed(vocab);
        using var logits = torch.randn(5, vocab);
        GreedyChoice.Of(logits).Should().Equal(Torch(logits));
    }

    [Theory]
    [InlineData("ties: the first of equal maxima", new[] { 1f, 3f, 2f, 3f, 0f, 3f, 1f, 1f, 1f, 3f })]
    [InlineData("a tie between a vector lane and the tail", new[] { 0f, 0f, 5f, 0f, 0f, 0f, 0f, 0f, 5f })]
    [InlineData("signed zeros are equal", new[] { -1f, -0f, -2f, 0f, -3f, -1f, -1f, -1f, -1f })]
    [InlineData("all negative infinity",
        new[] { float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity })]
    [InlineData("positive infinity", new[] { 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, float.PositiveInfinity, 9f })]
    [InlineData("NaN wins, the first NaN", new[] { 1f, 9f, float.NaN, 3f, float.NaN, 2f, 2f, 2f, 2f, 2f })]
    [InlineData("NaN in the tail", new[] { 1f, 9f, 0f, 3f, 8f, 2f, 2f, 2f, 2f, float.NaN, 1f })]
    public void Edge_rows_give_torchs_index(string why, float[] row)
    {
        using var logits = torch.tensor(row).view(1, -1);
        GreedyChoice.Of(logits).Should().Equal(Torch(logits), why);
        GreedyChoice.Of(row.AsSpan()).Should().Be(Torch(logits)[0], why);
    }

    [Fact]
    public void Logits_it_does_not_scan_go_to_torch()
    {
        torch.manual_seed(3);
        using var logits = torch.randn(40, 3);
        using var transposed = logits.t();                               // [3, 40], not contiguous
        GreedyChoice.Of(transposed).Should().Equal(Torch(transposed));
        using var half = logits.to(torch.ScalarType.BFloat16);
        GreedyChoice.Of(half).Should().Equal(Torch(half));
    }

    [Theory]
    [InlineData(new long[] { 7 })]
    [InlineData(new long[] { 2, 3, 4 })]
    [InlineData(new long[] { 2, 0 })]
    public void Logits_of_another_shape_are_refused_with_the_shape_they_have(long[] shape)
    {
        using var logits = torch.zeros(shape);
        var act = () => GreedyChoice.Of(logits);
        act.Should().Throw<ArgumentException>().WithMessage($"*[batch, vocab], got [{string.Join(", ", shape)}]*");
    }
}
