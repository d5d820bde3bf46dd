using System.Buffers.Binary;
using TorchSharp;
using VocabTrim.Checkpoints;

namespace VocabTrim.Pipeline.Tests.Surgery;

/// <summary>
/// The weights trim writes in a lower precision must be bit for bit what PyTorch's <c>.to(dtype)</c> gives
/// (libtorch is here through the inference core), over random bit patterns and every 16-bit value.
/// </summary>
public class DtypeConversionAgainstTorchTests
{
    private static readonly uint[] Edges =
    [
        0x00000000, 0x80000000, 0x00000001, 0x00008000, 0x00008001, 0x00018000, 0x007FFFFF, 0x807FFFFF, 0x00800000,
        0x33000000, 0x33000001, 0x33800000, 0x33C00000, 0x387FE000, 0x38800000, 0x3F801000, 0x3F803000, 0x3F808000,
        0x3F818000, 0x477FE000, 0x477FEFFF, 0x477FF000, 0x7F7FFFFF, 0x7F800000, 0xFF800000,
    ];

    private static uint[] Patterns()
    {
        var random = new Random(20261123);
        var values = new uint[1 << 20];
        for (var i = 0; i < values.Length; i++) values[i] = (uint)random.NextInt64(0, 1L << 32);
        // Also many values near the F16 range, where its rounding cases are.
        for (var i = 0; i < values.Length / 2; i++)
            values[i] = 0x30000000u + (uint)random.Next(0x18000000) | (uint)(i & 1) << 31;
        Edges.CopyTo(values, 0);
        return values;
    }

    private static bool IsNaN32(uint bits) => (bits & 0x7FFFFFFF) > 0x7F800000;

    [Theory]
    [InlineData(Dtype.BF16)]
    [InlineData(Dtype.F16)]
    public void F32_narrows_exactly_as_torch_does(Dtype target)
    {
        var values = Patterns();
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 * i), values[i]);
        var ours = new byte[values.Length * 2];
        FloatConversion.Convert(bytes, Dtype.F32, ours, target);

        using var source = torch.empty([values.Length], torch.ScalarType.Float32);
        bytes.CopyTo(source.bytes);
        using var converted = source.to(target == Dtype.BF16 ? torch.ScalarType.BFloat16 : torch.ScalarType.Float16);
        var theirs = converted.bytes.ToArray();

        var mismatches = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var a = BinaryPrimitives.ReadUInt16LittleEndian(ours.AsSpan(2 * i));
            var b = BinaryPrimitives.ReadUInt16LittleEndian(theirs.AsSpan(2 * i));
            // NaN: torch's vectorised BF16 path writes 0xFFFF where its scalar one writes 0x7FC0; both are NaN.
            var same = IsNaN32(values[i]) ? IsNaN16(a, target) && IsNaN16(b, target) : a == b;
            if (!same && mismatches++ < 5) Assert.Fail($"0x{values[i]:X8} → ours 0x{a:X4}, torch 0x{b:X4}");
        }
        values.Count(IsNaN32).Should().BeGreaterThan(100, "the random patterns include NaNs");
    }

    [Theory]
    [InlineData(Dtype.F16, Dtype.BF16)]
    [InlineData(Dtype.BF16, Dtype.F16)]
    [InlineData(Dtype.F16, Dtype.F32)]
    [InlineData(Dtype.BF16, Dtype.F32)]
    public void Every_16_bit_value_converts_as_torch_converts_it(Dtype from, Dtype to)
    {
        var bytes = new byte[1 << 17];
        for (var i = 0; i < 1 << 16; i++) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), (ushort)i);
        var ours = new byte[(1 << 16) * to.ElementSize];
        FloatConversion.Convert(bytes, from, ours, to);

        using var source = torch.empty([1 << 16], Scalar(from));
        bytes.CopyTo(source.bytes);
        using var converted = source.to(Scalar(to));
        var theirs = converted.bytes.ToArray();

        for (var i = 0; i < 1 << 16; i++)
        {
            if (IsNaN16((ushort)i, from))
            {
                // NaN stays NaN whatever its bits.
                (to == Dtype.F32 ? IsNaN32(BinaryPrimitives.ReadUInt32LittleEndian(ours.AsSpan(4 * i)))
                    : IsNaN16(BinaryPrimitives.ReadUInt16LittleEndian(ours.AsSpan(2 * i)), to)).Should().BeTrue();
                continue;
            }
            var span = ours.AsSpan(i * to.ElementSize, to.ElementSize).ToArray();
            span.Should().Equal(
                theirs.AsSpan(i * to.ElementSize, to.ElementSize).ToArray(), $"{from.SafetensorsName} 0x{i:X4}");
        }
    }

    private static bool IsNaN16(ushort bits, Dtype dtype) => dtype == Dtype.BF16
        ? (bits & 0x7F80) == 0x7F80 && (bits & 0x7F) != 0
        : (bits & 0x7C00) == 0x7C00 && (bits & 0x3FF) != 0;

    private static torch.ScalarType Scalar(Dtype dtype) => dtype switch
    {
        Dtype.F32 => torch.ScalarType.Float32,
        Dtype.F16 => torch.ScalarType.Float16,
        _ => torch.ScalarType.BFloat16,
    };
}
