using System.Buffers.Binary;
using VocabTrim.Checkpoints.Tests.Support;

namespace VocabTrim.Checkpoints.Tests;

/// <summary>
/// Edge values of F32 → BF16 / F16 with their bit patterns worked out by hand (round to nearest, ties to even,
/// as c10::BFloat16 and c10::Half round). The comments give the value and why it rounds so.
/// </summary>
public class FloatConversionTests
{
    [Theory]
    [InlineData(0x3F800000u, 0x3F80)] // 1
    [InlineData(0x80000000u, 0x8000)] // -0
    [InlineData(0x3F808000u, 0x3F80)] // 1 + 2^-8: halfway between 0x3F80 and 0x3F81, ties to the even 0x3F80
    [InlineData(0x3F818000u, 0x3F82)] // halfway between 0x3F81 and 0x3F82: to the even 0x3F82
    [InlineData(0x3F808001u, 0x3F81)] // just above halfway
    [InlineData(0x3F807FFFu, 0x3F80)] // just below halfway
    [InlineData(0xC0490FDBu, 0xC049)] // -π
    [InlineData(0x7F7F7FFFu, 0x7F7F)] // below halfway under the largest BF16
    [InlineData(0x7F7FFFFFu, 0x7F80)] // the largest float rounds past the largest BF16: infinity
    [InlineData(0x7F800000u, 0x7F80)] // +inf
    [InlineData(0xFF800000u, 0xFF80)] // -inf
    [InlineData(0x7FC00000u, 0x7FC0)] // quiet NaN
    [InlineData(0xFFC00001u, 0x7FC0)] // negative NaN with payload: the canonical NaN
    // signalling NaN whose payload is all in the dropped bits: still NaN, not infinity
    [InlineData(0x7F800001u, 0x7FC0)]
    [InlineData(0x00000001u, 0x0000)] // smallest float subnormal: rounds to 0
    [InlineData(0x00008000u, 0x0000)] // halfway between 0 and the smallest BF16 subnormal: ties to 0
    [InlineData(0x00008001u, 0x0001)] // just above: the smallest BF16 subnormal
    [InlineData(0x00018000u, 0x0002)] // halfway between subnormals 1 and 2: to the even 2
    [InlineData(0x807FFFFFu, 0x8080)] // the largest negative subnormal rounds up to the smallest normal
    public void F32_to_BF16_rounds_to_nearest_even(uint f32, int bf16) =>
        FloatConversion.ToBFloat16(f32).Should().Be((ushort)bf16, $"0x{f32:X8}");

    [Theory]
    [InlineData(0x3F800000u, 0x3C00)] // 1
    [InlineData(0xC0000000u, 0xC000)] // -2
    [InlineData(0x80000000u, 0x8000)] // -0
    [InlineData(0x3F801000u, 0x3C00)] // 1 + 2^-11: halfway between 0x3C00 and 0x3C01, to the even 0x3C00
    [InlineData(0x3F803000u, 0x3C02)] // 1 + 3·2^-11: halfway between 0x3C01 and 0x3C02, to the even 0x3C02
    [InlineData(0x3F801001u, 0x3C01)] // just above halfway
    [InlineData(0x477FE000u, 0x7BFF)] // 65504, the largest F16
    [InlineData(0x477FEFFFu, 0x7BFF)] // just below 65520
    [InlineData(0x477FF000u, 0x7C00)] // 65520: halfway to 65536, ties to the even side, which is infinity
    [InlineData(0x501502F9u, 0x7C00)] // 1e10
    [InlineData(0xFF800000u, 0xFC00)] // -inf
    [InlineData(0x7FC00000u, 0x7E00)] // NaN
    [InlineData(0xFFC00000u, 0xFE00)] // negative NaN keeps its sign
    [InlineData(0x7F800001u, 0x7E00)] // signalling NaN with a payload below F16's mantissa: NaN, not infinity
    [InlineData(0x38800000u, 0x0400)] // 2^-14, the smallest normal F16
    [InlineData(0x387FC000u, 0x03FF)] // 1023·2^-24, the largest subnormal
    [InlineData(0x387FE000u, 0x0400)] // 1023.5·2^-24: ties to the even 1024, the smallest normal
    [InlineData(0x33800000u, 0x0001)] // 2^-24, the smallest subnormal
    [InlineData(0x33000000u, 0x0000)] // 2^-25: halfway between 0 and 2^-24, ties to 0
    [InlineData(0x33000001u, 0x0001)] // just above 2^-25
    [InlineData(0xB3000001u, 0x8001)] // the same, negative
    [InlineData(0x33C00000u, 0x0002)] // 1.5·2^-24: ties to the even 2
    [InlineData(0x34200000u, 0x0002)] // 2.5·2^-24: ties to the even 2
    [InlineData(0x32FFFFFFu, 0x0000)] // below 2^-25
    [InlineData(0x00000001u, 0x0000)] // a float subnormal
    [InlineData(0x80000001u, 0x8000)] // a negative float subnormal: -0
    public void F32_to_F16_rounds_to_nearest_even_through_subnormals(uint f32, int f16) =>
        FloatConversion.ToFloat16(f32).Should().Be((ushort)f16, $"0x{f32:X8}");

    [Theory]
    [InlineData(0x3C00, 0x3F800000u)]
    [InlineData(0x8000, 0x80000000u)]
    [InlineData(0x0001, 0x33800000u)] // smallest subnormal, normal in F32
    [InlineData(0x03FF, 0x387FC000u)] // largest subnormal
    [InlineData(0x0400, 0x38800000u)]
    [InlineData(0x7BFF, 0x477FE000u)]
    [InlineData(0x7C00, 0x7F800000u)]
    [InlineData(0x7E00, 0x7FC00000u)]
    [InlineData(0xFC01, 0xFF802000u)] // NaN payload carried over
    public void F16_to_F32_is_exact(int f16, uint f32) => FloatConversion.FromFloat16((ushort)f16).Should().Be(f32);

    [Fact]
    public void Every_F16_and_BF16_value_survives_widening_and_narrowing_again()
    {
        for (var bits = 0; bits <= 0xFFFF; bits++)
        {
            var h = (ushort)bits;
            var isNaN16 = (h & 0x7C00) == 0x7C00 && (h & 0x3FF) != 0;
            if (!isNaN16) FloatConversion.ToFloat16(FloatConversion.FromFloat16(h)).Should().Be(h);
            var isNaNbf = (h & 0x7F80) == 0x7F80 && (h & 0x7F) != 0;
            if (!isNaNbf) FloatConversion.ToBFloat16(FloatConversion.FromBFloat16(h)).Should().Be(h);
        }
    }

    [Theory]
    [InlineData(Dtype.F16, Dtype.BF16, 0x3C01, 0x3F80)] // 1 + 2^-10 is below BF16's half step
    [InlineData(Dtype.F16, Dtype.BF16, 0x7BFF, 0x4780)] // 65504 rounds up to 65536
    [InlineData(Dtype.BF16, Dtype.F16, 0x4780, 0x7C00)] // 65536 is infinity in F16
    [InlineData(Dtype.BF16, Dtype.F16, 0x3380, 0x0001)] // 2^-24
    [InlineData(Dtype.BF16, Dtype.F16, 0x3300, 0x0000)] // 2^-25 ties to 0
    [InlineData(Dtype.BF16, Dtype.F16, 0xFFC1, 0xFE00)] // NaN
    public void Half_to_half_goes_through_F32(Dtype from, Dtype to, int input, int expected)
    {
        var source = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(source, (ushort)input);
        var destination = new byte[2];

        FloatConversion.Convert(source, from, destination, to);

        BinaryPrimitives.ReadUInt16LittleEndian(destination).Should().Be((ushort)expected);
    }

    [Fact]
    public void Integer_dtypes_do_not_convert()
    {
        FluentActions.Invoking(() => FloatConversion.Convert(new byte[8], Dtype.I64, new byte[2], Dtype.BF16))
            .Should().Throw<ArgumentException>().WithMessage("*only F32, F16 and BF16*");
        FluentActions.Invoking(
            () => new ConvertedTensorSource(
                new BytesTensorSource(new TensorInfo("ids", Dtype.I64, new TensorShape(1)), new byte[8]), Dtype.F16))
            .Should().Throw<ArgumentException>().WithMessage("tensor 'ids'*");
    }

    [Fact]
    public void A_converted_source_streams_the_same_bytes_however_its_input_is_split()
    {
        var values = Bytes.Pattern(4 * 100_003, seed: 7);
        var info = new TensorInfo("w", Dtype.F32, new TensorShape(100_003));
        var expected = new byte[2 * 100_003];
        for (var i = 0; i < 100_003; i++)
            BinaryPrimitives.WriteUInt16LittleEndian(expected.AsSpan(2 * i),
                FloatConversion.ToBFloat16(BinaryPrimitives.ReadUInt32LittleEndian(values.AsSpan(4 * i))));

        foreach (var piece in new[] { 1, 3, 4, 7, 4096, 1 << 20 })
        {
            var source = new ConvertedTensorSource(new SplittingSource(info, values, piece), Dtype.BF16);
            using var output = new MemoryStream();
            source.WriteTo(output);

            source.Info.Should().Be(new TensorInfo("w", Dtype.BF16, new TensorShape(100_003)));
            output.ToArray().Should().Equal(expected, $"written in pieces of {piece} bytes");
        }
    }

    [Fact]
    public void A_source_that_ends_inside_an_element_is_an_error()
    {
        var info = new TensorInfo("w", Dtype.F32, new TensorShape(2));
        var source = new ConvertedTensorSource(new SplittingSource(info, new byte[7], 3), Dtype.F16);

        FluentActions.Invoking(() => source.WriteTo(new MemoryStream())).Should().Throw<InvalidDataException>()
            .WithMessage("tensor 'w': its data ended 3 bytes into a F32 element");
    }

    /// <summary>Writes its bytes in pieces of a fixed size, as chunked row copies do.</summary>
    private sealed class SplittingSource(TensorInfo info, byte[] data, int piece) : ITensorSource
    {
        public TensorInfo Info => info;

        public void WriteTo(Stream destination)
        {
            for (var offset = 0; offset < data.Length; offset += piece)
                destination.Write(data, offset, Math.Min(piece, data.Length - offset));
        }
    }
}
