using VocabTrim.Reporting;

namespace VocabTrim.Reporting.Tests;

public class NumbersTests
{
    [Theory]
    [InlineData(1.52587890625e-5, "1.526e-5")]
    [InlineData(1e-4, "1e-4")]
    [InlineData(0.0, "0")]   // a head-only validation's logit difference is exactly zero
    public void Scientific_writes_small_numbers_to_four_digits_and_zero_plainly(double value, string expected) =>
        Numbers.Scientific(value).Should().Be(expected);
}
