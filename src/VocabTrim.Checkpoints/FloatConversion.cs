using System.Runtime.InteropServices;

namespace VocabTrim.Checkpoints;

/// <summary>
/// Conversions between F32, F16 and BF16 bit patterns exactly as PyTorch's <c>.to(torch.float16)</c> and
/// <c>.to(torch.bfloat16)</c> do (c10::Half and c10::BFloat16): round to nearest, ties to even, through
/// subnormals; overflow becomes infinity. Narrowing goes through F32, as PyTorch's F16 → BF16 does.
/// NaN becomes the canonical quiet NaN of c10's scalar conversions: BF16 0x7FC0 and F16 sign | 0x7E00. (PyTorch's
/// vectorised BF16 path writes 0xFFFF instead; both are NaN, and NaN weights are a defect either way.)
/// </summary>
public static class FloatConversion
{
    /// <summary>The dtypes this converts between: what a model's weights are stored in.</summary>
    public static bool IsFloatingPoint(Dtype dtype) => dtype is Dtype.F32 or Dtype.F16 or Dtype.BF16;

    public static ushort ToBFloat16(uint f32)
    {
        if ((f32 & 0x7FFFFFFF) > 0x7F800000) return 0x7FC0;
        // Adding 0x7FFF plus the lowest kept bit rounds half to even; a carry into the exponent is correct
        // (it makes the next binade or infinity).
        return (ushort)((f32 + 0x7FFF + ((f32 >> 16) & 1)) >> 16);
    }

    public static ushort ToFloat16(uint f32)
    {
        var sign = (ushort)((f32 >> 16) & 0x8000);
        var abs = f32 & 0x7FFFFFFF;
        if (abs > 0x7F800000) return (ushort)(sign | 0x7E00);
        // 65520 = 0x477FF000 lies halfway between F16's largest finite value 65504 and 65536; ties go to the even
        // 65536, which is infinity.
        if (abs >= 0x477FF000) return (ushort)(sign | 0x7C00);
        if (abs >= 0x38800000)
        {
            // Normal in F16 (≥ 2^-14): rebias the exponent by 127 - 15 and round off 13 mantissa bits.
            var rebiased = abs - 0x38000000;
            return (ushort)(sign | ((rebiased + 0xFFF + ((rebiased >> 13) & 1)) >> 13));
        }
        var exponent = (int)(abs >> 23);
        // Below 2^-25 (and 2^-25 itself, a tie with the even 0) rounds to zero.
        if (exponent < 102) return sign;
        // Subnormal in F16: the value in units of 2^-24 is mantissa · 2^(exponent - 126).
        var mantissa = (abs & 0x7FFFFF) | 0x800000;
        var shift = 126 - exponent;
        var result = mantissa >> shift;
        var rest = mantissa & ((1u << shift) - 1);
        var half = 1u << (shift - 1);
        if (rest > half || rest == half && (result & 1) == 1) result++;
        return (ushort)(sign | result);
    }

    public static uint FromBFloat16(ushort bf16) => (uint)bf16 << 16;

    public static uint FromFloat16(ushort f16)
    {
        var sign = (uint)(f16 & 0x8000) << 16;
        var exponent = (f16 >> 10) & 0x1F;
        var mantissa = (uint)(f16 & 0x3FF);
        if (exponent == 0x1F) return sign | 0x7F800000 | (mantissa << 13);
        if (exponent != 0) return sign | ((uint)(exponent + 112) << 23) | (mantissa << 13);
        if (mantissa == 0) return sign;
        // Subnormal: normalise, every F16 subnormal is a normal F32.
        var e = 113;
        while ((mantissa & 0x400) == 0)
        {
            mantissa <<= 1;
            e--;
        }
        return sign | ((uint)e << 23) | ((mantissa & 0x3FF) << 13);
    }

    /// <summary>
    /// Converts whole elements of <paramref name="from"/> (little-endian) into <paramref name="to"/>;
    /// <paramref name="destination"/> must hold as many elements as <paramref name="source"/>.
    /// </summary>
    public static void Convert(ReadOnlySpan<byte> source, Dtype from, Span<byte> destination, Dtype to)
    {
        if (!IsFloatingPoint(from) || !IsFloatingPoint(to))
            throw new ArgumentException($"only F32, F16 and BF16 convert, not {from.SafetensorsName} → " +
                $"{to.SafetensorsName}");
        var count = source.Length / from.ElementSize;
        if (source.Length % from.ElementSize != 0 || destination.Length != count * to.ElementSize)
            throw new ArgumentException($"{source.Length} bytes of {from.SafetensorsName} do not fill " +
                $"{destination.Length} bytes of {to.SafetensorsName}");
        if (from == to)
        {
            source.CopyTo(destination);
            return;
        }
        // Checkpoints are little-endian, and so is every host libtorch runs on (the inference core copies raw bytes
        // too).
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("dtype conversion needs a little-endian host");
        // One loop per pair of dtypes: a switch per element would run at half the speed.
        ConvertLittleEndian(source, from, destination, to);
    }

    private static void ConvertLittleEndian(ReadOnlySpan<byte> source, Dtype from, Span<byte> destination, Dtype to)
    {
        if (from == Dtype.F32)
        {
            var input = MemoryMarshal.Cast<byte, uint>(source);
            var output = MemoryMarshal.Cast<byte, ushort>(destination);
            if (to == Dtype.BF16) for (var i = 0; i < input.Length; i++) output[i] = ToBFloat16(input[i]);
            else for (var i = 0; i < input.Length; i++) output[i] = ToFloat16(input[i]);
            return;
        }
        var halves = MemoryMarshal.Cast<byte, ushort>(source);
        if (to == Dtype.F32)
        {
            var output = MemoryMarshal.Cast<byte, uint>(destination);
            if (from == Dtype.BF16) for (var i = 0; i < halves.Length; i++) output[i] = FromBFloat16(halves[i]);
            else for (var i = 0; i < halves.Length; i++) output[i] = FromFloat16(halves[i]);
            return;
        }
        var result = MemoryMarshal.Cast<byte, ushort>(destination);
        if (from == Dtype.F16) for (var i = 0; i < halves.Length; i++) result[i] = ToBFloat16(FromFloat16(halves[i]));
        else for (var i = 0; i < halves.Length; i++) result[i] = ToFloat16(FromBFloat16(halves[i]));
    }
}
