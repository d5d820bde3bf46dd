using System.Security.Cryptography;
using Google.Protobuf;
using VocabTrim.Common;
using VocabTrim.Tokenizers.SentencePiece.Proto;
using PieceType = VocabTrim.Tokenizers.SentencePiece.Proto.ModelProto.Types.SentencePiece.Types.Type;

namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>
/// A <c>spiece.model</c> file: the serialised <see cref="ModelProto"/>. Reading then writing an
/// unmodified model gives the identical bytes (fields are kept with their presence, unknown fields
/// are preserved).
/// </summary>
public sealed class SentencePieceModel
{
    public ModelProto Proto { get; }

    /// <summary>Where the model was read from, for error messages; "(memory)" otherwise.</summary>
    public string Source { get; }

    // The bytes the model was read from: writing keeps their field order (see ProtobufFieldOrder).
    private readonly byte[]? _original;

    public SentencePieceModel(ModelProto proto, string source = "(memory)", byte[]? original = null)
    {
        Proto = proto;
        Source = source;
        _original = original;
    }

    public static SentencePieceModel Load(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new TokenizerFormatException(path, $"cannot read the file: {e.Message}"); }
        return Parse(bytes, path);
    }

    public static SentencePieceModel Parse(ReadOnlySpan<byte> bytes, string source = "(memory)")
    {
        ModelProto proto;
        try { proto = ModelProto.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e)
        { throw new TokenizerFormatException(source, $"not a SentencePiece model (protobuf ModelProto): {e.Message}"); }
        if (proto.Pieces.Count == 0)
            throw new TokenizerFormatException(source, "not a SentencePiece model: it has no pieces");
        return new SentencePieceModel(proto, source, bytes.ToArray());
    }

    public int PieceCount => Proto.Pieces.Count;

    public TrainerSpec.Types.ModelType ModelType =>
        Proto.TrainerSpec?.ModelType ?? TrainerSpec.Types.ModelType.Unigram;

    public string PieceAt(int id) => Proto.Pieces[id].Piece;

    public PieceKind KindOf(int id) => ToKind(Proto.Pieces[id].Type);

    public static PieceKind ToKind(PieceType type) => type switch
    {
        PieceType.Normal => PieceKind.Normal,
        PieceType.Unknown => PieceKind.Unknown,
        PieceType.Control => PieceKind.Control,
        PieceType.UserDefined => PieceKind.UserDefined,
        PieceType.Byte => PieceKind.Byte,
        PieceType.Unused => PieceKind.Unused,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown SentencePiece piece type"),
    };

    /// <summary>A model with the same provenance (field order) and a different content.</summary>
    public SentencePieceModel With(ModelProto proto) => new(proto, Source, _original);

    public byte[] ToBytes()
    {
        var canonical = Proto.ToByteArray();
        if (_original == null) return canonical;
        return ProtobufFieldOrder.Reorder(canonical, _original, TopLevelNesting);
    }

    // ModelProto fields 2, 3 and 5 are spec messages whose own field order is preserved too.
    private static Func<int, object?>? TopLevelNesting(int field) =>
        field is 2 or 3 or 5 ? static _ => null : null;

    /// <summary>
    /// SHA-256 of the serialised model, lowercase hex: identifies the tokenizer in counts and keep lists.
    /// </summary>
    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(ToBytes()));

    /// <summary>
    /// Writes the model to <paramref name="path"/> through a temporary file, so a failure leaves no partial file.
    /// </summary>
    public void Save(string path) => AtomicFile.Write(path, stream => stream.Write(ToBytes()));
}
