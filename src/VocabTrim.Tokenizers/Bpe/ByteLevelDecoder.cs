using System.Text;
using System.Text.Json;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// The <c>decoder</c> stage. <c>ByteLevel</c> maps each token's characters back to bytes (a token
/// with a character outside the byte alphabet contributes its own UTF-8) and decodes the bytes,
/// replacing invalid sequences with U+FFFD. With no decoder, tokens are concatenated.
/// </summary>
public sealed class ByteLevelDecoder
{
    public bool ByteLevel { get; }

    public ByteLevelDecoder(bool byteLevel) => ByteLevel = byteLevel;

    public static ByteLevelDecoder Parse(JsonElement root, string path)
    {
        if (JsonRead.IsNull(root, "decoder")) return new ByteLevelDecoder(false);
        var type = JsonRead.TypeOf(root.GetProperty("decoder"), path);
        return type == "ByteLevel" ? new ByteLevelDecoder(true)
            : throw new TokenizerFormatException($"{path}.type", $"decoder '{type}' is not supported (ByteLevel or null)");
    }

    public string Decode(IEnumerable<string> tokens)
    {
        if (!ByteLevel) return string.Concat(tokens);
        var bytes = new List<byte>();
        foreach (var t in tokens)
            if (!ByteLevelAlphabet.TryDecode(t, bytes)) bytes.AddRange(Encoding.UTF8.GetBytes(t));
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
