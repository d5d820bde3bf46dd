using System.Buffers.Binary;
using System.Text;

namespace VocabTrim.Checkpoints.Tests.Support;

/// <summary>Writes safetensors files byte by byte, to craft broken ones the writer would never make.</summary>
internal static class SafetensorsFiles
{
    /// <summary>
    /// An 8-byte length (the header's, unless <paramref name="declaredLength"/> lies), the header, then data.
    /// </summary>
    public static void WriteRaw(string path, string header, int dataBytes, ulong? declaredLength = null)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        for (var i = 0; i < dataBytes; i++) bytes[8 + json.Length + i] = (byte)i;
        File.WriteAllBytes(path, bytes);
    }
}
