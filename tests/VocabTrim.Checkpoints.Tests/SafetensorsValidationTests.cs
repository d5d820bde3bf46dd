using VocabTrim.Checkpoints.Safetensors;
using VocabTrim.Checkpoints.Tests.Support;
using VocabTrim.TestSupport;

namespace VocabTrim.Checkpoints.Tests;

/// <summary>
/// Broken safetensors files are refused with a message naming the file and, where one is to blame, the tensor.
/// </summary>
public class SafetensorsValidationTests
{
    private const string Good = """{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}""";

    [Fact]
    public void A_well_formed_crafted_file_opens()
    {
        // The baseline the broken cases below differ from in one respect each.
        using var dir = new TempDir();
        var path = dir.File("good.safetensors");
        SafetensorsFiles.WriteRaw(path, Good, 24);
        using var reader = SafetensorsReader.Open(path);
        reader.Info("a").Shape.Should().Equal(2, 3);
        reader.Metadata.Should().BeEmpty();
        reader.ReadTensor("a").Should().Equal(Enumerable.Range(0, 24).Select(i => (byte)i));
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}""", "the header is not valid JSON*", null)]
    [InlineData("""[1, 2]""", "the header is not a JSON object", null)]
    [InlineData(
        """{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}} x""", "the header is not valid JSON*", null)]
    [InlineData(
        """{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"a":{"dtype":"F32","shape":[2,3],"data_""" +
        """offsets":[0,24]}}""", "the name appears twice in the header", "a")]
    [InlineData(
        """{"__metadata__":{"format":"pt"},"__metadata__":{}}""", "__metadata__ appears twice in the header", null)]
    [InlineData("""{"__metadata__":{"format":1}}""", "__metadata__ value of 'format' is not a string", null)]
    [InlineData("""{"a":{"dtype":"F7","shape":[2,3],"data_offsets":[0,24]}}""", "unknown dtype 'F7'", "a")]
    [InlineData(
        """{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,40]}}""",
        "data_offsets [0, 40] lie outside the data section of 24 bytes", "a")]
    [InlineData(
        """{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[24,0]}}""", "data_offsets [24, 0] end before they begin",
        "a")]
    [InlineData(
        """{"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,24]}}""",
        "shape [2, 2] of F32 needs 16 bytes but data_offsets [0, 24] span 24", "a")]
    [InlineData(
        """{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"b":{"dtype":"U8","shape":[8],"data_offsets":""" +
        """[16,24]}}""", "data_offsets [16, 24] overlap those of 'a' [0, 24]", "b")]
    [InlineData("""{"a":{"dtype":"F32","data_offsets":[0,24]}}""", "the header entry has no shape", "a")]
    [InlineData(
        """{"a":{"dtype":"F32","shape":[2,-3],"data_offsets":[0,24]}}""",
        "shape holds something other than non-negative integers", "a")]
    [InlineData(
        """{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0]}}""", "data_offsets has 1 numbers, not 2 (begin, end)",
        "a")]
    [InlineData(
        """{"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,24]}}""",
        "shape [4611686018427387904, 4] is too large for any file", "a")]
    [InlineData(
        """{"a":{"dtype":"F32","dtype":"F16","shape":[2,3],"data_offsets":[0,24]}}""",
        "'dtype' appears twice in its header entry", "a")]
    public void A_broken_header_is_refused(string header, string message, string? tensor)
    {
        using var dir = new TempDir();
        var path = dir.File("broken.safetensors");
        SafetensorsFiles.WriteRaw(path, header, 24);
        var act = () => SafetensorsReader.Open(path);
        var prefix = tensor is null ? $"{path}: " : $"{path}: tensor '{tensor}': ";
        act.Should().Throw<CheckpointFormatException>().WithMessage(prefix + message)
            .Which.Tensor.Should().Be(tensor);
    }

    [Fact]
    public void A_header_length_beyond_the_file_is_refused()
    {
        using var dir = new TempDir();
        var path = dir.File("short.safetensors");
        SafetensorsFiles.WriteRaw(path, Good, 24, declaredLength: 1_000_000);
        var act = () => SafetensorsReader.Open(path);
        act.Should().Throw<CheckpointFormatException>()
            .WithMessage($"{path}: the header length 1000000 exceeds the {Good.Length + 24} bytes that follow it");
    }

    [Fact]
    public void A_header_over_the_100_MB_limit_is_refused()
    {
        using var dir = new TempDir();
        var path = dir.File("huge-header.safetensors");
        // A sparse file: the length is checked before any of the header is read.
        using (var stream = new FileStream(path, FileMode.Create))
        {
            stream.Write(BitConverter.GetBytes(100_000_008UL));
            stream.SetLength(100_000_100);
        }
        var act = () => SafetensorsReader.Open(path);
        act.Should().Throw<CheckpointFormatException>()
            .WithMessage($"{path}: the header length 100000008 is over the limit of 100000000 bytes");
    }

    [Fact]
    public void A_file_too_short_for_the_header_length_is_refused()
    {
        using var dir = new TempDir();
        var path = dir.File("tiny.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        var act = () => SafetensorsReader.Open(path);
        act.Should().Throw<CheckpointFormatException>().WithMessage($"{path}: the file has 3 bytes, too few*");
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        using var dir = new TempDir();
        var path = dir.File("empty.safetensors");
        File.WriteAllBytes(path, []);
        var act = () => SafetensorsReader.Open(path);
        act.Should().Throw<CheckpointFormatException>().WithMessage($"{path}: the file has 0 bytes*");
    }

    [Fact]
    public void Reading_outside_a_tensor_or_an_unknown_tensor_is_an_error()
    {
        using var dir = new TempDir();
        var path = dir.File("good.safetensors");
        SafetensorsFiles.WriteRaw(path, Good, 24);
        using var reader = SafetensorsReader.Open(path);
        var past = () => reader.ReadBytes("a", 20, new byte[8]);
        past.Should().Throw<ArgumentOutOfRangeException>().WithMessage(
            "*bytes [20, 28) are outside tensor 'a' of 24 bytes*");
        var unknown = () => reader.ReadTensor("b");
        unknown.Should().Throw<CheckpointFormatException>().WithMessage($"{path}: there is no tensor 'b'");
    }

    [Fact]
    public void Empty_tensors_and_gaps_are_accepted()
    {
        // An empty tensor occupies no bytes, so it may sit anywhere; the reader does not insist on a gapless layout.
        using var dir = new TempDir();
        var path = dir.File("sparse.safetensors");
        SafetensorsFiles.WriteRaw(path,
            """{"e":{"dtype":"F32","shape":[0,5],"data_offsets":[4,4]},"a":{"dtype":"U8","shape":[4],"data_""" +
            """offsets":[0,4]},"b":{"dtype":"U8","shape":[2],"data_offsets":[8,10]}}""", 12);
        using var reader = SafetensorsReader.Open(path);
        reader.ReadTensor("e").Should().BeEmpty();
        reader.ReadTensor("b").Should().Equal(8, 9);
        reader.Tensors.Keys.Should().Equal("e", "a", "b");
    }
}
