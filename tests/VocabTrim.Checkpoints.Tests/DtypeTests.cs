namespace VocabTrim.Checkpoints.Tests;

public class DtypeTests
{
    [Theory]
    [InlineData(Dtype.F32, "F32", 4)]
    [InlineData(Dtype.F16, "F16", 2)]
    [InlineData(Dtype.BF16, "BF16", 2)]
    [InlineData(Dtype.F64, "F64", 8)]
    [InlineData(Dtype.I64, "I64", 8)]
    [InlineData(Dtype.I32, "I32", 4)]
    [InlineData(Dtype.I16, "I16", 2)]
    [InlineData(Dtype.I8, "I8", 1)]
    [InlineData(Dtype.U8, "U8", 1)]
    [InlineData(Dtype.Bool, "BOOL", 1)]
    [InlineData(Dtype.F8E4M3, "F8_E4M3", 1)]
    [InlineData(Dtype.U64, "U64", 8)]
    public void Each_dtype_has_its_safetensors_name_and_size(Dtype dtype, string name, int size)
    {
        dtype.SafetensorsName.Should().Be(name);
        dtype.ElementSize.Should().Be(size);
        Dtype.TryParseSafetensorsName(name, out var parsed).Should().BeTrue();
        parsed.Should().Be(dtype);
    }

    [Theory]
    [InlineData("f32")]
    [InlineData("Bool")]
    [InlineData("float32")]
    [InlineData("")]
    public void Other_names_are_not_dtypes(string name)
    {
        Dtype.TryParseSafetensorsName(name, out var parsed).Should().BeFalse();
        parsed.Should().BeNull();
    }

    [Fact]
    public void Every_dtype_name_parses_back_to_its_dtype()
    {
        foreach (var dtype in Enum.GetValues<Dtype>())
        {
            Dtype.TryParseSafetensorsName(dtype.SafetensorsName, out var parsed).Should().BeTrue();
            parsed.Should().Be(dtype);
        }
    }

    [Fact]
    public void A_tensor_info_knows_its_rows()
    {
        var info = new TensorInfo("shared.weight", Dtype.BF16, new TensorShape(250112, 512));
        info.ByteLength.Should().Be(250112L * 512 * 2);
        info.RowCount.Should().Be(250112);
        info.RowByteLength.Should().Be(1024);
        info.ToString().Should().Be("shared.weight BF16 [250112, 512]");
        var scalar = new TensorInfo("step", Dtype.I64, new TensorShape());
        scalar.ElementCount.Should().Be(1);
        var rows = () => scalar.RowCount;
        rows.Should().Throw<InvalidOperationException>().WithMessage("tensor 'step' is a scalar*");
    }
}
