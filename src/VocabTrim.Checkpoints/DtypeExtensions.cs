using System.Diagnostics.CodeAnalysis;

namespace VocabTrim.Checkpoints;

/// <summary>Element sizes and the names the safetensors header uses for each <see cref="Dtype"/>.</summary>
public static class DtypeExtensions
{
    extension(Dtype dtype)
    {
        /// <summary>Bytes per element.</summary>
        public int ElementSize => dtype switch
        {
            Dtype.Bool or Dtype.U8 or Dtype.I8 or Dtype.F8E5M2 or Dtype.F8E4M3 => 1,
            Dtype.I16 or Dtype.U16 or Dtype.F16 or Dtype.BF16 => 2,
            Dtype.I32 or Dtype.U32 or Dtype.F32 => 4,
            Dtype.F64 or Dtype.I64 or Dtype.U64 => 8,
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a dtype"),
        };

        /// <summary>The "dtype" string of a safetensors header: "F32", "BF16", "BOOL", "F8_E4M3"...</summary>
        public string SafetensorsName => dtype switch
        {
            Dtype.Bool => "BOOL",
            Dtype.F8E5M2 => "F8_E5M2",
            Dtype.F8E4M3 => "F8_E4M3",
            _ when Enum.IsDefined(dtype) => dtype.ToString(),
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a dtype"),
        };

        public static bool TryParseSafetensorsName(string name, [NotNullWhen(true)] out Dtype? result)
        {
            foreach (var candidate in Enum.GetValues<Dtype>())
            {
                if (candidate.SafetensorsName == name)
                {
                    result = candidate;
                    return true;
                }
            }
            result = null;
            return false;
        }
    }
}
